#!/usr/bin/env node
// Checks a Cordova app (made by test/install.sh) against this plugin's plugin.xml:
//
//   node check-install.js installed APP_DIR PLUGIN_DIR CORDOVA_MODULES
//   node check-install.js removed   APP_DIR PLUGIN_DIR CORDOVA_MODULES
//
// `installed`: every file plugin.xml declares is where the platform builds it from, byte for
// byte: Kotlin sources under a Gradle source root, the native library's folder
// app/src/main/monaca-cloud-error/ (JNI shim sources, the archive of each ABI, R8 rules) and the
// plugin's Gradle file listed in project.properties, the Swift sources in the Xcode app target's Sources phase, the
// XCFramework in its Frameworks phase (linked, not embedded), the <feature> entries and
// preferences in each platform's config.xml (and their effect: Kotlin enabled in
// cdv-gradle-config.json, SWIFT_VERSION in the Xcode project), and the JavaScript module.
// `removed`: none of that is left.
//
// plugin.xml is read with cordova-common's PluginInfo (CORDOVA_MODULES is the node_modules
// folder of the pinned cordova CLI); the Xcode project with the `xcode` package that
// cordova-ios installs into the app. Prints one line per check; exits 1 if any fails.
'use strict';

const fs = require('node:fs');
const path = require('node:path');

const [mode, appDir, pluginDir, cordovaModules] = process.argv.slice(2);
if (!['installed', 'removed'].includes(mode) || !appDir || !pluginDir || !cordovaModules) {
    console.error('usage: check-install.js installed|removed APP_DIR PLUGIN_DIR CORDOVA_MODULES');
    process.exit(2);
}
const { PluginInfo, ConfigParser } = require(path.join(cordovaModules, 'cordova-common'));
const xcode = require(path.join(appDir, 'node_modules', 'xcode'));
const { tally, sameContent } = require('./support/placement');

const plugin = new PluginInfo(pluginDir);
const want = mode === 'installed';
const { check, finish } = tally();

function checkFile(label, src, dest) {
    if (want) check(`${label} at ${path.relative(appDir, dest)}`, sameContent(src, dest), 'missing or different');
    else check(`${label} removed from ${path.relative(appDir, dest)}`, !fs.existsSync(dest));
}

function features(configXml) {
    if (!fs.existsSync(configXml)) return [];
    return new ConfigParser(configXml).doc.findall('feature').map((f) => ({
        name: f.attrib.name,
        params: Object.fromEntries(f.findall('param').map((p) => [p.attrib.name, p.attrib.value]))
    }));
}

function checkConfigXml(platform, configXml) {
    const declared = plugin.getConfigFiles(platform).filter((c) => /config\.xml$/.test(c.target));
    const present = features(configXml);
    const prefs = new ConfigParser(configXml);
    for (const configFile of declared) {
        for (const element of configFile.xmls) {
            if (element.tag === 'feature') {
                const param = element.find('param');
                const found = present.filter((f) => f.name === element.attrib.name &&
                    f.params[param.attrib.name] === param.attrib.value);
                const label = `${platform} config.xml <feature name="${element.attrib.name}"> ${param.attrib.name}=${param.attrib.value}`;
                if (want) check(label, found.length === 1, `found ${found.length}`);
                else check(`${label} removed`, found.length === 0);
            } else if (element.tag === 'preference') {
                const value = prefs.getPreference(element.attrib.name, platform);
                const label = `${platform} config.xml preference ${element.attrib.name}=${element.attrib.value}`;
                if (want) check(label, value === element.attrib.value, `got '${value}'`);
                else check(`${label} removed`, value !== element.attrib.value);
            }
        }
    }
}

function checkJsModules(platformWww) {
    const listFile = path.join(platformWww, 'cordova_plugins.js');
    const list = fs.existsSync(listFile) ? fs.readFileSync(listFile, 'utf8') : '';
    for (const mod of plugin.getJsModules()) {
        const dest = path.join(platformWww, 'plugins', plugin.id, mod.src);
        if (want) check(`js-module ${mod.name} at ${path.relative(appDir, dest)}`, fs.existsSync(dest));
        else check(`js-module ${mod.name} removed`, !fs.existsSync(dest));
        for (const clobber of mod.clobbers) {
            const listed = list.includes(`"${clobber.target}"`);
            check(`cordova_plugins.js ${want ? 'lists' : 'no longer lists'} ${clobber.target}`, listed === want);
        }
    }
}

