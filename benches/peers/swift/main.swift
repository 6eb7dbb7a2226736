// The Swift peers of the benchmark (benches/peers/swift/run.sh, in the Debian trixie chroot of
// Swift 6.0.3): Foundation's JSONSerialization against the Swift wrapper
// (MonacaCloudError.from(httpStatus:body:)), on the inputs of benches/inputs.rs. The task of
// each method: parse the body and read the error's code, message and per-parameter messages
// (for a success: decide that it is one).
//
// On Linux, Foundation is swift-corelibs-foundation, not Apple's Foundation: its
// JSONSerialization is another implementation, so these figures say nothing about iOS.
//
// One process: the methods run in interleaved rounds (each method one batch per round, the
// order rotated each round), after warm-up rounds that are not counted; a method's figure is
// the median over the rounds of (batch time / batch size). Before any timing every method reads
// every input once and all must agree, so a broken one cannot post a fast number.
//
// Usage: peers-bench INPUT_DIR [ROUNDS] [BATCH_MS]
import CMonacaCloudError
import Foundation
import MonacaCloudError

#if canImport(Glibc)
import Glibc
#endif

struct Read: Equatable {
    var success: Bool
    var code: Int64 = 0
    var message: String = ""
    var params: Int = 0
    var messages: Int = 0
    /// The sum of the UTF-8 lengths of the message, the names and the messages.
    var lengths: Int = 0

    var weight: Int { success ? 1 : Int(truncatingIfNeeded: code) &+ lengths &+ params &+ messages }
}

let success = Read(success: true)

/// Ours: the Swift wrapper over the core (one call into the C ABI, the fields read from the handle).
func ours(_ body: Data) -> Read { readError(MonacaCloudError.from(httpStatus: 200, body: body)) }

/// The client's path: MonacaCloudResponse(method:httpStatus:body:sessionHeader:).
func response(_ body: Data) -> Read {
    readError(MonacaCloudResponse(method: nil, httpStatus: 200, body: body, sessionHeader: nil).error)
}

func readError(_ error: MonacaCloudError?) -> Read {
    guard let error = error else { return success }
    var read = Read(success: false, code: error.code, message: error.message, params: error.params.count)
    read.lengths = error.message.utf8.count
    for param in error.params {
        read.lengths += param.name.utf8.count
        for message in param.messages { read.lengths += message.utf8.count }
        read.messages += param.messages.count
    }
    return read
}

/// The C ABI straight from Swift (monaca_error_from_response and the error's accessors, no
/// report): what the wrapper's own work (copying the report out and decoding it with
/// JSONDecoder) adds to the core's.
func cABI(_ body: Data) -> Read {
    var handle: OpaquePointer?
    let status = body.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) in
        monaca_error_from_response(200, bytes.bindMemory(to: UInt8.self).baseAddress, bytes.count, &handle)
    }
    precondition(status == MONACA_STATUS_OK, "monaca_error_from_response failed")
    guard let error = handle else { return success }
    defer { monaca_error_free(error) }
    func text(_ str: MonacaStr) -> String {
        guard str.len > 0, let bytes = str.ptr else { return "" }
        return String(decoding: UnsafeRawBufferPointer(start: bytes, count: str.len), as: UTF8.self)
    }
    let message = text(monaca_error_message(error))
    let count = monaca_error_param_count(error)
    var read = Read(success: false, code: monaca_error_code(error), message: message, params: count)
    read.lengths = message.utf8.count
    for i in 0..<count {
        read.lengths += text(monaca_error_param_name(error, i)).utf8.count
        let n = monaca_error_param_message_count(error, i)
        for j in 0..<n { read.lengths += text(monaca_error_param_message(error, i, j)).utf8.count }
        read.messages += n
    }
    return read
}

