import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import NIOHTTP1
import PhoneNumbers

/// What one Prove call is about: the number and the ids Prove may echo.
public struct ProveVerifyRequest: Sendable, Hashable {
    /// The number, E.164.
    public var phoneNumber: String
    /// The verification's id (`clientRequestId`).
    public var verificationID: String
    /// The account's id (`clientCustomerId`).
    public var accountID: String

    /// Creates a request.
    /// - Parameters:
    ///   - phoneNumber: the number, E.164.
    ///   - verificationID: the verification's id.
    ///   - accountID: the account's id.
    public init(phoneNumber: String, verificationID: String, accountID: String) {
        self.phoneNumber = phoneNumber
        self.verificationID = verificationID
        self.accountID = accountID
    }
}

/// A source of Prove answers: the HTTP client in live mode, fixtures in the sandbox.
public protocol ProveLookup: Sendable {
    /// A stable name that partitions the cache (`"prove"`, `"sandbox"`).
    var source: String { get }
    /// Whether `number` may be sent to this source (Prove: the configured region's numbers).
    /// - Parameter number: a valid number.
    func serves(_ number: PhoneNumber) -> Bool
    /// Prove's answer about the request's number.
    /// - Parameter request: the number and ids.
    /// - Throws: ``ProveFailure`` naming the fallback reason.
    func verify(_ request: ProveVerifyRequest) async throws(ProveFailure) -> ProveAnswer
}

/// Prove's Human Assurance over HTTP: an OAuth client-credentials token from
/// `POST {base}/token`, then `POST {base}/v3/verify`.
///
/// ```swift
/// let prove = ProveClient(configuration: ProveConfiguration(clientID: id, clientSecret: secret))
/// let answer = try await prove.verify(ProveVerifyRequest(phoneNumber: "+12025550123", verificationID: v, accountID: a))
/// answer.failureCodes   // ["9133"]
/// ```
///
/// One token per process, base URL and client is shared by every call and
/// replaced when less than 60 s of it remain, or after a 401 from
/// `/v3/verify`, which is then retried once. The whole step (token, call,
/// retry) has one deadline, ``ProveConfiguration/timeout``. At most 25
/// requests a second leave the process, and none during the pause a 429's
/// `Retry-After` asks for. The secret and tokens are never logged; Prove's
/// `correlationId` and error codes are, its error messages are not.
public struct ProveClient: ProveLookup {
    /// `prove`.
    public let source = "prove"
    /// Credentials, base URL and deadline.
    public let configuration: ProveConfiguration
    private let client: HTTPClient
    private let clock: @Sendable () -> Date
    private let logger: Logger
    private let session: ProveSession

    /// The largest body read; Prove limits bodies to 4 KB.
    static let maximumBodyBytes = 64 * 1024

    /// Creates the client.
    /// - Parameters:
    ///   - configuration: credentials, base URL and deadline.
    ///   - client: the HTTP client; the shared one by default.
    ///   - clock: the time token expiry, the request cap and `Retry-After` are measured with.
    ///   - logger: where calls are logged (correlation ids and error codes only).
    public init(
        configuration: ProveConfiguration, client: HTTPClient = .shared, clock: @escaping @Sendable () -> Date = { Date() },
        logger: Logger = Logger(label: "phonerisk.prove")
    ) {
        self.configuration = configuration
        self.client = client
        self.clock = clock
        self.logger = logger
        session = ProveSession.shared(baseURL: configuration.baseURL, clientID: configuration.clientID)
    }

    /// Whether `number` belongs to the configured region.
    public func serves(_ number: PhoneNumber) -> Bool {
        configuration.region.serves(countryCode: number.countryCode)
    }

