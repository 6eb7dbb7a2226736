#!/usr/bin/env node
// Checks a Capacitor app (made by test/capacitor.sh) after `npx cap sync`: each file of the
// plugin is where Capacitor's Cordova support builds it from, byte for byte.
//
//   node check-capacitor.js APP_DIR PLUGIN_DIR
//
// Android (module android/capacitor-cordova-android-plugins, a library module):
//   - every Kotlin <source-file> under src/main/kotlin/<its package>/, with the Kotlin Gradle
//     plugin applied to the module (Capacitor turns it on for .kt sources)
//   - the native library's folder src/main/monaca-cloud-error/ (JNI shim sources, each ABI's
//     archive, R8 rules) as src/android/monaca-cloud-error.gradle expects it, and that Gradle file
//     applied to the module
//   - <feature name="MonacaCloudError"> in the app's res/xml/config.xml
// iOS (pod CordovaPlugins, ios/capacitor-cordova-ios-plugins):
//   - every Swift <source-file> in sources/CordovaPluginMonacaCloudError/ (Capacitor prepends
//     `import Cordova`), the XCFramework beside them and in the podspec's vendored_frameworks
//   - <feature name="MonacaCloudError"> in ios/App/App/config.xml
// Both: every js-module of plugin.xml's common part in the web assets (the API, and the
// WebAssembly core it reads responses with: the byte mover and the embedded module), each
// wrapped in cordova.define as Capacitor does and listed in cordova_plugins.js, with the API's
// clobbers.
// Prints one line per check; exits 1 if any fails.
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const { tally, sameContent } = require('./support/placement');

const [appDir, pluginDir] = process.argv.slice(2);
if (!appDir || !pluginDir) {
  console.error('usage: check-capacitor.js APP_DIR PLUGIN_DIR');
  process.exit(2);
}
const { check, finish } = tally();
const read = (file) => (fs.existsSync(file) ? fs.readFileSync(file) : null);
const text = (file) => (fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '');
const rel = (p) => path.relative(appDir, p);