/// JSONSerialization (swift-corelibs-foundation) from the Data, then the SDK's reading: an
/// `error` object is the error, its `data` object's members the parameters (a string is one
/// message, an array of strings its messages).
func foundation(_ body: Data) -> Read {
    guard let root = try? JSONSerialization.jsonObject(with: body) as? [String: Any] else {
        return Read(success: false, code: -12)
    }
    guard let error = root["error"] as? [String: Any] else {
        return root["result"] != nil ? success : Read(success: false, code: -12)
    }
    let message = error["message"] as? String ?? ""
    var read = Read(success: false, code: (error["code"] as? NSNumber)?.int64Value ?? 0, message: message)
    read.lengths = message.utf8.count
    if let data = error["data"] as? [String: Any] {
        for (name, value) in data {
            read.params += 1
            read.lengths += name.utf8.count
            if let text = value as? String {
                read.messages += 1
                read.lengths += text.utf8.count
            } else if let list = value as? [Any] {
                for item in list {
                    if let text = item as? String {
                        read.messages += 1
                        read.lengths += text.utf8.count
                    }
                }
            }
        }
    }
    return read
}

struct Method {
    let name: String
    let run: (Data) -> Read
}

let methods = [
    Method(name: "Swift MonacaCloudError.from(httpStatus:body:)", run: ours),
    Method(name: "Swift MonacaCloudResponse(method:httpStatus:body:sessionHeader:)", run: response),
    Method(name: "C ABI from Swift (monaca_error_from_response + accessors)", run: cABI),
    Method(name: "JSONSerialization.jsonObject (swift-corelibs-foundation)", run: foundation),
]

func nowNs() -> UInt64 {
    var t = timespec()
    clock_gettime(CLOCK_MONOTONIC, &t)
    return UInt64(t.tv_sec) * 1_000_000_000 + UInt64(t.tv_nsec)
}

var sink = 0

/// ns per body of one batch of `n` reads.
func batch(_ method: Method, _ body: Data, _ n: Int) -> Double {
    var s = 0
    let start = nowNs()
    for _ in 0..<n { s = s &+ method.run(body).weight }
    let ns = Double(nowNs() - start)
    sink = sink &+ s
    return ns / Double(n)
}

func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    let mid = sorted.count / 2
    return sorted.count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
}

func show(_ ns: Double) -> String {
    ns >= 1e5 ? String(format: "%.3f ms", ns / 1e6) : String(format: "%.0f ns", ns)
}

let arguments = CommandLine.arguments
let dir = arguments.count > 1 ? arguments[1] : "target/peers/inputs"
let rounds = arguments.count > 2 ? Int(arguments[2]) ?? 21 : 21
let batchMs = arguments.count > 3 ? Double(arguments[3]) ?? 4 : 4
let warmup = 5
let inputs: [(String, Data)] = ["S1", "S2", "L1", "L2"].map { name in
    guard let data = FileManager.default.contents(atPath: "\(dir)/\(name).json") else {
        fatalError("no \(dir)/\(name).json")
    }
    return (name, data)
}

// Correctness first: every method reads every input the same way.
var disagreements = 0
for (name, body) in inputs {
    let expected = methods[0].run(body)
    let before = disagreements
    for method in methods {
        let read = method.run(body)
        if read != expected {
            print("FAILED \(name): \(method.name) read \(read), ours read \(expected)")
            disagreements += 1
        }
    }
    let what = expected.success ? "success"
        : "code \(expected.code), \"\(expected.message)\", \(expected.params) params, \(expected.messages) messages"
    if disagreements == before { print("check \(name): all \(methods.count) methods read \(what)") }
}
if disagreements > 0 { exit(1) }

print("")
print("| input | method | median | throughput | time / ours |")
print("| --- | --- | ---: | ---: | ---: |")
for (name, body) in inputs {
    for method in methods { for _ in 0..<20 { _ = method.run(body) } }
    let sizes = methods.map { method -> Int in
        var n = 1
        while batch(method, body, n) * Double(n) < batchMs * 1e6 && n < (1 << 24) { n *= 2 }
        return n
    }
    var samples = methods.map { _ in [Double]() }
    for round in 0..<(warmup + rounds) {
        for k in methods.indices {
            let i = (k + round) % methods.count
            let ns = batch(methods[i], body, sizes[i])
            if round >= warmup { samples[i].append(ns) }
        }
    }
    let medians = samples.map(median)
    for i in methods.indices {
        let gbps = Double(body.count) / medians[i]
        print("| \(name) (\(body.count) B) | \(methods[i].name) | \(show(medians[i])) | \(String(format: "%.3f", gbps)) GB/s | \(String(format: "%.2f", medians[i] / medians[0]))x |")
    }
}
if sink == 42 { print("unreachable") }
