import Foundation

/// The iOS side of the Cordova plugin (feature `MonacaCloudError`, see plugin.xml); the
/// JavaScript side is www/monaca-cloud-error.js, which builds its objects from the reports the
/// library writes (`MonacaCloudResponse.reportJSON`, `MonacaCloudError.reportJSON`). The Swift
/// wrapper is compiled into the same app target, so no module import is needed for it;
/// `CDVPlugin` comes from the app's bridging header (`#import <Cordova/CDV.h>` or
/// `<Cordova/Cordova.h>`).
///
/// Actions:
/// - `readResponse [method: string | null, status: int, body: bytes, sessionHeader: string | null]`
///   answers the response report, `{"session":..,"endsSession":..,"loginToken":..,"result":..}`
///   or `{..,"error":..}` (`method` is the called method, on which `endsSession` depends; null
///   when unknown). JavaScript sends the body as an ArrayBuffer, which cordova-ios hands over
///   as `NSData`.
/// - `requestBody [method, paramsJson | null, apiKey, deviceId, session | null]` answers the
///   body text (its id is always `"1"`); `backendUrl [backendId]` answers the URL;
///   `checkUrl [url]` answers the text `OK` for an endpoint the library accepts.
/// - `create [code: number, message: string, dataJson: string | null]` answers the error's report.
/// - `timeout []` answers the report of the -11 error; `bodyTooLarge [limit: number]` the
///   report of the -12 error for a body over `limit` bytes.
/// - `describe [code: number]` answers `{code, kind, name, description}` from the catalogue.
/// Input that the library refuses (create, requestBody, backendUrl, checkUrl) goes to the error
/// callback as `{argument, reason, offset, line, column, explanation}` (`MonacaArgumentError`),
/// the argument by its JavaScript name. Bad arguments go to the error callback as a message.
///
/// Statuses are written `.ok` and `.error` (cordova-ios 5 and later); cordova-ios 8 deprecates
/// the old `CDVCommandStatus_OK` constants.
///
/// Threading: Cordova calls these methods on the main thread. The library call runs on a
/// global background queue; the wrapper's values are immutable `Sendable` values and the
/// library may be called from any thread, so calls need no locking. `commandDelegate.send`
/// may be called from any thread.
@objc(MonacaCloudErrorPlugin)
final class MonacaCloudErrorPlugin: CDVPlugin {
    private let queue = DispatchQueue.global(qos: .userInitiated)

    /// The Swift wrapper's argument names that JavaScript spells otherwise.
    private static let jsNames = [
        "dataJSON": "dataJson", "paramsJSON": "params", "deviceID": "deviceId", "backendID": "backendId",
    ]

    @objc(readResponse:)
    func readResponse(_ command: CDVInvokedUrlCommand) {
        // argument(at:) gives nil for JavaScript's null: no method, no header.
        guard let status = command.argument(at: 1) as? NSNumber,
              let body = command.argument(at: 2) as? Data
        else {
            fail(command, "bad arguments for readResponse: expected [method, status, body (ArrayBuffer), sessionHeader]")
            return
        }
        let method = command.argument(at: 0) as? String
        let sessionHeader = command.argument(at: 3) as? String
        queue.async { [weak self] in
            let response = MonacaCloudResponse(
                method: method, httpStatus: status.intValue, body: body, sessionHeader: sessionHeader)
            self?.send(command, CDVPluginResult(status: .ok, messageAs: response.reportJSON))
        }
    }

    @objc(requestBody:)
    func requestBody(_ command: CDVInvokedUrlCommand) {
        guard let method = command.argument(at: 0) as? String,
              let apiKey = command.argument(at: 2) as? String,
              let deviceID = command.argument(at: 3) as? String
        else {
            fail(command, "bad arguments for requestBody: expected [method, paramsJson, apiKey, deviceId, session]")
            return
        }
        let paramsJSON = command.argument(at: 1) as? String
        let credentials = MonacaCloudCredentials(
            apiKey: apiKey, deviceID: deviceID, session: command.argument(at: 4) as? String)
        refusable(command) {
            try MonacaCloudRequest.body(method: method, paramsJSON: paramsJSON, credentials: credentials)
        }
    }

    @objc(checkUrl:)
    func checkUrl(_ command: CDVInvokedUrlCommand) {
        guard let url = command.argument(at: 0) as? String else {
            fail(command, "bad arguments for checkUrl: expected [url]")
            return
        }
        refusable(command) {
            try MonacaCloudRequest.checkURL(url)
            return "OK"
        }
    }

    @objc(backendUrl:)
    func backendUrl(_ command: CDVInvokedUrlCommand) {
        guard let backendID = command.argument(at: 0) as? String else {
            fail(command, "bad arguments for backendUrl: expected [backendId]")
            return
        }
        refusable(command) { try MonacaCloudRequest.url(backendID: backendID) }
    }

    @objc(create:)
    func create(_ command: CDVInvokedUrlCommand) {
        guard let code = command.argument(at: 0) as? NSNumber,
              let message = command.argument(at: 1) as? String
        else {
            fail(command, "bad arguments for create: expected [code, message, dataJson]")
            return
        }
        let dataJSON = command.argument(at: 2) as? String
        refusable(command) {
            try MonacaCloudError.create(code: code.int64Value, message: message, dataJSON: dataJSON).reportJSON
        }
    }

    @objc(timeout:)
    func timeout(_ command: CDVInvokedUrlCommand) {
        queue.async { [weak self] in
            let report = MonacaCloudError.timeout().reportJSON
            self?.send(command, CDVPluginResult(status: .ok, messageAs: report))
        }
    }

    @objc(bodyTooLarge:)
    func bodyTooLarge(_ command: CDVInvokedUrlCommand) {
        // A JavaScript number: a whole number from 0 to 2^53 (beyond, a double is not exact).
        guard let number = command.argument(at: 0) as? NSNumber,
              let limit = UInt64(exactly: number.doubleValue), limit <= 1 << 53
        else {
            fail(command, "bad arguments for bodyTooLarge: expected [limit (a whole number of bytes, 0 or more)]")
            return
        }
        queue.async { [weak self] in
            let report = MonacaCloudError.bodyTooLarge(limit: limit).reportJSON
            self?.send(command, CDVPluginResult(status: .ok, messageAs: report))
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
            self?.send(command, CDVPluginResult(status: .ok, messageAs: reply))
        }
    }

    /// On the queue: answers `make`'s text, or the refusal of its input as JavaScript reads it.
    private func refusable(_ command: CDVInvokedUrlCommand, _ make: @escaping () throws -> String) {
        queue.async { [weak self] in
            let result: CDVPluginResult
            do {
                let text = try make()
                result = CDVPluginResult(status: .ok, messageAs: text)
            } catch let refusal as MonacaArgumentError {
                let why: [String: Any] = [
                    "argument": MonacaCloudErrorPlugin.jsNames[refusal.argument] ?? refusal.argument,
                    "reason": refusal.reason,
                    "offset": refusal.offset,
                    "line": refusal.line,
                    "column": refusal.column,
                    "explanation": refusal.explanation,
                ]
                result = CDVPluginResult(status: .error, messageAs: why)
            } catch {
                result = CDVPluginResult(status: .error, messageAs: "\(error)")
            }
            self?.send(command, result)
        }
    }

    private func send(_ command: CDVInvokedUrlCommand, _ result: CDVPluginResult) {
        commandDelegate.send(result, callbackId: command.callbackId)
    }

    private func fail(_ command: CDVInvokedUrlCommand, _ message: String) {
        send(command, CDVPluginResult(status: .error, messageAs: message))
    }
}
