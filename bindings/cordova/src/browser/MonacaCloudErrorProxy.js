/*
 * The browser platform's side of the plugin (plugin.xml, <platform name="browser">): registers
 * the service MonacaCloudError with cordova-browser's exec proxy, answered by the Rust core
 * compiled to WebAssembly (monaca-cloud-error-wasm.js; same actions and replies as the Android
 * and iOS plugin classes). The core, monaca_cloud_error.wasm, is an <asset> that the platform
 * puts beside this file; it is fetched and instantiated on the first call.
 */
var wasm = require('cordova-plugin-monaca-cloud-error.MonacaCloudErrorWasm');

// Cordova's plugin loader adds this file as a <script> (www/plugins/<plugin id>/src/browser/).
function besideThisFile(file) {
    var scripts = document.getElementsByTagName('script');
    for (var i = scripts.length - 1; i >= 0; i--) {
        if (/\/src\/browser\/MonacaCloudErrorProxy\.js(\?.*)?$/.test(scripts[i].src)) return new URL(file, scripts[i].src).href;
    }
    return new URL('plugins/cordova-plugin-monaca-cloud-error/src/browser/' + file, document.baseURI).href;
}

require('cordova/exec/proxy').add('MonacaCloudError', wasm.actions(besideThisFile(wasm.WASM_FILE)));
