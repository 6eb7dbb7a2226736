/*
 * The whole use of cordova-plugin-monaca-cloud-error in this Capacitor app. On Capacitor's web
 * platform no Cordova JavaScript is loaded (no cordova.plugins.monacaCloudError): the plugin's
 * API is imported from the package (its main file, www/monaca-cloud-error.js) and bundled, and
 * it answers with the WebAssembly core that index.html loads (monaca/monaca-cloud-error-wasm.js).
 *
 *   1. User.login: the client keeps the session that the response's X-Set-Monaca-Cloud-Session
 *      header carries (client.currentSession) and the result's loginToken
 *   2. Collection.find: sent with that session as __session (without it the backend answers
 *      error 11, "User login is required")
 *   3. User.register with parameters the backend refuses: a -32602 Invalid params error, whose
 *      messages are shown per parameter (error.params: [{name, messages}])
 *
 * The backend: the page's ?backend=<endpoint URL> (the mock, tests/mock-backend/server.py,
 * with its API key and user), else Monaca's backend BACKEND_ID with API_KEY: put yours there.
 */
import { Capacitor } from '@capacitor/core';
import { Code, MonacaCloudClient, MonacaCloudError } from 'cordova-plugin-monaca-cloud-error';

const BACKEND_ID = 'YOUR_BACKEND_ID';
const API_KEY = 'YOUR_API_KEY';
const MOCK_API_KEY = 'test-api-key';
const DEVICE_ID = 'example-device-1'; // a real app sends a stable id of its device

const steps = document.getElementById('steps');

/** A new line of the page's list: `title`, then what came of it. */
function step(title) {
    const item = document.createElement('li');
    item.textContent = `${title}: `;
    steps.appendChild(item);
    return item;
}

function say(item, text, className) {
    const answer = document.createElement('span');
    answer.className = className;
    answer.textContent = text;
    item.appendChild(answer);
}

/** "-32602 INVALID_PARAMS: Invalid params", for any error the client rejects with. */
function describe(error) {
    if (!(error instanceof MonacaCloudError)) return String(error);
    return `${error.code} ${error.codeName || error.kind}: ${error.message}`;
}

/** The per-parameter messages of an Invalid params error, one list item per parameter. */
function showParams(item, error) {
    const list = document.createElement('ul');
    list.className = 'params';
    for (const param of error.params) {
        const entry = document.createElement('li');
        const name = document.createElement('b');
        name.textContent = param.name;
        entry.append(name, `: ${param.messages.join(' ')}`);
        list.appendChild(entry);
    }
    item.appendChild(list);
}

function finish(state, text) {
    const status = document.getElementById('status');
    status.dataset.state = state;
    status.textContent = text;
}

async function run() {
    const backend = new URLSearchParams(location.search).get('backend');
    const client = backend
        ? new MonacaCloudClient({ url: backend, apiKey: MOCK_API_KEY, deviceId: DEVICE_ID })
        : new MonacaCloudClient({ backendId: BACKEND_ID, apiKey: API_KEY, deviceId: DEVICE_ID });
    document.getElementById('backend').textContent =
        `Backend: ${backend || BACKEND_ID} (Capacitor platform ${Capacitor.getPlatform()})`;

    const login = step('User.login as ann');
    const result = await client.call('User.login', { username: 'ann', password: 'secret' });
    say(login, `logged in as ${result.user.username}; session kept: ${client.currentSession || 'none'}; ` +
        `loginToken: ${client.loginToken || 'none'}`, 'ok');

    const find = step('Collection.find with that session');
    const found = await client.call('Collection.find', { collectionName: 'Notes' });
    say(find, `${found.totalItems} item(s) found`, 'ok');

    const register = step('User.register {username: "ann", password: "abc"}');
    try {
        await client.call('User.register', { username: 'ann', password: 'abc' });
        throw new Error('User.register was accepted; this example expects the backend to refuse it');
    } catch (error) {
        if (!(error instanceof MonacaCloudError) || error.code !== Code.INVALID_PARAMS) throw error;
        say(register, describe(error), 'error');
        showParams(register, error);
    }
}

finish('running', 'Running…');
run().then(() => finish('done', 'Done.'), (error) => finish('failed', `Failed: ${describe(error)}`));
