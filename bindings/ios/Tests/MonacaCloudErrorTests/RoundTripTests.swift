import Foundation
import MonacaCloudError
import XCTest

/// Text and data survive the trip through the C ABI intact; `create`; threads.
final class RoundTripTests: MonacaTestCase {
    /// NUL, emoji (non-BMP), U+2028 (a JSON-legal line separator that old JavaScript rejects),
    /// a musical symbol outside the BMP, and combining characters.
    let awkward = "nul:\u{0}:emoji:😀👩‍👩‍👧:ls:\u{2028}:ps:\u{2029}:clef:𝄞:combining:e\u{301}:end"

    func testAwkwardTextThroughCreate() throws {
        let data = json("{'text':'\\u0000 😀 \\u2028 𝄞'}")
        let error = try MonacaCloudError.create(code: 10042, message: awkward, dataJSON: data)
        XCTAssertEqual(error.message, awkward)
        XCTAssertEqual(Array(error.message.utf8), Array(awkward.utf8), "byte for byte")
        XCTAssertEqual(error.dataJSON, data)
        try assertJSONRoundTrip(error)
    }

    func testAwkwardTextThroughAResponse() throws {
        // The message arrives JSON-escaped (\u0000, a surrogate pair, \u2028) and as raw UTF-8.
        let body = json("{'error':{'code':-32602,'message':'a\\u0000b \\ud83d\\ude00 \\u2028 😀 𝄞','data':{'name😀':['\\u0000','𝄞\\u2028']}}}")
        let error = try expectError(200, body)
        XCTAssertEqual(error.message, "a\u{0}b 😀 \u{2028} 😀 𝄞")
        XCTAssertEqual(error.params, [.init(name: "name😀", messages: ["\u{0}", "𝄞\u{2028}"])])
        XCTAssertEqual(error.dataJSON, json("{'name😀':['\\u0000','𝄞\\u2028']}"), "data as sent, escapes kept")
        try assertJSONRoundTrip(error)
    }

    func testOneMebibyteOfData() throws {
        let blob = String(repeating: "0123456789abcdef", count: 65_536)  // 1 MiB
        let data = json("{'blob':'") + blob + json("','tail':'😀'}")

        let created = try MonacaCloudError.create(code: 10000, message: "big", dataJSON: data)
        XCTAssertEqual(created.dataJSON?.utf8.count, data.utf8.count)
        XCTAssertEqual(created.dataJSON, data)
        try assertJSONRoundTrip(created)

        let parsed = try expectError(200, json("{'error':{'code':10000,'message':'big','data':") + data + "}}")
        XCTAssertEqual(parsed.dataJSON, data)
        XCTAssertEqual(parsed, created, "same code, message and data whichever way it was made")
    }

    func testCreateClassifiesTheCode() throws {
        let userDefined = try MonacaCloudError.create(code: 10001, message: "Quota exceeded", dataJSON: json("{'left': 0}"))
        XCTAssertEqual(userDefined.kind, .userDefined)
        XCTAssertNil(userDefined.name)
        XCTAssertNil(userDefined.detail)
        XCTAssertEqual(userDefined.dataJSON, json("{'left': 0}"))
        try assertJSONRoundTrip(userDefined)

        let invalidParams = try MonacaCloudError.create(code: -32602, message: "Invalid params", dataJSON: json("{'a':['b','c']}"))
        XCTAssertEqual(invalidParams.name, "INVALID_PARAMS")
        XCTAssertEqual(invalidParams.params, [.init(name: "a", messages: ["b", "c"])])

        let noData = try MonacaCloudError.create(code: 4, message: "API key invalid")
        XCTAssertNil(noData.dataJSON)
        XCTAssertEqual(noData.kind, .cloudAPI)
        try assertJSONRoundTrip(noData)

        let emptyMessage = try MonacaCloudError.create(code: 1, message: "", dataJSON: "[]")
        XCTAssertEqual(emptyMessage.message, "")
        XCTAssertEqual(emptyMessage.dataJSON, "[]")
        XCTAssertEqual(emptyMessage.kind, .unknown)
    }

    /// Eight threads make and free their own handles at once (the live count is global), and
    /// the values they made cross back to this thread (`Sendable`, checked in Swift 6 mode).
    func testConcurrentParsingFromEightThreads() {
        let threads = 8
        let iterations = 500
        let failures = LockedList<String>()
        let made = LockedList<MonacaCloudError>()

        DispatchQueue.concurrentPerform(iterations: threads) { thread in
            for iteration in 0..<iterations {
                let code = 10_000 + thread * iterations + iteration
                let message = "thread \(thread) 😀 \(iteration)"
                let body = json("{'error':{'code':\(code),'message':'\(message)','data':{'t':\(thread)}}}")
                let result = MonacaCloudError.from(httpStatus: 200, body: Data(body.utf8))
                let success = MonacaCloudError.from(httpStatus: 200, body: Data(json("{'result':\(iteration)}").utf8))
                // Separate checks keep the type checker fast.
                var ok = result?.code == Int64(code)
                ok = ok && result?.message == message
                ok = ok && result?.dataJSON == json("{'t':\(thread)}")
                ok = ok && result?.kind == .userDefined
                ok = ok && success == nil
                if !ok {
                    failures.append("thread \(thread) iteration \(iteration): \(String(describing: result))")
                }
            }
            made.append(MonacaCloudError.timeout())
            if let last = MonacaCloudError.from(httpStatus: 200, body: Data(json("{'error':{'code':\(thread),'message':'t'}}").utf8)) {
                made.append(last)
            }
        }
        XCTAssertEqual(failures.all, [])
        let values = made.all
        XCTAssertEqual(values.filter { $0 == MonacaCloudError.timeout() }.count, threads)
        XCTAssertEqual(Set(values.filter { $0.message == "t" }.map(\.code)), Set((0..<Int64(threads)).map { $0 }))
    }
}

/// What the threads of `testConcurrentParsingFromEightThreads` hand back, behind a lock.
/// A class rather than a captured `var`: `concurrentPerform`'s closure is `@Sendable`, and in
/// Swift 6 mode the compiler rejects mutating a captured `var` from it even under a lock.
/// `@unchecked Sendable` is sound because every access to `items` holds `lock`, and the
/// elements themselves must be `Sendable`.
private final class LockedList<Element: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [Element] = []

    func append(_ item: Element) {
        lock.lock()
        defer { lock.unlock() }
        items.append(item)
    }

    var all: [Element] {
        lock.lock()
        defer { lock.unlock() }
        return items
    }
}