    /// Prove's answer about `request`'s number, within the configured deadline.
    /// - Throws: ``ProveFailure``: `.outsideRegion` (nothing sent) for a number of another region,
    ///   otherwise the mapped failure of PROVE.md's table.
    public func verify(_ request: ProveVerifyRequest) async throws(ProveFailure) -> ProveAnswer {
        guard let number = try? PhoneNumber.parse(request.phoneNumber), serves(number) else { throw .outsideRegion }
        let deadline = NIODeadline.now() + configuration.timeout.timeAmount
        let timeout = configuration.timeout
        do {
            return try await withThrowingTaskGroup(of: ProveAnswer.self) { group in
                group.addTask { try await self.verifyWithRetry(request, deadline: deadline) }
                group.addTask {
                    try await Task.sleep(for: timeout)
                    throw ProveFailure.timeout(timeout)
                }
                defer { group.cancelAll() }
                guard let answer = try await group.next() else { throw ProveFailure.timeout(timeout) }
                return answer
            }
        } catch let failure as ProveFailure {
            logger.warning("Prove call failed", metadata: ["reason": "\(failure.reason)", "error": "\(failure)"])
            throw failure
        } catch {
            throw .timeout(timeout)
        }
    }

    private func verifyWithRetry(_ request: ProveVerifyRequest, deadline: NIODeadline) async throws(ProveFailure) -> ProveAnswer {
        let token = try await currentToken(deadline: deadline)
        switch try await callVerify(request, token: token, deadline: deadline) {
        case .answered(let answer):
            return answer
        case .unauthorized:
            await session.discard(token)
            let fresh = try await currentToken(deadline: deadline)
            switch try await callVerify(request, token: fresh, deadline: deadline) {
            case .answered(let answer): return answer
            case .unauthorized(let code): throw .authFailed(status: 401, code: code)
            }
        }
    }

    private enum VerifyOutcome {
        case answered(ProveAnswer)
        case unauthorized(code: Int?)
    }

    private func callVerify(_ request: ProveVerifyRequest, token: String, deadline: NIODeadline) async throws(ProveFailure) -> VerifyOutcome {
        let body: Data
        do {
            body = try Self.encoder.encode(VerifyRequestBody(
                phoneNumber: request.phoneNumber, verificationType: "humanAssurance",
                clientRequestId: request.verificationID, clientCustomerId: request.accountID))
        } catch {
            throw .unreadable("the request could not be encoded")
        }
        var http = HTTPClientRequest(url: "\(configuration.baseURL)/v3/verify")
        http.method = .POST
        http.headers.add(name: "Authorization", value: "Bearer \(token)")
        http.headers.add(name: "Content-Type", value: "application/json")
        http.headers.add(name: "Accept", value: "application/json")
        http.body = .bytes(ByteBuffer(bytes: body))
        let (status, headers, bytes) = try await send(http, deadline: deadline)
        switch status.code {
        case 200...299:
            let answer = try ProveAnswer(body: bytes, answeredAt: clock())
            logger.info("Prove answered", metadata: [
                "correlation_id": "\(answer.correlationID ?? "none")", "success": "\(answer.success)",
                "failure_reasons": "\((answer.failureCodes ?? []).joined(separator: ","))",
            ])
            return .answered(answer)
        case 401:
            return .unauthorized(code: Self.errorCode(bytes))
        default:
            throw await failure(status: status, headers: headers, body: bytes, path: "/v3/verify")
        }
    }

    private func currentToken(deadline: NIODeadline) async throws(ProveFailure) -> String {
        do {
            return try await session.token(now: clock()) { try await self.requestToken(deadline: deadline) }
        } catch let failure as ProveFailure {
            throw failure
        } catch {
            throw .unavailable("the token request failed")
        }
    }

