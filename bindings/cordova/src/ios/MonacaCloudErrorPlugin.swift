import Foundation

/// The iOS side of the Cordova plugin (feature `MonacaCloudError`, see plugin.xml); the
/// JavaScript side is www/monaca-cloud-error.js, which builds its objects from the report (the
/// library's every-field JSON text, `MonacaCloudError.reportJSON`). The Swift wrapper is
/// compiled into the same app target, so no module import is needed for it; `CDVPlugin` comes
/// from the app's bridging header (`#import <Cordova/CDV.h>` or `<Cordova/Cordova.h>`).
///
/// Actions:
/// - `parseResponse [status: int, bodyBase64: string]` answers the report of the error, or null
///   for a success response.
/// - `create [code: number, message: string, dataJson: string | null]` answers the report; input
///   the library refuses goes to the error callback as
///   `{argument, reason, offset, line, column, explanation}` (`MonacaArgumentError`).
/// - `timeout []` answers the report of the -11 error.
/// - `describe [code: number]` answers `{code, kind, name, description}` from the catalogue.
/// Bad arguments go to the error callback as a message.
///
/// Threading: Cordova calls these methods on the main thread. The library call runs on a
/// global background queue; `MonacaCloudError` values are immutable `Sendable` values and the
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
            let result: CDVPluginResult
            if let error = MonacaCloudError.from(httpStatus: status.intValue, body: body) {
                result = CDVPluginResult(status: CDVCommandStatus_OK, messageAs: error.reportJSON)
            } else {
                result = CDVPluginResult(status: CDVCommandStatus_OK)  // no message: null, a success
            }
            self?.send(command, result)
        }
    }

    @objc(create:)
    func create(_ command: CDVInvokedUrlCommand) {
        // argument(at:) gives nil for JavaScript's null: no data.
        guard let code = command.argument(at: 0) as? NSNumber,
              let message = command.argument(at: 1) as? String
        else {
            fail(command, "bad arguments for create: expected [code, message, dataJson]")
            return
        }
        let dataJSON = command.argument(at: 2) as? String
        queue.async { [weak self] in
            let result: CDVPluginResult
            do {
                let error = try MonacaCloudError.create(code: code.int64Value, message: message, dataJSON: dataJSON)
                result = CDVPluginResult(status: CDVCommandStatus_OK, messageAs: error.reportJSON)
            } catch let refusal as MonacaArgumentError {
                let why: [String: Any] = [
                    // JavaScript's name for the parameter (Swift calls it dataJSON).
                    "argument": refusal.argument == "dataJSON" ? "dataJson" : refusal.argument,
                    "reason": refusal.reason,
                    "offset": refusal.offset,
                    "line": refusal.line,
                    "column": refusal.column,
                    "explanation": refusal.explanation,
                ]
                result = CDVPluginResult(status: CDVCommandStatus_ERROR, messageAs: why)
            } catch {
                result = CDVPluginResult(status: CDVCommandStatus_ERROR, messageAs: "\(error)")
            }
            self?.send(command, result)
        }
    }

    @objc(timeout:)
    func timeout(_ command: CDVInvokedUrlCommand) {
        queue.async { [weak self] in
            let report = MonacaCloudError.timeout().reportJSON
            self?.send(command, CDVPluginResult(status: CDVCommandStatus_OK, messageAs: report))
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
                "kind": MonacaCloudError.kind(of: code).symbol,
                "name": MonacaCloudError.name(of: code) ?? NSNull(),
                "description": MonacaCloudError.description(of: code),
            ]
            self?.send(command, CDVPluginResult(status: CDVCommandStatus_OK, messageAs: reply))
        }
    }

    private func send(_ command: CDVInvokedUrlCommand, _ result: CDVPluginResult) {
        commandDelegate.send(result, callbackId: command.callbackId)
    }

    private func fail(_ command: CDVInvokedUrlCommand, _ message: String) {
        send(command, CDVPluginResult(status: CDVCommandStatus_ERROR, messageAs: message))
    }
}
