#!/usr/bin/env node
// Syntax check for Swift sources where no Swift toolchain exists: parses every `.swift` file
// under a root directory with tree-sitter's Swift grammar (WebAssembly, run by web-tree-sitter)
// and fails on any ERROR or MISSING node, printing where it is.
//
// Before trusting a clean result it proves the check can fail: a deliberately broken sample
// (broken-sample.swift.txt beside this script, outside the scanned `.swift` set) must be
// reported as broken, or the whole check fails.
//
// Usage: node check-swift-syntax.js <node_modules dir> <root dir>
//   <node_modules dir> holds web-tree-sitter (0.22.x) and tree-sitter-wasms (test.sh installs
//   them under target/, never in the source tree).
'use strict';

const fs = require('fs');
const path = require('path');

// Directories never scanned: VCS data, build output and installed packages.
const SKIPPED_DIRS = new Set(['.git', '.build', 'target', 'node_modules', 'build', 'DerivedData']);

function findSwiftFiles(dir, found = []) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRS.has(entry.name)) findSwiftFiles(full, found);
    } else if (entry.isFile() && entry.name.endsWith('.swift')) {
      found.push(full);
    }
  }
  return found.sort();
}

// Every ERROR or MISSING node of the tree, as "line:column: what". A cursor walk visits each
// node once without building JavaScript arrays of children.
function syntaxProblems(tree) {
  const problems = [];
  const cursor = tree.walk(); // web-tree-sitter 0.22: currentNode is a getter
  let more = true;
  while (more) {
    const node = cursor.currentNode;
    const where = `${node.startPosition.row + 1}:${node.startPosition.column + 1}`;
    if (node.isMissing) {
      problems.push(`${where}: missing ${node.type}`);
    } else if (node.isError) {
      problems.push(`${where}: syntax error near ${JSON.stringify(node.text.slice(0, 40))}`);
    }
    // Depth-first: down if possible, else right, else up until a right sibling exists.
    if (cursor.gotoFirstChild()) continue;
    while (!cursor.gotoNextSibling()) {
      if (!cursor.gotoParent()) {
        more = false;
        break;
      }
    }
  }
  cursor.delete();
  // hasError also covers problems the walk could miss; never report a broken tree as clean.
  if (problems.length === 0 && tree.rootNode.hasError) problems.push('1:1: tree has an error');
  return problems;
}

async function main() {
  const [modulesDir, rootDir] = process.argv.slice(2);
  if (!modulesDir || !rootDir) {
    console.error('usage: check-swift-syntax.js <node_modules dir> <root dir>');
    process.exit(2);
  }
  const Parser = require(path.join(path.resolve(modulesDir), 'web-tree-sitter'));
  await Parser.init();
  const grammar = path.join(path.resolve(modulesDir), 'tree-sitter-wasms', 'out', 'tree-sitter-swift.wasm');
  const Swift = await Parser.Language.load(grammar);
  const parser = new Parser();
  parser.setLanguage(Swift);
  const parse = (text) => {
    const tree = parser.parse(text);
    try {
      return syntaxProblems(tree);
    } finally {
      tree.delete(); // the tree lives in WebAssembly memory, not the JS heap
    }
  };

  // 1. The check must be able to fail.
  const sample = path.join(__dirname, 'broken-sample.swift.txt');
  const sampleProblems = parse(fs.readFileSync(sample, 'utf8'));
  if (sampleProblems.length === 0) {
    console.error(`FAIL: the deliberately broken ${sample} parsed clean: the check cannot fail`);
    process.exit(1);
  }
  console.log(`ok: broken sample rejected (${sampleProblems.length} problem(s), first ${sampleProblems[0]})`);

  // 2. Every Swift file of the project.
  const files = findSwiftFiles(path.resolve(rootDir));
  if (files.length === 0) {
    console.error(`FAIL: no .swift file found under ${rootDir}`);
    process.exit(1);
  }
  let failed = 0;
  for (const file of files) {
    const relative = path.relative(path.resolve(rootDir), file);
    const problems = parse(fs.readFileSync(file, 'utf8'));
    if (problems.length === 0) {
      console.log(`ok: ${relative}`);
    } else {
      failed += 1;
      for (const problem of problems) console.error(`FAIL: ${relative}:${problem}`);
    }
  }
  console.log(`swift syntax: ${files.length - failed} passed, ${failed} failed`);
  process.exit(failed === 0 ? 0 : 1);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
