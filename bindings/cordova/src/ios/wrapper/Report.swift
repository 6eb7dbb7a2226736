import Foundation

/// The core's report (`monaca_error_report_json`, schema `MONACA_REPORT_SCHEMA`): every field
/// of a handle in one UTF-8 JSON text, with `data` and `json` as strings holding JSON text.
struct Report: Decodable {
    struct Param: Decodable {
        let name: String
        let messages: [String]
    }

    let code: Int64
    let kind: String
    let name: String?
    let description: String
    let message: String
    let detail: String?
    let data: String?
    let params: [Param]
    let json: String

    /// Decodes a report the core wrote. A report that does not decode means a library and a
    /// wrapper from different releases (or a bug), so it stops the process, saying why.
    static func decode(_ text: String) -> Report {
        do {
            return try JSONDecoder().decode(Report.self, from: Data(text.utf8))
        } catch {
            fatalError("MonacaCloudError: cannot decode the library's report (\(error)): \(text.prefix(200))")
        }
    }
}
