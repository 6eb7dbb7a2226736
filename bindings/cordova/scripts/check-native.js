#!/usr/bin/env node
'use strict';
// Checks that this copy of the plugin holds the native binaries that scripts/package.sh puts in
// native/, real ones (file signatures, not names), for the platforms being installed:
//
//   android  native/android/lib/<abi>/libmonaca_cloud_error.a: ar archives of ELF objects of the
//            ABI's machine; native/android/jniLibs/<abi>/libmonaca_cloud_error_jni.so, when there,
//            ELF shared libraries of that machine, for all four ABIs or none
//   ios      native/ios/CMonacaCloudError.xcframework: Info.plist, the device archive, the
//            universal simulator archive
//   browser  native/browser/monaca_cloud_error.wasm: a WebAssembly module
//   all      native/www/monaca-cloud-error-core.js: the embedded copy of that module (a js-module
//            of every platform: www/ reads responses with it in the WebView), base64 that decodes
//            to a WebAssembly module of the size and SHA-256 it states; the same bytes as the
//            .wasm when that is there
//
// Three callers:
//   - Cordova runs it as the plugin's before_plugin_install hook (plugin.xml), so that
//     `cordova plugin add` of a source tree (bindings/cordova of a clone) stops with the commands
//     to run, before it installs anything on a platform; and since Cordova has fetched the plugin
//     into the app by then, the hook undoes that fetch (undo-refused-add.js): a refused add
//     leaves nothing;
//   - Capacitor runs it before `cap sync`/`cap update` copies plugin files (package.json script
//     capacitor:update:before, with CAPACITOR_PLATFORM_NAME set);
//   - scripts/package.sh runs `node scripts/check-native.js android ios browser` before packing.
// Exit status 1 (or a thrown Error, for Cordova) names each missing or bad file. The thrown
// Error's stack is one line: cordova-lib prints a failed install's stack, then the CLI prints its
// message, so the message is printed once and no Node stack trace is.

const crypto = require('crypto');
const fs = require('fs');
const path = require('path');

const PLUGIN_DIR = path.resolve(__dirname, '..');
const ABIS = { 'arm64-v8a': 183, 'armeabi-v7a': 40, x86: 3, x86_64: 62 }; // ELF e_machine
function readPackage() {
  try {
    return JSON.parse(fs.readFileSync(path.join(PLUGIN_DIR, 'package.json'), 'utf8'));
  } catch (error) {
    return { name: 'cordova-plugin-monaca-cloud-error', version: '<version>',
      repository: { url: 'git+https://github.com/cloudrpc/monaca-cloud-error.git' } };
  }
}
const PACKAGE = readPackage();
const TARBALL = `${PACKAGE.name}-${PACKAGE.version}.tgz`;
const REPOSITORY = ((PACKAGE.repository && PACKAGE.repository.url) || '').replace(/^git\+/, '').replace(/\.git$/, '');

// What to run instead, in a clone at `clone` (its path, when known).
function buildHint(clone) {
  const build = clone
    ? [`    cd ${clone} && bash scripts/package.sh`]
    : [`    git clone ${REPOSITORY} && cd monaca-cloud-error`, '    bash scripts/package.sh'];
  const tarball = `${clone || '/path/to/monaca-cloud-error'}/target/package/${TARBALL}`;
  return [
    'This copy of the plugin lacks native binaries: it is a source tree, not the packaged plugin.',
    'Build the package (Rust nightly; about 10 minutes on 2 cores):',
    ...build,
    'and add the tarball it prints (with file:, or Cordova takes the path for a registry name):',
    `    cordova plugin add file:${tarball}`,
    `    npm install ${tarball} && npx cap sync   (Capacitor)`,
    'See "Install" in the plugin\'s README.md.'
  ].join('\n');
}

function readHead(file, length) {
  const fd = fs.openSync(file, 'r');
  try {
    const buffer = Buffer.alloc(length);
    const read = fs.readSync(fd, buffer, 0, length, 0);
    return buffer.subarray(0, read);
  } finally {
    fs.closeSync(fd);
  }
}

// The e_machine of every ELF member of an ar archive (an empty set when it is not an archive).
function archiveMachines(file) {
  const data = fs.readFileSync(file);
  const machines = new Set();
  if (data.subarray(0, 8).toString('latin1') !== '!<arch>\n') return machines;
  let pos = 8;
  while (pos + 60 <= data.length) {
    const size = parseInt(data.subarray(pos + 48, pos + 58).toString('latin1'), 10);
    if (!Number.isFinite(size)) break;
    const body = pos + 60;
    if (data.readUInt32BE(body) === 0x7f454c46) machines.add(data.readUInt16LE(body + 18));
    pos = body + size + (size & 1);
  }
  return machines;
}

