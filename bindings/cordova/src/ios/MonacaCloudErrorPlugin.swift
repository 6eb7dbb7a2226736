import Foundation

/// The iOS side of the Cordova plugin (feature `MonacaCloudError`, see plugin.xml); the
/// JavaScript side is www/monaca-cloud-error.js. The Swift wrapper (`MonacaCloudError`) is
/// compiled into the same app target, so no module import is needed for it; `CDVPlugin` comes
/// from the app's bridging header (`#import <Cordova/CDV.h>` or `<Cordova/Cordova.h>`).
///
/// Actions:
/// - `parseResponse [status: int, bodyBase64: string]` answers `[json, detail]`: the library's
///   JSON form of the error (or null for a success response) and the detail of a client error
///   (or null).
/// - `describe [code: number]` answers `{code, kind, name, description}` from the catalogue.
/// A bad argument goes to the error callback with a message.
///
/// Threading: Cordova calls these methods on the main thread. The parse runs on a global
/// background queue; `MonacaCloudError` values are immutable `Sendable` values and the
/// library may be called from any thread, so calls need no locking. `commandDelegate.send`
/// may be called from any thread.
@objc(MonacaCloudErrorPlugin)
final class MonacaCloudErrorPlugin: CDVPlugin {
    private let queue = DispatchQueue.global(qos: .userInitiated)

    @objc(parseResponse:)
    func parseResponse(_ command: CDVInvokedUrlCommand) {
        guard let status = command.argument(at: 0) as? NSNumber,
              let bodyBase64 = command.argument(at: 1) as? String
        else {
            fail(command, "bad arguments for parseResponse: expected [status, bodyBase64]")
            return
        }
        queue.async { [weak self] in
            guard let body = Data(base64Encoded: bodyBase64) else {
                self?.fail(command, "bodyBase64 is not valid base64")
                return
            }
            let reply: [Any]
            if let error = MonacaCloudError.from(httpStatus: status.intValue, body: body) {
                reply = [error.toJSON(), error.detail ?? NSNull()]
            } else {
                reply = [NSNull(), NSNull()]  // a success response
            }
            let result = CDVPluginResult(status: CDVCommandStatus_OK, messageAs: reply)
            self?.commandDelegate.send(result, callbackId: command.callbackId)
        }
    }

    @objc(describe:)
    func describe(_ command: CDVInvokedUrlCommand) {
        guard let number = command.argument(at: 0) as? NSNumber else {
            fail(command, "bad arguments for describe: expected [code]")
            return
        }
        let code = number.int64Value
        queue.async { [weak self] in
            let reply: [String: Any] = [
                "code": NSNumber(value: code),
                "kind": MonacaCloudErrorPlugin.kindName(MonacaCloudError.kind(of: code)),
                "name": MonacaCloudError.name(of: code) ?? NSNull(),
                "description": MonacaCloudError.description(of: code),
            ]
            let result = CDVPluginResult(status: CDVCommandStatus_OK, messageAs: reply)
            self?.commandDelegate.send(result, callbackId: command.callbackId)
        }
    }

    /// The JavaScript `Kind` names (the same as the Kotlin enum's).
    private static func kindName(_ kind: MonacaErrorKind) -> String {
        switch kind {
        case .unknown: return "UNKNOWN"
        case .jsonRPC: return "JSON_RPC"
        case .serverDefined: return "SERVER_DEFINED"
        case .client: return "CLIENT"
        case .cloudAPI: return "CLOUD_API"
        case .userDefined: return "USER_DEFINED"
        }
    }

    private func fail(_ command: CDVInvokedUrlCommand, _ message: String) {
        let result = CDVPluginResult(status: CDVCommandStatus_ERROR, messageAs: message)
        commandDelegate.send(result, callbackId: command.callbackId)
    }
}
