import Foundation
import MonacaCloudError
import XCTest

/// `create` refusing its input: `MonacaArgumentError`, copied field by field from the C
/// struct `monaca_error_new_explained` fills. (No CMonacaCloudError import here: the C module
/// declares a `MonacaArgumentError` too.)
final class ArgumentErrorTests: MonacaTestCase {
    /// Runs `create` with `dataJSON`, requiring it to throw a `MonacaArgumentError`.
    private func refusal(_ dataJSON: String, file: StaticString = #filePath, line: UInt = #line) throws -> MonacaArgumentError {
        var thrown: Error?
        do {
            _ = try MonacaCloudError.create(code: 10000, message: "m", dataJSON: dataJSON)
        } catch {
            thrown = error
        }
        return try XCTUnwrap(thrown as? MonacaArgumentError,
                             "\(dataJSON): expected a MonacaArgumentError, got \(String(describing: thrown))",
                             file: file, line: line)
    }

    func testEveryFieldOfBadJSONOnItsSecondLine() throws {
        let error = try refusal("{\n  \"a\": tru\n}")
        XCTAssertEqual(error.argument, "dataJSON")
        XCTAssertEqual(error.reason, "invalid literal (expected true, false or null)")
        XCTAssertEqual(error.offset, 9)
        XCTAssertEqual(error.line, 2)
        XCTAssertEqual(error.column, 8)
        XCTAssertEqual(error.explanation,
                       "data is not valid JSON: invalid literal (expected true, false or null) at line 2, column 8 (byte offset 9)")
        XCTAssertEqual(error.description, error.explanation)
        XCTAssertEqual("\(error)", error.explanation)
    }

    /// The offset counts UTF-8 bytes, the column characters: é is 2 bytes, 😀 and 名 4 and 3.
    func testOffsetCountsBytesAndColumnCountsCharacters() throws {
        let sameLine = try refusal("{\"é😀\": x}")
        XCTAssertEqual([sameLine.offset, sameLine.line, sameLine.column], [11, 1, 8])
        XCTAssertEqual(sameLine.reason, "expected a JSON value")

        let thirdLine = try refusal("[1,\n \"名前\",\n  nul]")
        XCTAssertEqual([thirdLine.offset, thirdLine.line, thirdLine.column], [17, 3, 3])
        XCTAssertEqual(thirdLine.explanation,
                       "data is not valid JSON: invalid literal (expected true, false or null) at line 3, column 3 (byte offset 17)")
    }

    func testEmptyBlankAndTooDeepData() throws {
        let empty = try refusal("")
        XCTAssertEqual(empty.reason, "unexpected end of input where a value was expected")
        XCTAssertEqual([empty.offset, empty.line, empty.column], [0, 1, 1])

        let blank = try refusal("   ")
        XCTAssertEqual([blank.offset, blank.line, blank.column], [3, 1, 4])

        let depth = 10_001  // MONACA_MAX_DEPTH + 1
        let deep = try refusal(String(repeating: "[", count: depth) + String(repeating: "]", count: depth))
        XCTAssertEqual(deep.reason, "objects and arrays nested more than 10000 deep")
        XCTAssertEqual([deep.offset, deep.line, deep.column], [10_000, 1, 10_001])
    }

    /// Every refusal is a `MonacaArgumentError` (never a `MonacaStatusError`), and the value
    /// type compares all its fields.
    func testRefusalsAreEquatableValues() throws {
        let bad = ["not json", "{", json("{'a':1} trailing"), "{'single':'quotes'}", "[1,]"]
        let errors = try bad.map { try refusal($0) }
        for (text, error) in zip(bad, errors) {
            XCTAssertEqual(error.argument, "dataJSON", text)
            XCTAssertTrue(error.explanation.hasPrefix("data is not valid JSON: " + error.reason + " at line 1, column "), error.explanation)
            XCTAssertEqual(error, try refusal(text), "the same input, the same error")
        }
        XCTAssertNotEqual(errors[0], errors[1])
        XCTAssertEqual(errors[1], errors[3], "the same reason at the same place: \(errors[1])")
    }
}
