'use strict';
// Shared by test/check-install.js (Cordova) and test/check-capacitor.js (Capacitor): a tally of
// named checks printed as "ok:" / "FAIL:" lines, and the byte-for-byte comparison of a plugin
// file or folder with its copy in an app.

const fs = require('node:fs');
const path = require('node:path');

/** A tally: check(label, ok, why) prints one line; summary(name) prints the totals, exits. */
function tally() {
    let passed = 0;
    let failed = 0;
    return {
        check(label, ok, why = '') {
            if (ok) {
                passed++;
                console.log(`ok: ${label}`);
            } else {
                failed++;
                console.log(`FAIL: ${label}${why ? ` (${why})` : ''}`);
            }
        },
        finish(name) {
            console.log(`${name}: ${passed} passed, ${failed} failed`);
            process.exit(failed === 0 ? 0 : 1);
        }
    };
}

/** dest exists with the same bytes as src (for a folder: the same file tree, byte for byte). */
function sameContent(src, dest) {
    if (!fs.existsSync(dest)) return false;
    if (fs.statSync(src).isDirectory()) {
        const list = (dir) => fs.readdirSync(dir, { recursive: true }).map(String).sort();
        const files = list(src);
        return JSON.stringify(files) === JSON.stringify(list(dest)) &&
            files.every((f) => fs.statSync(path.join(src, f)).isDirectory() ||
                fs.readFileSync(path.join(src, f)).equals(fs.readFileSync(path.join(dest, f))));
    }
    return fs.readFileSync(src).equals(fs.readFileSync(dest));
}

module.exports = { tally, sameContent };
