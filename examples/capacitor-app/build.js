// The web build (npm run build): src/ -> www/, Capacitor's webDir.
//   www/app.js      src/app.js bundled by esbuild, with @capacitor/core and the plugin's
//                   JavaScript API (cordova-plugin-monaca-cloud-error's www/monaca-cloud-error.js)
//   www/monaca/     the plugin's WebAssembly core and its loader, copied from the installed
//                   plugin: index.html loads the loader with a <script> tag, which is how the
//                   plugin's API finds the core where Cordova's bridge is absent (Capacitor's web
//                   platform); the loader fetches the .wasm from beside itself
//   www/index.html, www/app.css   copied from src/
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const esbuild = require('esbuild');

const www = path.join(__dirname, 'www');
const plugin = path.dirname(require.resolve('cordova-plugin-monaca-cloud-error/package.json'));
const core = [
    path.join(plugin, 'src', 'browser', 'monaca-cloud-error-wasm.js'),
    path.join(plugin, 'native', 'browser', 'monaca_cloud_error.wasm')
];

fs.rmSync(www, { recursive: true, force: true });
fs.mkdirSync(path.join(www, 'monaca'), { recursive: true });
for (const file of ['index.html', 'app.css']) fs.copyFileSync(path.join(__dirname, 'src', file), path.join(www, file));
for (const file of core) fs.copyFileSync(file, path.join(www, 'monaca', path.basename(file)));
esbuild.buildSync({
    entryPoints: [path.join(__dirname, 'src', 'app.js')],
    outfile: path.join(www, 'app.js'),
    bundle: true,
    format: 'iife',
    target: 'es2020',
    // The plugin's API asks for Cordova's 'cordova/exec' inside a try: esbuild leaves that
    // require to run time, where on the web platform it finds no module and the API falls back
    // to the WebAssembly core.
    logLevel: 'warning'
});
console.log(`build.js: ${www} (app.js, index.html, app.css, monaca/${core.map((f) => path.basename(f)).join(', monaca/')})`);
