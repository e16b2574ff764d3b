import AsyncHTTPClient
import Foundation
import NIOCore

/// The three calls of a flow, over one shared keep-alive connection pool.
struct ServiceClient: Sendable {
    let http: HTTPClient
    let baseURL: String
    let authorization: String

    /// One answer: its status, body and how long the round trip took.
    struct Answer {
        var status: Int
        var body: ByteBuffer
        var latency: Duration
    }

    /// - Parameters:
    ///   - http: The client (its pool should allow as many connections as flows in flight).
    ///   - baseURL: `http://127.0.0.1:PORT`.
    ///   - key: The API key sent as the bearer token.
    init(http: HTTPClient, baseURL: String, key: String) {
        self.http = http
        self.baseURL = baseURL
        self.authorization = "Bearer \(key)"
    }

    /// `POST /v1/accounts` with an empty account.
    func createAccount() async throws -> Answer {
        try await post("/v1/accounts", json: "{}")
    }

    /// `POST /v1/accounts/{account}/phone_verifications` for `number` on the sandbox provider.
    func createVerification(account: String, number: String) async throws -> Answer {
        try await post(
            "/v1/accounts/\(account)/phone_verifications", json: #"{"type":"sandbox","phone_number":"\#(number)"}"#)
    }

    /// `POST /v1/accounts/{account}/phone_verifications/{id}/confirm` with `code`.
    func confirm(account: String, verification: String, code: String) async throws -> Answer {
        try await post(
            "/v1/accounts/\(account)/phone_verifications/\(verification)/confirm", json: #"{"code":"\#(code)"}"#)
    }

    private func post(_ path: String, json: String) async throws -> Answer {
        var request = HTTPClientRequest(url: baseURL + path)
        request.method = .POST
        request.headers.add(name: "Authorization", value: authorization)
        request.headers.add(name: "Content-Type", value: "application/json")
        request.body = .bytes(ByteBuffer(string: json))
        let start = ContinuousClock.now
        let response = try await http.execute(request, timeout: .seconds(30))
        let body = try await response.body.collect(upTo: 1 << 20)
        return Answer(status: Int(response.status.code), body: body, latency: ContinuousClock.now - start)
    }
}

/// The fields of an account or verification answer that the generator reads.
struct ObjectReply: Decodable {
    struct Risk: Decodable {
        var decision: String
    }

    var id: String
    var status: String?
    var risk: Risk?
}
