import MonacaCloudError

/// What a plugin's iOS code does with the Swift wrapper (module MonacaCloudError, which the
/// Cordova plugin compiles into the app): log in, make a call that carries the session, and
/// read the per-parameter messages of an Invalid params (-32602) error. Each line of the
/// outcome goes to `say`.
///
/// In a Cordova plugin (a CDVPlugin subclass), start it from the action with `Task { ... }` and
/// answer with `commandDelegate.send(CDVPluginResult(...), callbackId: command.callbackId)`.
/// The client keeps the session each response carries (X-Set-Monaca-Cloud-Session) and sends
/// it as `__session` on the next call: nothing to do for it here.
func loginFindRegister(client: MonacaCloudClient, say: (String) -> Void) async throws {
    // The result's JSON text, exactly as the server sent it.
    let user = try await client.call("User.login", paramsJSON: "{\"username\":\"ann\",\"password\":\"secret\"}")
    say("User.login: \(user)")
    say("session kept: \(client.currentSession ?? "none"), loginToken: \(client.loginToken ?? "none")")

    // Sent with __session: the backend answers error 11 (User login is required) without it.
    let found = try await client.call("Collection.find", paramsJSON: "{\"collectionName\":\"Notes\"}")
    say("Collection.find with the session: \(found)")

    do {
        _ = try await client.call("User.register", paramsJSON: "{\"username\":\"ann\",\"password\":\"abc\"}")
        throw ExampleFailure.accepted
    } catch let error as MonacaCloudError where error.code == MonacaCloudError.Code.invalidParams {
        say("User.register refused: \(error.code) \(error.name ?? "-"): \(error.message)")
        for param in error.params {
            say("  \(param.name): \(param.messages.joined(separator: " "))")
        }
    }
}

enum ExampleFailure: Error {
    /// The backend accepted what this example expects it to refuse.
    case accepted
}
