package dev.cloudrpc.examples

import dev.cloudrpc.monaca.MonacaCloudClient
import java.net.URI

/**
 * Runs [loginFindRegister] against the endpoint given as the first argument (examples/test.sh
 * passes the mock backend's, http://127.0.0.1:<port>/json-rpc/test-backend, with its API key).
 * A Monaca app's client: `MonacaCloudClient(backendId, apiKey, deviceId)`.
 */
fun main(args: Array<String>) {
    val endpoint = URI(args.getOrNull(0) ?: error("usage: MainKt ENDPOINT_URL")).toURL()
    val client = MonacaCloudClient(endpoint, "test-api-key", "example-device-1")
    loginFindRegister(client) { println(it) }
}
