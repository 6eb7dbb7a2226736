'use strict';
// scripts/check-native.js, the check that refuses a plugin without real native binaries (at
// `cordova plugin add`, before `cap sync`, and before `npm pack`): run on copies of the plugin's
// layout holding nothing, placeholders, binaries of the wrong machine, and well-formed files.
// The well-formed files are synthetic (an ar archive of an ELF header of the right machine, a
// fat header, a wasm header): the check reads signatures, and the real binaries are checked by
// the package suite.

const test = require('node:test');
const assert = require('node:assert');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { execFileSync } = require('node:child_process');

const SCRIPT = path.join(__dirname, '..', 'scripts', 'check-native.js');
const ABIS = { 'arm64-v8a': 183, 'armeabi-v7a': 40, x86: 3, x86_64: 62 };

/** A copy of the plugin's scripts/check-native.js in an empty plugin folder. */
function pluginDir() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'check-native-'));
  fs.mkdirSync(path.join(dir, 'scripts'));
  fs.copyFileSync(SCRIPT, path.join(dir, 'scripts', 'check-native.js'));
  return dir;
}
function write(dir, relative, bytes) {
  fs.mkdirSync(path.dirname(path.join(dir, relative)), { recursive: true });
  fs.writeFileSync(path.join(dir, relative), bytes);
}
/** The first 20 bytes of an ELF file of a machine (e_machine at offset 18). */
function elf(machine) {
  const header = Buffer.alloc(64);
  header.writeUInt32BE(0x7f454c46, 0);
  header.writeUInt16LE(machine, 18);
  return header;
}
/** An ar archive with one member. */
function ar(member) {
  const header = Buffer.from(`${'obj.o/'.padEnd(16)}${'0'.padEnd(12)}${'0'.padEnd(6)}${'0'.padEnd(6)}` +
    `${'644'.padEnd(8)}${String(member.length).padEnd(10)}\`\n`, 'latin1');
  return Buffer.concat([Buffer.from('!<arch>\n', 'latin1'), header, member]);
}
function wellFormed(dir) {
  for (const [abi, machine] of Object.entries(ABIS)) {
    write(dir, `native/android/lib/${abi}/libmonaca_cloud_error.a`, ar(elf(machine)));
  }
  const xcf = 'native/ios/CMonacaCloudError.xcframework';
  write(dir, `${xcf}/Info.plist`, '<plist><dict><key>CFBundlePackageType</key><string>XFWK</string></dict></plist>');
  write(dir, `${xcf}/ios-arm64/libmonaca_cloud_error.a`, Buffer.from('!<arch>\n', 'latin1'));
  write(dir, `${xcf}/ios-arm64_x86_64-simulator/libmonaca_cloud_error.a`, Buffer.from([0xca, 0xfe, 0xba, 0xbe, 0, 0, 0, 2]));
  write(dir, 'native/browser/monaca_cloud_error.wasm', WASM);
  write(dir, 'native/www/monaca-cloud-error-core.js', coreJs(WASM));
}
const WASM = Buffer.from([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]);
/** The embedded copy of a module, as scripts/build-wasm.sh writes it (size and sha256 as given, or the bytes'). */
function coreJs(bytes, size = bytes.length, sha256 = require('node:crypto').createHash('sha256').update(bytes).digest('hex')) {
  return `// Generated\nmodule.exports = {\n    size: ${size},\n    sha256: '${sha256}',\n    base64: '${bytes.toString('base64')}'\n};\n`;
}
/** Runs the copy as a command: { status, output }. */
function run(dir, args, env = {}) {
  try {
    const output = execFileSync(process.execPath, [path.join(dir, 'scripts', 'check-native.js'), ...args],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
    return { status: 0, output };
  } catch (error) {
    return { status: error.status, output: `${error.stdout}${error.stderr}` };
  }
}

test('a plugin without native/ is refused, every missing file named, with the command to run', () => {
  const dir = pluginDir();
  const { status, output } = run(dir, ['android', 'ios', 'browser']);
  assert.strictEqual(status, 1);
  for (const abi of Object.keys(ABIS)) {
    assert.match(output, new RegExp(`android: native/android/lib/${abi}/libmonaca_cloud_error\\.a: missing`));
  }
  assert.match(output, /ios: native\/ios\/CMonacaCloudError\.xcframework\/Info\.plist: missing/);
  assert.match(output, /browser: native\/browser\/monaca_cloud_error\.wasm: missing/);
  for (const platform of ['android', 'ios', 'browser']) {
    assert.match(output, new RegExp(`${platform}: native/www/monaca-cloud-error-core\\.js: missing`));
  }
  assert.match(output, /bash scripts\/package\.sh/);
});

test('well-formed binaries pass, for each platform alone and for all three', () => {
  const dir = pluginDir();
  wellFormed(dir);
  for (const args of [['android'], ['ios'], ['browser'], ['android', 'ios', 'browser']]) {
    const { status, output } = run(dir, args);
    assert.strictEqual(status, 0, output);
    assert.match(output, new RegExp(`native binaries present \\(${args.join(', ')}\\)`));
  }
});

test('placeholders are refused: text where an archive, a fat archive or a module must be', () => {
  const dir = pluginDir();
  wellFormed(dir);
  write(dir, 'native/android/lib/x86/libmonaca_cloud_error.a', 'PLACEHOLDER, not an archive\n');
  write(dir, 'native/ios/CMonacaCloudError.xcframework/ios-arm64_x86_64-simulator/libmonaca_cloud_error.a',
    'PLACEHOLDER static library\n');
  write(dir, 'native/browser/monaca_cloud_error.wasm', 'PLACEHOLDER');
  const { status, output } = run(dir, ['android', 'ios', 'browser']);
  assert.strictEqual(status, 1);
  assert.match(output, /android: native\/android\/lib\/x86\/libmonaca_cloud_error\.a: not a static archive of x86 ELF objects/);
  assert.match(output, /ios: .*ios-arm64_x86_64-simulator\/libmonaca_cloud_error\.a: not a universal \(fat\) archive/);
  assert.match(output, /browser: .*: not a WebAssembly module/);
  assert.doesNotMatch(output, /arm64-v8a/, 'only the bad files are named');
});

test('an embedded core that is not the module it states, or not the .wasm beside it, is refused', () => {
  const dir = pluginDir();
  wellFormed(dir);
  const other = Buffer.from([0, 0x61, 0x73, 0x6d, 1, 0, 0, 1]);
  const cases = [
    [coreJs(WASM, WASM.length + 1), /android: native\/www\/monaca-cloud-error-core\.js: not the embedded WebAssembly core/],
    [coreJs(WASM, WASM.length, '0'.repeat(64)), /ios: native\/www\/monaca-cloud-error-core\.js: not the embedded/],
    [coreJs(Buffer.from('PLACEHOLDER')), /browser: native\/www\/monaca-cloud-error-core\.js: not the embedded/],
    [coreJs(other), /browser: native\/www\/monaca-cloud-error-core\.js: not the bytes of native\/browser\/monaca_cloud_error\.wasm/]
  ];
  for (const [text, expected] of cases) {
    write(dir, 'native/www/monaca-cloud-error-core.js', text);
    const { status, output } = run(dir, ['android', 'ios', 'browser']);
    assert.strictEqual(status, 1, output);
    assert.match(output, expected);
  }
  // Another module is fine where there is no .wasm to compare it with (a package for android and ios).
  fs.rmSync(path.join(dir, 'native', 'browser'), { recursive: true });
  const alone = run(dir, ['android', 'ios']);
  assert.strictEqual(alone.status, 0, alone.output);
});

test('an archive of another ABI is refused', () => {
  const dir = pluginDir();
  wellFormed(dir);
  write(dir, 'native/android/lib/arm64-v8a/libmonaca_cloud_error.a', ar(elf(ABIS.x86_64)));
  const { status, output } = run(dir, ['android']);
  assert.strictEqual(status, 1);
  assert.match(output, /arm64-v8a\/libmonaca_cloud_error\.a: not a static archive of arm64-v8a ELF objects/);
});

test('prebuilt JNI libraries come for all four ABIs or none, each of its machine', () => {
  const dir = pluginDir();
  wellFormed(dir);
  const so = (abi) => `native/android/jniLibs/${abi}/libmonaca_cloud_error_jni.so`;
  for (const abi of ['arm64-v8a', 'armeabi-v7a', 'x86']) write(dir, so(abi), elf(ABIS[abi]));
  let result = run(dir, ['android']);
  assert.strictEqual(result.status, 1);
  assert.match(result.output, /jniLibs\/x86_64\/libmonaca_cloud_error_jni\.so: missing/);
  write(dir, so('x86_64'), elf(ABIS['arm64-v8a']));
  result = run(dir, ['android']);
  assert.strictEqual(result.status, 1);
  assert.match(result.output, /jniLibs\/x86_64\/libmonaca_cloud_error_jni\.so: not an x86_64 ELF library/);
  write(dir, so('x86_64'), elf(ABIS.x86_64));
  result = run(dir, ['android']);
  assert.strictEqual(result.status, 0, result.output);
});

test('as a Cordova hook it checks only the platform being installed, and throws with the hint', () => {
  const dir = pluginDir();
  const hook = require(path.join(dir, 'scripts', 'check-native.js'));
  write(dir, 'native/browser/monaca_cloud_error.wasm', WASM);
  write(dir, 'native/www/monaca-cloud-error-core.js', coreJs(WASM));
  assert.doesNotThrow(() => hook({ opts: { plugin: { platform: 'browser' } } }));
  assert.throws(() => hook({ opts: { plugin: { platform: 'android' } } }),
    (error) => /native binaries missing:\n {2}android: /.test(error.message) &&
      !/ios:/.test(error.message) && /bash scripts\/package\.sh/.test(error.message));
  assert.throws(() => hook({ opts: { platforms: ['ios'] } }), /ios: native\/ios/);
});

test('under Capacitor it checks the platform Capacitor names', () => {
  const dir = pluginDir();
  wellFormed(dir);
  fs.rmSync(path.join(dir, 'native', 'ios'), { recursive: true });
  const android = run(dir, ['--capacitor'], { CAPACITOR_PLATFORM_NAME: 'android' });
  assert.strictEqual(android.status, 0, android.output);
  assert.match(android.output, /present \(android\)/);
  const ios = run(dir, ['--capacitor'], { CAPACITOR_PLATFORM_NAME: 'ios' });
  assert.strictEqual(ios.status, 1);
  assert.match(ios.output, /ios: native\/ios\/CMonacaCloudError\.xcframework\/Info\.plist: missing/);
});

test('unknown platforms are a usage error', () => {
  const { status, output } = run(pluginDir(), ['windows']);
  assert.strictEqual(status, 2);
  assert.match(output, /usage: check-native\.js .*unknown: windows/);
});
