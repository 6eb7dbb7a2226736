import Foundation
import MonacaCloudError

/// Runs `loginFindRegister` against the endpoint given as the first argument (examples/test.sh
/// passes the mock backend's, http://127.0.0.1:<port>/json-rpc/test-backend, with its API key).
/// A Monaca app's client: `try MonacaCloudClient(backendID:apiKey:deviceID:)`.
guard CommandLine.arguments.count > 1, let endpoint = URL(string: CommandLine.arguments[1]) else {
    fatalError("usage: backend-example ENDPOINT_URL")
}
let client = try MonacaCloudClient(endpoint: endpoint, apiKey: "test-api-key", deviceID: "example-device-1")
try await loginFindRegister(client: client) { print($0) }
