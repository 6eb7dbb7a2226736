// The declared usage of types/index.d.ts, compiled by test.sh with `tsc --strict` (it must
// compile without an error); misuse/*.ts must each fail, with the error they name.
import {
    MonacaCloudError, MonacaArgumentError, MonacaCloudClient, MonacaResponse, MonacaFetch, readResponse, parseResponse,
    ready, readResponseSync, requestBody, backendUrl, checkUrl, create, timeout, bodyTooLarge, describe, kindOf, nameOf, descriptionOf, Kind, Code
} from 'cordova-plugin-monaca-cloud-error';

declare const reportFromKotlin: string; // MonacaCloudError.reportJson, passed by the app's own native code
declare const xhr: { status: number; response: ArrayBuffer; getResponseHeader(name: string): string | null };

interface User { loginToken: string; user: { _id: string; username: string } }

async function errors(): Promise<void> {
    try {
        const result: unknown = await parseResponse(null, 200, '{"result":{}}');
        void result;
    } catch (e) {
        if (e instanceof MonacaCloudError) {
            const first: string | null = e.firstMessageFor('collectionName');
            const all: string[] = e.messagesFor('criteria');
            const kind: 'CLIENT' | string = e.kind;
            const codeName: string | null = e.codeName;
            const name: string = e.name;
            const stack: string | undefined = e.stack;
            const session: string | null = e.session;
            const asError: Error = e;
            void [first, all, kind, codeName, name, stack, session, asError, e.code + 1, e.data, e.dataJson, e.detail,
                e.description, e.jsonText, e.toJSON().code, e.params.map((p) => p.messages.length)];
        }
    }
    try {
        const made: MonacaCloudError = await create(Code.USER_DEFINED_MIN, 'm', '{"a":1}');
        const asError: Error = made;
        void [made.toString(), asError.message];
    } catch (e) {
        if (e instanceof MonacaArgumentError) {
            const where: number = e.offset + e.line + e.column;
            const asTypeError: TypeError = e;
            void [where, e.argument, e.reason, e.message, asTypeError];
        }
    }
    const error = new MonacaCloudError(reportFromKotlin);
    const withSession = new MonacaCloudError(reportFromKotlin, 'session-1');
    let anError: Error = error;
    anError = withSession;
    void anError;
    if (error.kind === Kind.CLOUD_API && error.code === Code.USER_LOGIN_REQUIRED) {
        const entry = await describe(error.code);
        void entry.description;
    }
    const text: string = descriptionOf(10000);
    void [kindOf(10000), nameOf(11), text];
    // The `cordova` global is the plugin's own declaration: no @types package is installed here.
    void (await cordova.plugins.monacaCloudError.timeout()).message;
    void (await timeout()).jsonText;
}

async function responses(): Promise<void> {
    // Bodies: text, ArrayBuffer, Uint8Array; a header or none.
    const login: MonacaResponse<User> = await readResponse<User>('User.login', xhr.status, xhr.response,
        xhr.getResponseHeader('X-Set-Monaca-Cloud-Session'));
    const token: string = login.result.loginToken;
    const session: string | null = login.session;
    const ends: boolean = login.endsSession;
    const loginToken: string | null = login.loginToken;
    const items = await parseResponse<{ items: { _id: string }[] }>('Collection.find', 200, new Uint8Array([123, 125]));
    const first: string = items.items[0]._id;
    const anything = await readResponse(null, 200, '{"result":1}', null);
    const unknownResult: unknown = anything.result;
    void [token, session, ends, loginToken, first, unknownResult];
    // In this WebView, without the bridge, once the core is loaded.
    await ready();
    const now: MonacaResponse<User> = readResponseSync<User>('User.login', 200, xhr.response, null);
    const sameThing: string = cordova.plugins.monacaCloudError.readResponseSync<User>(null, 200, '{}').result.loginToken;
    void [now.result.loginToken, now.endsSession, sameThing];
}

async function requests(): Promise<void> {
    const url: string = await backendUrl('my-backend');
    const body: string = await requestBody('User.login', { username: 'a', password: 'b' }, { apiKey: 'k', deviceId: 'd' });
    const again: string = await requestBody('Collection.find', '{"criteria":""}', { apiKey: 'k', deviceId: 'd', session: null });
    const none: string = await requestBody('User.logout', null, { apiKey: 'k', deviceId: 'd', session: 's' });
    const checked: void = await checkUrl(url);
    const tooLarge: MonacaCloudError = await bodyTooLarge(33554432);
    void [url, body, again, none, checked, tooLarge.detail];
}

async function calls(): Promise<void> {
    const client = new MonacaCloudClient({ backendId: 'my-backend', apiKey: 'k', deviceId: 'd', timeoutMs: 10000,
        maxBodyBytes: 1048576 });
    const user = await client.call<User>('User.login', { username: 'a', password: 'b' });
    const name: string = user.user.username;
    const session: string | null = client.currentSession;
    const loginToken: string | null = client.loginToken;
    try {
        await client.call('Collection.find', '{"criteria":""}');
    } catch (e) {
        if (e instanceof MonacaCloudError && e.code === Code.CONNECTION_TIMED_OUT) void e.session;
    }
    // Another endpoint, a session kept from before, the global fetch or one of the app's.
    const own: MonacaFetch = (url, init) => fetch(url, init);
    const other = new MonacaCloudClient({ url: 'https://example.test/json-rpc/x', apiKey: 'k', deviceId: 'd',
        session: 'kept', fetch });
    const third = new MonacaCloudClient({ url: 'https://example.test/json-rpc/x', apiKey: 'k', deviceId: 'd', fetch: own });
    const result: unknown = await other.call('Echo');
    void [name, session, loginToken, result, third.timeoutMs, client.maxBodyBytes];
}

void [errors, responses, requests, calls];
