package dev.cloudrpc.examples

import dev.cloudrpc.monaca.MonacaCloudClient
import dev.cloudrpc.monaca.MonacaCloudError

/**
 * What a plugin's Android code does with the Kotlin wrapper (package dev.cloudrpc.monaca, which
 * the Cordova plugin puts in the app): log in, make a call that carries the session, and read
 * the per-parameter messages of an Invalid params (-32602) error. Each line of the outcome goes
 * to [say].
 *
 * [MonacaCloudClient.call] blocks: in a Cordova plugin, run this from `execute` on
 * `cordova.threadPool` and answer with `callbackContext.success(...)` / `.error(...)`.
 * The client keeps the session each response carries (X-Set-Monaca-Cloud-Session) and sends
 * it as `__session` on the next call: nothing to do for it here.
 */
fun loginFindRegister(client: MonacaCloudClient, say: (String) -> Unit) {
    // The result's JSON text, exactly as the server sent it.
    val user = client.call("User.login", """{"username":"ann","password":"secret"}""")
    say("User.login: $user")
    say("session kept: ${client.currentSession}, loginToken: ${client.loginToken}")

    // Sent with __session: the backend answers error 11 (User login is required) without it.
    val found = client.call("Collection.find", """{"collectionName":"Notes"}""")
    say("Collection.find with the session: $found")

    try {
        client.call("User.register", """{"username":"ann","password":"abc"}""")
        throw IllegalStateException("User.register was accepted; this example expects the backend to refuse it")
    } catch (error: MonacaCloudError) {
        if (error.code != MonacaCloudError.INVALID_PARAMS) throw error
        say("User.register refused: ${error.code} ${error.name}: ${error.message}")
        for (param in error.params) say("  ${param.name}: ${param.messages.joinToString(" ")}")
    }
}
