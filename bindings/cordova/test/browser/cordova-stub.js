/*
 * A stand-in for the cordova.js of cordova-android / cordova-ios in the in-process pages of
 * run.sh (server.js: /inprocess/<page>.html): cordova-js's module system (cordova.define,
 * cordova.require, as the plugin's js-modules are wrapped by `cordova prepare`), cordova.platformId
 * ('android' or 'ios', from the page's <html data-platform>), and a `cordova/exec` that records
 * every call. It answers the actions the native side keeps (requestBody, backendUrl, checkUrl,
 * ...) with the plugin's WebAssembly actions, standing in for the Kotlin and Swift classes; a
 * readResponse that crosses it is recorded and fails: the page then fails.
 */
(function () {
    'use strict';
    var factories = {};
    var modules = {};
    function require(id) {
        if (Object.prototype.hasOwnProperty.call(modules, id)) return modules[id].exports;
        if (!Object.prototype.hasOwnProperty.call(factories, id)) throw new Error('module ' + id + ' not found');
        var module = modules[id] = { id: id, exports: {} };
        factories[id](require, module.exports, module);
        return module.exports;
    }
    function define(id, factory) {
        if (Object.prototype.hasOwnProperty.call(factories, id)) throw new Error('module ' + id + ' already defined');
        factories[id] = factory;
    }

    var calls = [];
    var nativeSide = null;
    function exec(success, fail, service, action, args) {
        calls.push(service + '.' + action);
        if (action === 'readResponse') {
            setTimeout(function () { fail('the bridge was crossed: ' + service + '.' + action); }, 0);
            return;
        }
        if (nativeSide === null) {
            var wasm = require('cordova-plugin-monaca-cloud-error.MonacaCloudErrorWasm');
            nativeSide = wasm.execFor(require('cordova-plugin-monaca-cloud-error.MonacaCloudErrorCore'));
        }
        setTimeout(function () { nativeSide(success, fail, service, action, args); }, 0);
    }
    define('cordova/exec', function (require, exports, module) { module.exports = exec; });

    window.cordova = {
        platformId: document.documentElement.getAttribute('data-platform'),
        define: define,
        require: require,
        exec: exec,
        plugins: {}
    };
    window.CordovaStub = { calls: calls };
}());
