// Compile-time stand-ins for the cordova-ios classes that src/ios/MonacaCloudErrorPlugin.swift
// uses, with the signatures Swift imports from the real Objective-C headers (CDVPlugin.h,
// CDVInvokedUrlCommand.h, CDVPluginResult.h, CDVCommandDelegate.h of cordova-ios 8.1.1). They
// exist only so that test/swift-typecheck.sh can type-check the plugin class together with the
// real Swift wrapper on Linux. Never run, never packaged.
import Foundation

/// NS_ENUM with NS_SWIFT_NAME cases since cordova-ios 5 (GH-254).
public enum CDVCommandStatus: UInt {
    case noResult = 0, ok, classNotFoundException, illegalAccessException, instantiationException,
        malformedUrlException, ioException, invalidAction, jsonException, error
}
// cordova-ios 8 keeps the old constant names for Swift, deprecated ("Remove this in Cordova iOS 9").
@available(*, deprecated, renamed: "CDVCommandStatus.ok")
public let CDVCommandStatus_OK = CDVCommandStatus.ok
@available(*, deprecated, renamed: "CDVCommandStatus.error")
public let CDVCommandStatus_ERROR = CDVCommandStatus.error

open class CDVPluginResult {
    public init(status: CDVCommandStatus) {}
    public init(status: CDVCommandStatus, messageAs: String) {}
    public init(status: CDVCommandStatus, messageAs: [Any]) {}
    public init(status: CDVCommandStatus, messageAs: [AnyHashable: Any]) {}
    public init(status: CDVCommandStatus, messageAs: Int32) {}
    public init(status: CDVCommandStatus, messageAs: UInt32) {}
    public init(status: CDVCommandStatus, messageAs: Double) {}
    public init(status: CDVCommandStatus, messageAs: Bool) {}
    public init(status: CDVCommandStatus, messageAsArrayBuffer: Data) {}
}

open class CDVInvokedUrlCommand {
    open var callbackId: String! { "" }
    open var arguments: [Any] { [] }
    /// nil for an index past the end and for JavaScript's null (NSNull).
    open func argument(at index: UInt) -> Any! { nil }
}

public protocol CDVCommandDelegate: AnyObject {
    func send(_ result: CDVPluginResult, callbackId: String)
}

open class CDVPlugin {
    public weak var commandDelegate: CDVCommandDelegate!
    public init() {}
    open func pluginInitialize() {}
}