    private func requestToken(deadline: NIODeadline) async throws(ProveFailure) -> ProveSession.HeldToken {
        var http = HTTPClientRequest(url: "\(configuration.baseURL)/token")
        http.method = .POST
        http.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
        http.headers.add(name: "Accept", value: "application/json")
        http.body = .bytes(ByteBuffer(string: Self.formEncoded([
            ("client_id", configuration.clientID), ("client_secret", configuration.clientSecret),
            ("grant_type", "client_credentials"),
        ])))
        let (status, headers, bytes) = try await send(http, deadline: deadline)
        switch status.code {
        case 200...299:
            guard let answer = try? JSONDecoder().decode(TokenResponseBody.self, from: bytes),
                  let value = answer.access_token, !value.isEmpty,
                  answer.token_type?.lowercased() == "bearer",
                  let lifetime = answer.expires_in, lifetime > 0
            else { throw .unreadable("the /token answer has no bearer access_token with a positive expires_in") }
            return ProveSession.HeldToken(value: value, expiresAt: clock().addingTimeInterval(TimeInterval(lifetime)))
        case 400, 401:
            logger.warning("Prove refused the client credentials", metadata: [
                "status": "\(status.code)", "code": "\(Self.errorCode(bytes).map(String.init) ?? "none")",
            ])
            throw .authFailed(status: Int(status.code), code: Self.errorCode(bytes))
        default:
            throw await failure(status: status, headers: headers, body: bytes, path: "/token")
        }
    }

    /// Sends one admitted request before `deadline`.
    private func send(_ request: HTTPClientRequest, deadline: NIODeadline) async throws(ProveFailure) -> (HTTPResponseStatus, HTTPHeaders, Data) {
        try await session.admit(now: clock())
        do {
            let response = try await client.execute(request, deadline: deadline)
            let body = try await response.body.collect(upTo: Self.maximumBodyBytes)
            return (response.status, response.headers, Data(body.readableBytesView))
        } catch let error as HTTPClientError where error == .deadlineExceeded || error == .readTimeout || error == .connectTimeout {
            throw .timeout(configuration.timeout)
        } catch is CancellationError {
            throw .timeout(configuration.timeout)
        } catch {
            throw .unavailable("the request failed (\(Self.describe(error)))")
        }
    }

    /// The failure of a status other than 200 and a `/v3/verify` 401.
    /// A 429 also pauses every call of the process for its `Retry-After` (1 s when absent).
    private func failure(status: HTTPResponseStatus, headers: HTTPHeaders, body: Data, path: String) async -> ProveFailure {
        let code = Self.errorCode(body)
        logger.warning("Prove answered an error", metadata: [
            "path": "\(path)", "status": "\(status.code)", "code": "\(code.map(String.init) ?? "none")",
        ])
        switch status.code {
        case 429:
            let seconds = headers.first(name: "Retry-After").flatMap { Int($0.trimmingCharacters(in: .whitespaces)) }
            let pause = max(1, seconds ?? 1)
            let until = clock().addingTimeInterval(TimeInterval(pause))
            await session.pause(until: until)
            return .rateLimited("Prove answered 429 (Retry-After \(pause) s)")
        case 500...599:
            return .unavailable("Prove answered HTTP \(status.code)")
        default:
            return .rejected(status: Int(status.code), code: code)
        }
    }

    /// Prove's error code from `{"code": N, "message": M}`; the message is never read.
    private static func errorCode(_ body: Data) -> Int? {
        (try? JSONDecoder().decode(ErrorBody.self, from: body))?.code
    }

    private static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    static func formEncoded(_ fields: [(String, String)]) -> String {
        var allowed = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
        allowed.insert(charactersIn: "-._~")
        return fields.map { key, value in
            "\(key)=\(value.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")"
        }.joined(separator: "&")
    }

    private static func describe(_ error: any Error) -> String {
        if let error = error as? HTTPClientError { return error.description }
        return String(describing: type(of: error))
    }
}

/// `V3VerifyRequest` with exactly the fields PhoneRisk sends.
private struct VerifyRequestBody: Encodable {
    var phoneNumber: String
    var verificationType: String
    var clientRequestId: String
    var clientCustomerId: String
}

/// `V3TokenResponse`; `refresh_token` is ignored.
private struct TokenResponseBody: Decodable {
    var access_token: String?
    var token_type: String?
    var expires_in: Int64?
}

/// Prove's error body; only the code is read.
private struct ErrorBody: Decodable {
    var code: Int?
}
