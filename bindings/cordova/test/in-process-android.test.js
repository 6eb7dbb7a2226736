// readResponse and readResponseSync on Android's WebView: the in-process WebAssembly core, no
// bridge crossing, the native library's answers over the whole corpus (support/in-process.js).
'use strict';
require('./support/in-process').suite('android');