const xml = text(path.join(pluginDir, 'plugin.xml'));
const platformXml = (name) => xml.split(`<platform name="${name}">`)[1].split('</platform>')[0];
const attrs = (block, tag) => [...block.matchAll(new RegExp(`<${tag}\\s([^>]*?)/?>`, 'g'))].map((m) =>
  Object.fromEntries([...m[1].matchAll(/([\w-]+)="([^"]*)"/g)].map((a) => [a[1], a[2]])));

// ---- Android ----------------------------------------------------------------------------------
const pluginsModule = path.join(appDir, 'android', 'capacitor-cordova-android-plugins');
const moduleGradle = text(path.join(pluginsModule, 'build.gradle'));
check('capacitor-cordova-android-plugins is a library module', /apply plugin: 'com\.android\.library'/.test(moduleGradle));
check('the Kotlin Gradle plugin is applied to it', /apply plugin: 'kotlin-android'/.test(moduleGradle));
const android = platformXml('android');
for (const source of attrs(android, 'source-file')) {
  const dest = path.join(pluginsModule, 'src', 'main', source['target-dir'].replace(/^app\/src\/main\//, ''),
    path.basename(source.src));
  check(`android ${source.src} at ${rel(dest)}`, sameContent(path.join(pluginDir, source.src), dest), 'missing or different');
  const pkg = /^package\s+([\w.]+)/m.exec(text(dest));
  check(`${path.basename(source.src)} sits in its package's folder under src/main/kotlin`,
    pkg !== null && path.dirname(dest).endsWith(path.join('src', 'main', 'kotlin', ...pkg[1].split('.'))));
}
for (const resource of attrs(android, 'resource-file')) {
  const dest = path.join(pluginsModule, 'src', 'main', resource.target);
  check(`android ${resource.src} at ${rel(dest)}`, sameContent(path.join(pluginDir, resource.src), dest), 'missing or different');
}
for (const abi of ['arm64-v8a', 'armeabi-v7a', 'x86', 'x86_64']) {
  const archive = path.join(pluginsModule, 'src', 'main', 'monaca-cloud-error', 'prebuilt', 'lib', abi, 'libmonaca_cloud_error.a');
  check(`the ${abi} archive is where the Gradle file's CMake route takes it`, fs.existsSync(archive));
}
check('jni/CMakeLists.txt is where the Gradle file points CMake',
  fs.existsSync(path.join(pluginsModule, 'src', 'main', 'monaca-cloud-error', 'jni', 'CMakeLists.txt')));
for (const framework of attrs(android, 'framework')) {
  const applied = `apply from: "../../node_modules/cordova-plugin-monaca-cloud-error/${framework.src}"`;
  check(`${framework.src} applied to capacitor-cordova-android-plugins`, moduleGradle.includes(applied));
  const inApp = text(path.join(appDir, 'android', 'app', 'capacitor.build.gradle')).includes(applied);
  check(`${framework.src} applied to the app module too (where it finds no native folder and does nothing)`, inApp);
  check('the app module holds no native folder of its own',
    !fs.existsSync(path.join(appDir, 'android', 'app', 'src', 'main', 'monaca-cloud-error')));
}
const androidConfig = text(path.join(appDir, 'android', 'app', 'src', 'main', 'res', 'xml', 'config.xml'));
check('android config.xml has <feature name="MonacaCloudError">',
  /<feature name="MonacaCloudError">\s*<param name="android-package" value="dev\.cloudrpc\.monaca\.cordova\.MonacaCloudErrorPlugin"/.test(androidConfig));

// ---- iOS --------------------------------------------------------------------------------------
const pod = path.join(appDir, 'ios', 'capacitor-cordova-ios-plugins');
const sources = path.join(pod, 'sources', 'CordovaPluginMonacaCloudError');
const ios = platformXml('ios');
for (const source of attrs(ios, 'source-file')) {
  const dest = path.join(sources, path.basename(source.src));
  const original = read(path.join(pluginDir, source.src));
  const copied = read(dest);
  // Capacitor puts `import Cordova` in front of each Swift file.
  check(`ios ${source.src} at ${rel(dest)}`, copied !== null &&
    copied.subarray(copied.length - original.length).equals(original), 'missing or different');
}
const podspec = text(path.join(pod, 'CordovaPlugins.podspec'));
for (const framework of attrs(ios, 'framework')) {
  const dest = path.join(sources, framework.src);
  check(`ios ${framework.src} at ${rel(dest)}`, sameContent(path.join(pluginDir, framework.src), dest), 'missing or different');
  check(`CordovaPlugins.podspec vendors ${path.basename(framework.src)}`,
    podspec.includes(`sources/CordovaPluginMonacaCloudError/${framework.src}`));
}
check('ios/App/App/config.xml has <feature name="MonacaCloudError">',
  /<feature name="MonacaCloudError">\s*<param name="ios-package" value="MonacaCloudErrorPlugin"/.test(
    text(path.join(appDir, 'ios', 'App', 'App', 'config.xml'))));

// ---- JavaScript -------------------------------------------------------------------------------
const common = xml.replace(/<platform [\s\S]*?<\/platform>/g, '');
const jsModules = attrs(common, 'js-module');
check('plugin.xml has the API and the core as js-modules of every platform',
  ['www/monaca-cloud-error.js', 'src/browser/monaca-cloud-error-wasm.js', 'native/www/monaca-cloud-error-core.js']
    .every((src) => jsModules.some((m) => m.src === src)), jsModules.map((m) => m.src).join(', '));
for (const publicDir of [path.join(appDir, 'android', 'app', 'src', 'main', 'assets', 'public'),
  path.join(appDir, 'ios', 'App', 'App', 'public')]) {
  const list = text(path.join(publicDir, 'cordova_plugins.js'));
  for (const mod of jsModules) {
    const js = path.join(publicDir, 'plugins', 'cordova-plugin-monaca-cloud-error', mod.src);
    // Wrapped in cordova.define(...), as Cordova does.
    const original = text(path.join(pluginDir, mod.src));
    check(`js-module ${mod.name} at ${rel(js)}`, original !== '' && /^cordova\.define\(/.test(text(js)) && text(js).includes(original));
    check(`${rel(path.join(publicDir, 'cordova_plugins.js'))} lists cordova-plugin-monaca-cloud-error.${mod.name}`,
      list.includes(`"cordova-plugin-monaca-cloud-error.${mod.name}"`));
  }
  check(`${rel(path.join(publicDir, 'cordova_plugins.js'))} clobbers cordova.plugins.monacaCloudError`,
    list.includes('"cordova.plugins.monacaCloudError"'));
}

finish('check-capacitor');
