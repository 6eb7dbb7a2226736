/*
 * The whole use of cordova-plugin-monaca-cloud-error in this app (its API is
 * cordova.plugins.monacaCloudError once Cordova fires deviceready):
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
(function () {
    'use strict';

    var BACKEND_ID = 'YOUR_BACKEND_ID';
    var API_KEY = 'YOUR_API_KEY';
    var MOCK_API_KEY = 'test-api-key';
    var DEVICE_ID = 'example-device-1'; // a real app sends a stable id of its device

    var steps = document.getElementById('steps');

    /** A new line of the page's list: `title`, then what came of it. */
    function step(title) {
        var item = document.createElement('li');
        item.textContent = title + ': ';
        steps.appendChild(item);
        return item;
    }

    function say(item, text, className) {
        var answer = document.createElement('span');
        answer.className = className;
        answer.textContent = text;
        item.appendChild(answer);
    }

    /** "-32602 INVALID_PARAMS: Invalid params", for any error the client rejects with. */
    function describe(error) {
        if (!(error instanceof cordova.plugins.monacaCloudError.MonacaCloudError)) return String(error);
        return error.code + ' ' + (error.codeName || error.kind) + ': ' + error.message;
    }

    /** The per-parameter messages of an Invalid params error, one list item per parameter. */
    function showParams(item, error) {
        var list = document.createElement('ul');
        list.className = 'params';
        error.params.forEach(function (param) {
            var entry = document.createElement('li');
            var name = document.createElement('b');
            name.textContent = param.name;
            entry.appendChild(name);
            entry.appendChild(document.createTextNode(': ' + param.messages.join(' ')));
            list.appendChild(entry);
        });
        item.appendChild(list);
    }

    function finish(state, text) {
        var status = document.getElementById('status');
        status.dataset.state = state;
        status.textContent = text;
    }

    async function run() {
        var api = cordova.plugins.monacaCloudError;
        var backend = new URLSearchParams(location.search).get('backend');
        var client = backend
            ? new api.MonacaCloudClient({ url: backend, apiKey: MOCK_API_KEY, deviceId: DEVICE_ID })
            : new api.MonacaCloudClient({ backendId: BACKEND_ID, apiKey: API_KEY, deviceId: DEVICE_ID });
        document.getElementById('backend').textContent = 'Backend: ' + (backend || BACKEND_ID) +
            ' (platform ' + cordova.platformId + ')';

        var login = step('User.login as ann');
        var result = await client.call('User.login', { username: 'ann', password: 'secret' });
        say(login, 'logged in as ' + result.user.username + '; session kept: ' + (client.currentSession || 'none') +
            '; loginToken: ' + (client.loginToken || 'none'), 'ok');

        var find = step('Collection.find with that session');
        var found = await client.call('Collection.find', { collectionName: 'Notes' });
        say(find, found.totalItems + ' item(s) found', 'ok');

        var register = step('User.register {username: "ann", password: "abc"}');
        try {
            await client.call('User.register', { username: 'ann', password: 'abc' });
            throw new Error('User.register was accepted; this example expects the backend to refuse it');
        } catch (error) {
            if (!(error instanceof api.MonacaCloudError) || error.code !== api.Code.INVALID_PARAMS) throw error;
            say(register, describe(error), 'error');
            showParams(register, error);
        }
    }

    document.addEventListener('deviceready', function () {
        finish('running', 'Running…');
        run().then(function () {
            finish('done', 'Done.');
        }, function (error) {
            finish('failed', 'Failed: ' + describe(error));
        });
    });
}());
