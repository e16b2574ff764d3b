import AsyncHTTPClient
import Foundation
import Hummingbird
import NIOCore
import NIOHTTP1
@testable import PhoneRiskServer

/// Runs the real server on 127.0.0.1 with port 0 for the length of `body`,
/// and hands it a client for that port; the server stops afterwards.
///
/// - Parameters:
///   - service: The test service to run.
///   - body: The test, given a client.
func withLiveServer<T: Sendable>(_ service: TestService, _ body: @Sendable (LiveClient) async throws -> T) async throws -> T {
    var configuration = service.configuration
    let (ports, continuation) = AsyncStream<Int>.makeStream()
    configuration.onListening = { _, port in continuation.yield(port) }
    let application = try await buildApplication(configuration: configuration)
    let server = Task {
        defer { continuation.finish() }
        try await application.runService()
    }
    var iterator = ports.makeAsyncIterator()
    guard let port = await iterator.next() else {
        _ = try await server.value
        throw LiveServerError.didNotListen
    }
    let client = LiveClient(baseURL: "http://127.0.0.1:\(port)", testKey: service.testKey, liveKey: service.liveKey)
    do {
        let result = try await body(client)
        server.cancel()
        _ = await server.result
        return result
    } catch {
        server.cancel()
        _ = await server.result
        throw error
    }
}

enum LiveServerError: Error {
    case didNotListen
}

/// An answer from the live server.
struct LiveResponse: Sendable {
    let status: Int
    let headers: HTTPHeaders
    let body: [UInt8]

    /// The body as text.
    var text: String { String(decoding: body, as: UTF8.self) }

    /// The body as a JSON object.
    func json() throws -> [String: any Sendable] {
        let object = try JSONSerialization.jsonObject(with: Data(body))
        guard let dictionary = object as? [String: any Sendable] else { throw LiveClientError.notAnObject(text) }
        return dictionary
    }

    /// `error.<field>` of an error answer.
    func error(_ field: String) throws -> (any Sendable)? {
        (try json()["error"] as? [String: any Sendable])?[field]
    }

    /// `error.code` of an error answer.
    var errorCode: String? { (try? error("code")) as? String }

    /// `error.param` of an error answer.
    var errorParam: String? { (try? error("param")) as? String }
}

enum LiveClientError: Error {
    case notAnObject(String)
}

/// Sends requests to the live server over a real socket.
struct LiveClient: Sendable {
    let baseURL: String
    let testKey: String
    let liveKey: String

    /// The authorization to use.
    enum Auth: Sendable {
        case test, live, none
        case header(String)
    }

    /// Sends one request.
    ///
    /// - Parameters:
    ///   - method: The method.
    ///   - path: The path and query.
    ///   - auth: Which key to send.
    ///   - body: The body text, if any.
    ///   - headers: Extra headers.
    ///   - rawBody: Body bytes, for bodies that are not text.
    func send(
        _ method: HTTPMethod, _ path: String, auth: Auth = .test, body: String? = nil, headers: [(String, String)] = [],
        rawBody: [UInt8]? = nil
    ) async throws -> LiveResponse {
        var request = HTTPClientRequest(url: baseURL + path)
        request.method = method
        switch auth {
        case .test: request.headers.add(name: "Authorization", value: "Bearer \(testKey)")
        case .live: request.headers.add(name: "Authorization", value: "Bearer \(liveKey)")
        case .none: break
        case .header(let value): request.headers.add(name: "Authorization", value: value)
        }
        for (name, value) in headers {
            request.headers.add(name: name, value: value)
        }
        if let body {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(string: body))
        }
        if let rawBody {
            request.body = .bytes(ByteBuffer(bytes: rawBody))
        }
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
        let bytes = try await response.body.collect(upTo: 1 << 20)
        return LiveResponse(status: Int(response.status.code), headers: response.headers, body: Array(bytes.readableBytesView))
    }

    /// Creates an account and answers its id.
    ///
    /// - Parameters:
    ///   - phoneNumber: The account's number, if any.
    ///   - auth: Which key to use.
    func createAccount(phoneNumber: String? = nil, auth: Auth = .test) async throws -> String {
        let body = phoneNumber.map { #"{"phone_number": "\#($0)"}"# } ?? "{}"
        let response = try await send(.POST, "/v1/accounts", auth: auth, body: body)
        guard response.status == 200, let id = try response.json()["id"] as? String else {
            throw LiveClientError.notAnObject("account create answered \(response.status): \(response.text)")
        }
        return id
    }

    /// Starts a verification and answers the response.
    ///
    /// - Parameters:
    ///   - accountID: The account.
    ///   - phoneNumber: The number.
    ///   - auth: Which key to use.
    ///   - headers: Extra headers.
    func createVerification(
        accountID: String, phoneNumber: String = "+447400123456", auth: Auth = .test, headers: [(String, String)] = []
    ) async throws -> LiveResponse {
        try await send(
            .POST, "/v1/accounts/\(accountID)/phone_verifications", auth: auth,
            body: #"{"phone_number": "\#(phoneNumber)"}"#, headers: headers)
    }
}
