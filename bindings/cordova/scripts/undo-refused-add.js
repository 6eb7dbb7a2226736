'use strict';
// Undoes what `cordova plugin add` did before the plugin's before_plugin_install hook
// (check-native.js) refused it, so that a refused add leaves nothing in the app.
//
// cordova-lib fetches the plugin before any hook of the plugin can run: `npm install <spec>
// --save-dev` in the app (node_modules/<id>, a link for a folder; the package.json and
// package-lock.json entries), a copy in plugins/<id>, an entry in plugins/fetch.json (and
// plugins/ itself in an app without plugins). Then, platform by platform, it runs the hook and
// installs. So the hook undoes those steps itself: `npm uninstall <id>` (npm writes package.json
// and package-lock.json back as they were), the copy, the fetch.json entry, and fetch.json and
// plugins/ when nothing else is left in them.
//
// When a platform already has the plugin installed (a package with the binaries of one platform
// only, refused for the next), nothing is undone: the message says to run `cordova plugin rm`.

const fs = require('fs');
const path = require('path');
const { spawnSync } = require('child_process');

function exists(file) {
  try {
    fs.lstatSync(file);
    return true;
  } catch (error) {
    return false;
  }
}

/** The platforms (plugins/<platform>.json) on which the plugin is installed. */
function installedOn(pluginsDir, id) {
  let names = [];
  try {
    names = fs.readdirSync(pluginsDir).filter((name) => name.endsWith('.json') && name !== 'fetch.json');
  } catch (error) {
    return [];
  }
  return names.filter((name) => {
    try {
      const json = JSON.parse(fs.readFileSync(path.join(pluginsDir, name), 'utf8'));
      return Boolean((json.installed_plugins && id in json.installed_plugins) ||
        (json.dependent_plugins && id in json.dependent_plugins));
    } catch (error) {
      return false;
    }
  }).map((name) => name.slice(0, -'.json'.length));
}

/**
 * The root of the repository clone whose bindings/cordova the app fetched the plugin from (through
 * the node_modules link npm made), or null when it came from elsewhere.
 */
function cloneOf(projectRoot, id) {
  let origin;
  try {
    origin = fs.realpathSync(path.join(projectRoot, 'node_modules', id));
  } catch (error) {
    return null;
  }
  const root = path.dirname(path.dirname(origin));
  const isClone = path.basename(origin) === 'cordova' && path.basename(path.dirname(origin)) === 'bindings' &&
    fs.existsSync(path.join(root, 'scripts', 'package.sh'));
  return isClone ? root : null;
}

/** Removes the plugin's entry from plugins/fetch.json, through cordova-lib's module when it can. */
function forgetFetch(pluginsDir, id, context) {
  const fetchJson = path.join(pluginsDir, 'fetch.json');
  if (!fs.existsSync(fetchJson)) return false;
  const entries = JSON.parse(fs.readFileSync(fetchJson, 'utf8'));
  if (!(id in entries)) return false;
  try {
    // cordova-lib keeps fetch.json in memory: removing through it keeps both the same.
    context.requireCordovaModule('cordova-lib/src/plugman/util/metadata').remove_fetch_metadata(pluginsDir, id);
  } catch (error) {
    delete entries[id];
    fs.writeFileSync(fetchJson, JSON.stringify(entries, null, 2), 'utf8');
  }
  return true;
}

/**
 * Undoes the fetch of plugin `id` in the app at projectRoot. Returns { removed, left, installedOn }:
 * what was removed and what could not be, as phrases for the refusal message.
 */
function undoRefusedAdd(projectRoot, id, context) {
  const pluginsDir = path.join(projectRoot, 'plugins');
  const removed = [];
  const left = [];
  const platforms = installedOn(pluginsDir, id);
  if (platforms.length > 0) return { removed, left, installedOn: platforms };

  const nodeModule = path.join(projectRoot, 'node_modules', id);
  if (exists(nodeModule)) {
    const npm = spawnSync('npm', ['uninstall', id, '--no-audit', '--no-fund', '--loglevel=error'],
      { cwd: projectRoot, encoding: 'utf8', shell: process.platform === 'win32' });
    if (npm.status === 0 && !exists(nodeModule)) {
      removed.push(`node_modules/${id} with its package.json entry (npm uninstall)`);
    } else {
      const why = npm.error ? npm.error.message : (npm.stderr || '').trim().split('\n').pop();
      left.push(`node_modules/${id} and its package.json entry: run \`npm uninstall ${id}\` (it failed here: ${why})`);
    }
  }

  const copy = path.join(pluginsDir, id);
  if (exists(copy)) {
    // A link (cordova plugin add --link) is removed, never what it points to.
    if (fs.lstatSync(copy).isSymbolicLink()) fs.unlinkSync(copy);
    else fs.rmSync(copy, { recursive: true, force: true });
    removed.push(`plugins/${id}`);
  }
  if (forgetFetch(pluginsDir, id, context)) {
    removed.push(`its entry in plugins/fetch.json`);
    const fetchJson = path.join(pluginsDir, 'fetch.json');
    const rest = fs.readdirSync(pluginsDir).filter((name) => name !== 'fetch.json');
    if (rest.length === 0 && Object.keys(JSON.parse(fs.readFileSync(fetchJson, 'utf8'))).length === 0) {
      fs.unlinkSync(fetchJson);
      fs.rmdirSync(pluginsDir);
    }
  }
  return { removed, left, installedOn: platforms };
}

module.exports = { undoRefusedAdd, cloneOf };
