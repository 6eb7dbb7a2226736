import Foundation
@testable import MonacaCloudError
import XCTest

/// Memory through the Swift face (issue 21): a 256 MiB success body in a `Data`, read by
/// `MonacaCloudError.from(httpStatus:body:)`, raises the process's peak resident memory by at
/// most 16 MiB (the core's own allowance, tests/memory_peak.rs): the wrapper hands the `Data`'s
/// bytes to the core in place, never a copy. Measured on Linux (/proc/self/status; the peak is
/// reset through /proc/self/clear_refs just before the call); on Apple platforms the test body
/// is not compiled (no procfs), see README.
final class MemoryTests: MonacaTestCase {
    #if os(Linux)
    private static let mib = 1 << 20

    /// A `VmRSS:`/`VmHWM:` figure of /proc/self/status, in bytes.
    private func status(_ field: String) throws -> Int {
        let handle = try XCTUnwrap(FileHandle(forReadingAtPath: "/proc/self/status"))
        defer { handle.closeFile() }
        let text = String(decoding: handle.readDataToEndOfFile(), as: UTF8.self)
        let line = try XCTUnwrap(text.split(separator: "\n").first { $0.hasPrefix("\(field):") }, field)
        let figure = line.dropFirst(field.count + 1).split { $0 == " " || $0 == "\t" }.first ?? ""  // "VmRSS:\t 559180 kB"
        let kib = try XCTUnwrap(Int(figure), String(line))
        return kib * 1024
    }

    /// A Collection.find-like success body of exactly `size` bytes (as tests/memory_peak.rs makes it).
    private func largeSuccessBody(_ size: Int) -> Data {
        let head = Array(json("{'jsonrpc':'2.0','id':'1','result':{'totalItems':0,'items':[").utf8)
        let item = Array(("{\"_id\":\"5f0c1e2a\",\"name\":\"\\u6771\\u4eac \\u00e9t\\u00e9 \u{2615}\",\"n\":-12.5e3,"
            + "\"ok\":true,\"none\":null,\"tags\":[\"a\",\"b\",{\"deep\":[1,[2,[3]]]}]},").utf8)
        let tail = Array("{}]}}".utf8)
        var body = Data(repeating: UInt8(ascii: " "), count: size)
        body.replaceSubrange(0..<head.count, with: head)
        var at = head.count
        while at + item.count + tail.count <= size {
            body.replaceSubrange(at..<at + item.count, with: item)
            at += item.count
        }
        body.replaceSubrange(size - tail.count..<size, with: tail)
        return body
    }

    func testA256MiBBodyIsReadWithoutACopy() throws {
        let body = largeSuccessBody(256 * Self.mib)
        // bindings/ios/test.sh sets it to show that the test can fail: the body is then copied
        // inside the measured call, as a face that copied it would.
        let copying = ProcessInfo.processInfo.environment["MONACA_MEMORY_CHECK_COPY_BODY"] == "1"
        XCTAssertNil(MonacaCloudError.from(httpStatus: 200, body: Data("{\"result\":1}".utf8)))
        let before = try status("VmRSS")
        let clear = try XCTUnwrap(FileHandle(forWritingAtPath: "/proc/self/clear_refs"))
        clear.write(Data("5".utf8))  // the peak is now the current size
        clear.closeFile()
        let error = copying
            ? MonacaCloudError.from(httpStatus: 200, body: Data(Array(body)))
            : MonacaCloudError.from(httpStatus: 200, body: body)
        let grown = try status("VmHWM") - before
        XCTAssertNil(error)
        print(String(format: "swift memory: a 256 MiB body read by MonacaCloudError.from raised the peak RSS by %.1f MiB"
            + " (bound 16 MiB)", Double(grown) / Double(Self.mib)))
        XCTAssertLessThanOrEqual(grown, 16 * Self.mib, "the peak grew by \(grown) bytes: the body was copied")
    }
    #endif
}
