import CMonacaCloudError
import Foundation
import MonacaCloudError
import XCTest

/// The shared conformance corpus (the repository's tests/corpus/*.json, written by make.py):
/// every case of every file through the Swift API, every field checked. Texts are compared
/// byte for byte (Swift's `==` on String would accept a canonically equivalent text).
final class CorpusTests: MonacaTestCase {
    /// bindings/ios/Tests/MonacaCloudErrorTests/CorpusTests.swift -> the repository root.
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("tests/corpus")

    /// The report's kind symbols, mapped to the C enum (not through the wrapper's own table).
    static let cKinds: [String: UInt32] = [
        "UNKNOWN": MONACA_KIND_UNKNOWN.rawValue, "JSON_RPC": MONACA_KIND_JSON_RPC.rawValue,
        "SERVER_DEFINED": MONACA_KIND_SERVER_DEFINED.rawValue, "CLIENT": MONACA_KIND_CLIENT.rawValue,
        "CLOUD_API": MONACA_KIND_CLOUD_API.rawValue, "USER_DEFINED": MONACA_KIND_USER_DEFINED.rawValue,
    ]

    func testEveryCaseOfTheCorpus() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.directory.path)
            .filter { $0.hasSuffix(".json") }.sorted()
        XCTAssertFalse(files.isEmpty, "no corpus files in \(Self.directory.path)")
        var count = 0
        for file in files {
            let corpus = try XCTUnwrap(
                try JSONSerialization.jsonObject(with: Data(contentsOf: Self.directory.appendingPathComponent(file))) as? [String: Any],
                file)
            let cases = try XCTUnwrap(corpus["cases"] as? [[String: Any]], "\(file): no cases")
            for testCase in cases {
                try check(testCase, label: "\(file): \(testCase["name"] as? String ?? "?")")
                count += 1
            }
        }
        XCTAssertGreaterThanOrEqual(count, 100, "the corpus has \(count) cases in \(files.count) files")
    }

    private func check(_ testCase: [String: Any], label: String) throws {
        let status = try XCTUnwrap(testCase["status"] as? Int, label)
        let body: Data
        if let text = testCase["body"] as? String {
            body = Data(text.utf8)
        } else {
            body = try XCTUnwrap(Data(base64Encoded: try XCTUnwrap(testCase["bodyBase64"] as? String, label)), label)
        }
        let error = MonacaCloudError.from(httpStatus: status, body: body)
        guard let expected = testCase["expected"] as? [String: Any] else {
            XCTAssertTrue(testCase["expected"] is NSNull, "\(label): expected is neither null nor a report")
            return XCTAssertNil(error, "\(label): expected a success")
        }
        guard let error = error else { return XCTFail("\(label): expected an error, got a success") }

        XCTAssertEqual(error.code, (expected["code"] as? NSNumber)?.int64Value, label)
        let kind = try XCTUnwrap(expected["kind"] as? String, label)
        XCTAssertEqual(error.kind.symbol, kind, label)
        XCTAssertEqual(UInt32(error.kind.rawValue), Self.cKinds[kind], "\(label): kind \(kind)")
        assertSameText(error.name, text(expected["name"], label), "\(label): name")
        assertSameText(error.description, text(expected["description"], label), "\(label): description")
        assertSameText(error.message, text(expected["message"], label), "\(label): message")
        assertSameText(error.detail, text(expected["detail"], label), "\(label): detail")
        assertSameText(error.dataJSON, text(expected["data"], label), "\(label): data")
        assertSameText(error.toJSON(), text(expected["json"], label), "\(label): json")

        let params = try XCTUnwrap(expected["params"] as? [[String: Any]], label)
        XCTAssertEqual(error.params.count, params.count, "\(label): params")
        for (actual, param) in zip(error.params, params) {
            assertSameText(actual.name, text(param["name"], label), "\(label): param name")
            assertSameTexts(actual.messages, param["messages"], "\(label): messages of \(actual.name)")
        }
        for param in params {
            let name = try XCTUnwrap(param["name"] as? String, label)
            let all = params.filter { ($0["name"] as? String)?.utf8.elementsEqual(name.utf8) ?? false }
                .flatMap { $0["messages"] as? [String] ?? [] }
            assertSameTexts(error.messages(for: name), all, "\(label): messages(for: \(name))")
            assertSameText(error.firstMessage(for: name), all.first, "\(label): firstMessage(for: \(name))")
        }
        XCTAssertEqual(error.messages(for: "no such parameter"), [], label)

        let report = try JSONSerialization.jsonObject(with: Data(error.reportJSON.utf8)) as? NSDictionary
        XCTAssertEqual(report, expected as NSDictionary, "\(label): reportJSON")
    }

    /// A corpus value that is a string or null.
    private func text(_ value: Any?, _ label: String, file: StaticString = #filePath, line: UInt = #line) -> String? {
        XCTAssertTrue(value is String || value is NSNull, "\(label): \(String(describing: value)) is not a string or null", file: file, line: line)
        return value as? String
    }

    /// `actual` and `expected` are the same bytes (or both nil).
    private func assertSameText(
        _ actual: String?, _ expected: String?, _ label: String, file: StaticString = #filePath, line: UInt = #line
    ) {
        XCTAssertEqual(actual.map { Array($0.utf8) }, expected.map { Array($0.utf8) },
                       "\(label): \(String(reflecting: actual)) != \(String(reflecting: expected))", file: file, line: line)
    }

    private func assertSameTexts(
        _ actual: [String], _ expected: Any?, _ label: String, file: StaticString = #filePath, line: UInt = #line
    ) {
        let expectedTexts = expected as? [String]
        XCTAssertEqual(actual.map { Array($0.utf8) }, expectedTexts?.map { Array($0.utf8) },
                       "\(label): \(actual) != \(String(describing: expectedTexts))", file: file, line: line)
    }
}