// The module's bytes held by the embedded copy (scripts/build-wasm.sh's js-module), or null
// when the file is not one: its base64 must decode to a WebAssembly module of the size and the
// SHA-256 it states.
function embeddedCore(file) {
  const text = fs.readFileSync(file, 'utf8');
  const size = /^\s*size: (\d+),$/m.exec(text);
  const sha256 = /^\s*sha256: '([0-9a-f]{64})',$/m.exec(text);
  const base64 = /^\s*base64: '([A-Za-z0-9+/]*={0,2})'$/m.exec(text);
  if (!/^module\.exports = \{$/m.test(text) || !size || !sha256 || !base64) return null;
  const bytes = Buffer.from(base64[1], 'base64');
  if (bytes.length !== Number(size[1]) || bytes.subarray(0, 4).toString('hex') !== '0061736d') return null;
  return crypto.createHash('sha256').update(bytes).digest('hex') === sha256[1] ? bytes : null;
}

function problems(platform) {
  const found = [];
  const at = (relative) => path.join(PLUGIN_DIR, relative);
  const need = (relative, test, what) => {
    const file = at(relative);
    if (!fs.existsSync(file)) found.push(`${relative}: missing`);
    else if (!test(file)) found.push(`${relative}: not ${what}`);
  };
  if (platform === 'android') {
    for (const [abi, machine] of Object.entries(ABIS)) {
      need(`native/android/lib/${abi}/libmonaca_cloud_error.a`, (f) => {
        const machines = archiveMachines(f);
        return machines.size === 1 && machines.has(machine);
      }, `a static archive of ${abi} ELF objects`);
    }
    const jniLibs = Object.keys(ABIS).map((abi) => `native/android/jniLibs/${abi}/libmonaca_cloud_error_jni.so`);
    const present = jniLibs.filter((relative) => fs.existsSync(at(relative)));
    if (present.length > 0) {
      for (const [i, abi] of Object.keys(ABIS).entries()) {
        need(jniLibs[i], (f) => {
          const head = readHead(f, 20);
          return head.length === 20 && head.readUInt32BE(0) === 0x7f454c46 && head.readUInt16LE(18) === ABIS[abi];
        }, `an ${abi} ELF library (prebuilt JNI libraries come for all four ABIs or none)`);
      }
    }
  } else if (platform === 'ios') {
    const xcf = 'native/ios/CMonacaCloudError.xcframework';
    need(`${xcf}/Info.plist`, (f) => fs.readFileSync(f, 'utf8').includes('<string>XFWK</string>'),
      'an XCFramework property list');
    need(`${xcf}/ios-arm64/libmonaca_cloud_error.a`,
      (f) => readHead(f, 8).toString('latin1') === '!<arch>\n', 'a static archive');
    need(`${xcf}/ios-arm64_x86_64-simulator/libmonaca_cloud_error.a`,
      (f) => readHead(f, 4).readUInt32BE(0) === 0xcafebabe, 'a universal (fat) archive');
  } else if (platform === 'browser') {
    need('native/browser/monaca_cloud_error.wasm',
      (f) => readHead(f, 4).toString('hex') === '0061736d', 'a WebAssembly module');
  }
  // Every platform: the core that www/ compiles in the WebView.
  const core = 'native/www/monaca-cloud-error-core.js';
  const wasm = at('native/browser/monaca_cloud_error.wasm');
  need(core, (f) => embeddedCore(f) !== null, 'the embedded WebAssembly core (base64 of a module, its size and SHA-256)');
  if (fs.existsSync(at(core)) && embeddedCore(at(core)) !== null && fs.existsSync(wasm) &&
      !embeddedCore(at(core)).equals(fs.readFileSync(wasm))) {
    found.push(`${core}: not the bytes of native/browser/monaca_cloud_error.wasm (run scripts/build-wasm.sh)`);
  }
  return found;
}

// The problems of every platform asked for, as one message (null when there are none).
function check(platforms, clone = null) {
  const lines = [];
  for (const platform of platforms) {
    for (const problem of problems(platform)) lines.push(`  ${platform}: ${problem}`);
  }
  return lines.length === 0 ? null : `${PACKAGE.name}: native binaries missing:\n${lines.join('\n')}\n${buildHint(clone)}`;
}

// What the refused add left in the app once undone, as the message's last line.
function undoneLine({ removed, left, installedOn }) {
  if (installedOn.length > 0) {
    return `It is installed on ${installedOn.join(', ')} already, so nothing was undone: ` +
      `\`cordova plugin rm ${PACKAGE.name}\` removes it.`;
  }
  if (left.length > 0) return `Removed from the app: ${removed.join(', ') || 'nothing'}; still to remove: ${left.join('; ')}.`;
  return `Nothing of it is left in the app${removed.length > 0 ? ` (removed ${removed.join(', ')})` : ''}.`;
}

const KNOWN = ['android', 'ios', 'browser'];

// Cordova hook: context.opts.plugin.platform is the platform being installed (cordova-lib 9+);
// older CLIs give context.opts.platforms.
module.exports = function (context) {
  const opts = (context && context.opts) || {};
  const platform = opts.plugin && opts.plugin.platform;
  const platforms = (platform ? [platform] : opts.platforms || KNOWN).filter((p) => KNOWN.includes(p));
  if (!check(platforms)) return;
  let message;
  if (opts.projectRoot) {
    const { undoRefusedAdd, cloneOf } = require('./undo-refused-add');
    const clone = cloneOf(opts.projectRoot, PACKAGE.name); // before the undo removes the link
    message = `${check(platforms, clone)}\n${undoneLine(undoRefusedAdd(opts.projectRoot, PACKAGE.name, context))}`;
  } else {
    message = check(platforms);
  }
  const error = new Error(message);
  error.stack = 'refused by the plugin\'s before_plugin_install hook (scripts/check-native.js):';
  throw error;
};
module.exports.check = check;

if (require.main === module) {
  let platforms = process.argv.slice(2);
  if (platforms.length === 1 && platforms[0] === '--capacitor') {
    const name = process.env.CAPACITOR_PLATFORM_NAME;
    platforms = KNOWN.includes(name) ? [name] : ['android', 'ios'];
  }
  const unknown = platforms.filter((p) => !KNOWN.includes(p));
  if (platforms.length === 0 || unknown.length > 0) {
    console.error(`usage: check-native.js android|ios|browser... | --capacitor${unknown.length ? ` (unknown: ${unknown})` : ''}`);
    process.exit(2);
  }
  const message = check(platforms);
  if (message) {
    console.error(message);
    process.exit(1);
  }
  console.log(`cordova-plugin-monaca-cloud-error: native binaries present (${platforms.join(', ')})`);
}