// ---- Android ---------------------------------------------------------------------------

function checkAndroid() {
    const android = path.join(appDir, 'platforms', 'android');
    const gradle = fs.readFileSync(path.join(android, 'app', 'build.gradle'), 'utf8');
    for (const source of plugin.getSourceFiles('android')) {
        const dest = path.join(android, source.targetDir, path.basename(source.src));
        checkFile(`android source ${source.src}`, path.join(pluginDir, source.src), dest);
        if (want && source.src.endsWith('.kt')) {
            // Gradle only compiles Kotlin under a source root of the app module.
            const root = /^app\/src\/main\/(java|kotlin)\//.exec(source.targetDir);
            check(`${source.src} is under a Gradle source root`, root !== null &&
                (root[1] === 'java' || /srcDirs\s*\+=\s*'src\/main\/kotlin'/.test(gradle)));
            const pkg = fs.existsSync(dest) ? /^package\s+([\w.]+)/m.exec(fs.readFileSync(dest, 'utf8')) : null;
            check(`${source.src} sits in its package's folder`,
                pkg !== null && source.targetDir.endsWith(pkg[1].replace(/\./g, '/')));
        }
    }
    for (const resource of plugin.getResourceFiles('android')) {
        const dest = path.join(android, 'app', 'src', 'main', resource.target);
        checkFile(`android resource ${resource.src}`, path.join(pluginDir, resource.src), dest);
    }
    // The native library's folder, as src/android/monaca-cloud-error.gradle expects it.
    const nativeDir = path.join(android, 'app', 'src', 'main', 'monaca-cloud-error');
    const abis = ['arm64-v8a', 'armeabi-v7a', 'x86', 'x86_64'];
    const expected = ['jni/CMakeLists.txt', 'jni/monaca_jni.c', 'jni/exports.map', 'jni/monaca_cloud_error.h',
        'proguard-rules.pro', ...abis.map((abi) => `prebuilt/lib/${abi}/libmonaca_cloud_error.a`)];
    for (const file of expected) {
        const there = fs.existsSync(path.join(nativeDir, file));
        check(`app/src/main/monaca-cloud-error/${file} ${want ? 'present' : 'removed'}`, there === want);
    }
    for (const framework of plugin.getFrameworks('android')) {
        // cordova-android copies a custom Gradle file to <plugin id>/<app>-<name> and lists it in
        // project.properties (cordova.gradle.include.N), which app/build.gradle applies.
        const properties = fs.readFileSync(path.join(android, 'project.properties'), 'utf8');
        const included = [...properties.matchAll(/^cordova\.gradle\.include\.\d+=(.*)$/gm)].map((m) => m[1].trim());
        const ours = included.filter((f) => f.startsWith(`${plugin.id}/`) && f.endsWith(`-${path.basename(framework.src)}`));
        check(`${framework.src} is a custom gradleReference`, framework.custom === true && framework.type === 'gradleReference');
        if (want) {
            check(`${framework.src} listed in project.properties (cordova.gradle.include)`, ours.length === 1, `found ${included}`);
            if (ours.length === 1) {
                checkFile(`android gradle ${framework.src}`, path.join(pluginDir, framework.src), path.join(android, ours[0]));
            }
        } else {
            check(`${framework.src} no longer in project.properties`, ours.length === 0);
            check(`the plugin's Gradle folder is removed`, !fs.existsSync(path.join(android, plugin.id)));
        }
    }
    check('the app module does not move jniLibs away from src/main/jniLibs', !/jniLibs\.srcDirs\s*=/.test(gradle));

    checkConfigXml('android', path.join(android, 'app', 'src', 'main', 'res', 'xml', 'config.xml'));
    const gradleConfig = JSON.parse(fs.readFileSync(path.join(android, 'cdv-gradle-config.json'), 'utf8'));
    check(`Kotlin Gradle plugin ${want ? 'enabled' : 'disabled again'} (cdv-gradle-config.json)`,
        gradleConfig.IS_GRADLE_PLUGIN_KOTLIN_ENABLED === want);
    checkJsModules(path.join(android, 'app', 'src', 'main', 'assets', 'www'));
}

