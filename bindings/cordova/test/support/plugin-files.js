#!/usr/bin/env node
'use strict';
// Checks that a plugin folder, or an npm tarball of one, holds every file plugin.xml names
// (each src="..." path: a file, or a folder with at least one file).
//
// Usage: plugin-files.js PLUGIN_XML FOLDER|TARBALL.tgz [--except PREFIX]
//   --except native/   leaves out the paths under native/ (a staged folder before its binaries
//                      are built)
// Prints the count and exits 0, or names what is missing and exits 1.

const { execFileSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const [pluginXml, where, flag, except] = process.argv.slice(2);
if (!pluginXml || !where || (flag && (flag !== '--except' || !except))) {
  console.error('usage: plugin-files.js PLUGIN_XML FOLDER|TARBALL.tgz [--except PREFIX]');
  process.exit(2);
}

/** Every file below a folder, as paths relative to it. */
function filesBelow(folder, prefix = '') {
  return fs.readdirSync(path.join(folder, prefix), { withFileTypes: true }).flatMap((entry) => {
    const relative = path.posix.join(prefix, entry.name);
    return entry.isDirectory() ? filesBelow(folder, relative) : [relative];
  });
}

const files = where.endsWith('.tgz')
  ? execFileSync('tar', ['-tzf', where], { encoding: 'utf8' }).split('\n').filter(Boolean)
    .map((p) => p.replace(/^package\//, ''))
  : filesBelow(where);
const named = [...fs.readFileSync(pluginXml, 'utf8').matchAll(/\bsrc="([^"]+)"/g)].map((m) => m[1])
  .filter((src) => !(except && src.startsWith(except)));
const missing = named.filter((src) => !files.some((p) => p === src || p.startsWith(src + '/')));
if (missing.length > 0) {
  console.error(`${where}: not there, though plugin.xml names them: ${missing.join(', ')}`);
  process.exit(1);
}
console.log(`   ${files.length} files; every file plugin.xml names is in ${path.basename(where)}` +
  (except ? ` (${except} left out)` : ''));
