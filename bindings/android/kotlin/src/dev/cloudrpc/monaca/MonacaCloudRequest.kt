package dev.cloudrpc.monaca

/**
 * What Monaca's SDK adds to every call's `params`: the Cloud API key (`__api_key`), the device
 * id (`__device`) and, once a response gave one, the [session] to send back (`__session`).
 */
data class MonacaCloudCredentials @JvmOverloads constructor(
    val apiKey: String,
    val deviceId: String,
    val session: String? = null
)

/**
 * The request side of a Backend call, written by the core (sans-IO: POST [body] to [url] with
 * `Content-Type: application/json` over your own HTTP, then read the exchange with
 * [MonacaCloudResponse.fromExchange]; or let [MonacaCloudClient] do it all).
 */
object MonacaCloudRequest {
    /**
     * The endpoint of a backend, `https://cloud.monaca.mobi/json-rpc/<backendId>`
     * (`monaca_backend_url`).
     *
     * @throws MonacaArgumentException (argument `"backendId"`) for an id that is empty or holds
     *   anything but ASCII letters, digits, `-` and `_`.
     */
    @JvmStatic
    fun url(backendId: String): String =
        MonacaNative.utf8(MonacaNative.loaded().backendUrl(MonacaNative.generalizedUtf8(backendId)))

    /**
     * Checks that a client may POST a request (which carries the API key, the device id and the
     * session) to [url] (`monaca_endpoint_url_check`): `https://` with a host, or `http://` to a
     * loopback host (`localhost`, `127.x.y.z`, `[::1]`) only. [MonacaCloudClient] calls it
     * before connecting.
     *
     * @throws MonacaArgumentException (argument `"url"`) for any other URL: another scheme
     *   (`file:`, `jar:`, `ftp:`), `http://` to another host, spaces, control characters.
     */
    @JvmStatic
    fun checkUrl(url: String) {
        MonacaNative.loaded().checkUrl(MonacaNative.generalizedUtf8(url))
    }

    /**
     * The body of a call of [method] (a dotted name, `User.login`) with [paramsJson] (the JSON
     * text of an object; null for `{}`) and the [credentials], as the SDK writes it
     * (`monaca_request_new`): `{"jsonrpc":"2.0","method":..,"params":{..,"__api_key":..,
     * "__device":..,"__session":..},"id":"1"}` (the id is always the string "1", as the SDK
     * sends it), every text escaped by the core.
     *
     * @throws MonacaArgumentException naming the argument (`"method"`, `"paramsJson"`, `"apiKey"`,
     *   `"deviceId"`, `"session"`) when the core refuses it: a method that is not a dotted name,
     *   params that are not one JSON object or that hold `__api_key`, `__device` or `__session`,
     *   or a text with an unpaired surrogate (no UTF-8 form).
     */
    @JvmStatic
    fun body(method: String, paramsJson: String?, credentials: MonacaCloudCredentials): String {
        val bytes = MonacaNative::generalizedUtf8
        return MonacaNative.utf8(MonacaNative.loaded().requestNew(bytes(method), paramsJson?.let(bytes),
            bytes(credentials.apiKey), bytes(credentials.deviceId), credentials.session?.let(bytes)))
    }
}