// ---- iOS -------------------------------------------------------------------------------

function checkIos() {
    const ios = path.join(appDir, 'platforms', 'ios');
    const projectName = fs.readdirSync(ios).find((f) => f.endsWith('.xcodeproj'));
    const appFolder = path.join(ios, projectName.replace(/\.xcodeproj$/, ''));
    const pluginsFolder = path.join(appFolder, 'Plugins', plugin.id);
    const project = xcode.project(path.join(ios, projectName, 'project.pbxproj')).parseSync();
    const objects = project.hash.project.objects;
    const fileRefs = objects.PBXFileReference;
    const buildFiles = objects.PBXBuildFile;
    const nativeTarget = Object.values(objects.PBXNativeTarget).find((t) =>
        typeof t === 'object' && t.productType === '"com.apple.product-type.application"');

    // The file references that a build phase of the app target (of the given isa) builds.
    function phaseFiles(isa, phaseName) {
        const names = [];
        for (const phaseRef of nativeTarget.buildPhases) {
            const phase = objects[isa] && objects[isa][phaseRef.value];
            if (!phase || (phaseName && phase.name !== phaseName && phase.name !== `"${phaseName}"`)) continue;
            for (const file of phase.files) {
                const ref = fileRefs[buildFiles[file.value].fileRef];
                if (ref) names.push(String(ref.path).replace(/"/g, ''));
            }
        }
        return names;
    }
    const sources = phaseFiles('PBXSourcesBuildPhase');
    const frameworks = phaseFiles('PBXFrameworksBuildPhase');
    const embedded = phaseFiles('PBXCopyFilesBuildPhase', 'Embed Frameworks');
    const referenced = (base) => Object.values(fileRefs).some((r) =>
        typeof r === 'object' && path.basename(String(r.path).replace(/"/g, '')) === base);

    for (const source of plugin.getSourceFiles('ios')) {
        const base = path.basename(source.src);
        checkFile(`ios source ${source.src}`, path.join(pluginDir, source.src),
            path.join(pluginsFolder, source.targetDir || '', base));
        const built = sources.some((p) => path.basename(p) === base);
        if (want) check(`${base} is in the app target's Sources phase`, built);
        else check(`${base} is no longer referenced by the Xcode project`, !referenced(base));
    }
    for (const framework of plugin.getFrameworks('ios')) {
        const base = path.basename(framework.src);
        check(`${base} is declared custom="true"`, framework.custom === true);
        checkFile(`ios framework ${framework.src}`, path.join(pluginDir, framework.src), path.join(pluginsFolder, base));
        const linked = frameworks.some((p) => path.basename(p) === base);
        if (want) {
            check(`${base} is in the app target's Frameworks (link) phase`, linked);
            check(`${base} is not embedded (a static library)`, !embedded.some((p) => path.basename(p) === base));
        } else {
            check(`${base} is no longer referenced by the Xcode project`, !referenced(base));
        }
    }

    const iosConfig = path.join(appFolder, 'config.xml');
    checkConfigXml('ios', iosConfig);
    const swiftPref = plugin.getConfigFiles('ios').flatMap((c) => c.xmls)
        .find((x) => x.tag === 'preference' && x.attrib.name === 'SwiftVersion');
    if (want && swiftPref) {
        const versions = Object.values(objects.XCBuildConfiguration)
            .filter((c) => typeof c === 'object' && c.buildSettings.SWIFT_VERSION !== undefined)
            .map((c) => String(c.buildSettings.SWIFT_VERSION).replace(/"/g, ''));
        check(`SWIFT_VERSION ${swiftPref.attrib.value} in the Xcode project`,
            versions.length > 0 && versions.every((v) => v === swiftPref.attrib.value), `found ${versions}`);
    }
    checkJsModules(path.join(ios, 'www'));
}

checkAndroid();
checkIos();
finish(`check-install ${mode}`);
