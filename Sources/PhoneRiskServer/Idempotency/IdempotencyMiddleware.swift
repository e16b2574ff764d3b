import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import PhoneVerification
import SignalStore

/// Applies API.md's idempotency to every `POST` under `/v1` that carries an
/// `Idempotency-Key` header.
///
/// Keys are scoped to the API key and the route (method and concrete path):
/// the first answer — any status but 5xx, 429 and the in-flight 409 — is kept
/// at least 24 hours and replayed byte for byte, with
/// `Idempotent-Replayed: true`, to a request with the same body, without
/// running it again. Another body is a 422 `idempotency_key_reused`; a repeat
/// while the first still runs is a 409 `idempotency_key_in_use`.
struct IdempotencyMiddleware: RouterMiddleware {
    typealias Context = PhoneRiskRequestContext

    let store: any IdempotencyStore
    let errors: ErrorResponder

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard request.method == .post, let key = request.headers[.idempotencyKey] else {
            return try await next(request, context)
        }
        guard Self.isAcceptable(key) else {
            throw APIError.invalidField(
                "Idempotency-Key", "must be 1 to \(ServerLimits.maxIdempotencyKeyLength) printable ASCII characters")
        }
        var request = request
        let body = try await request.collectBody(limit: ServerLimits.maxBodyBytes)
        let scope = IdempotencyScope(apiKeyID: try context.caller().keyID, route: "POST \(request.uri.path)", key: key)
        switch try await store.claim(scope, requestBody: body.readableBytesView) {
        case .replay(let kept):
            return Self.replay(kept)
        case .inFlight:
            throw APIError.idempotencyKeyInUse
        case .bodyMismatch:
            throw APIError.idempotencyKeyReused
        case .claimed:
            return try await runClaimed(scope, request: request, context: context, next: next)
        }
    }

    /// Runs the claimed request and keeps its answer, or gives the claim up when
    /// the answer must not be kept or anything goes wrong on the way.
    private func runClaimed(
        _ scope: IdempotencyScope, request: Request, context: Context,
        next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        do {
            var response: Response
            do {
                response = try await next(request, context)
            } catch {
                response = errors.response(for: error, request: request, context: context)
            }
            let status = response.status.code
            guard status < 500, status != 429 else {
                try await store.release(scope)
                return response
            }
            let bytes = try await response.body.collected()
            try await store.complete(scope, with: IdempotentResponse(status: status, body: Array(bytes.readableBytesView)))
            response.body = ResponseBody(byteBuffer: bytes)
            return response
        } catch {
            try? await store.release(scope)
            throw error
        }
    }

    private static func replay(_ kept: IdempotentResponse) -> Response {
        Response(
            status: HTTPResponse.Status(code: kept.status),
            headers: [.contentType: "application/json; charset=utf-8", .idempotentReplayed: "true"],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: kept.body))
        )
    }

    /// 1 to 255 printable ASCII characters (what HTTP headers carry safely).
    static func isAcceptable(_ key: String) -> Bool {
        let scalars = key.unicodeScalars
        return (1...ServerLimits.maxIdempotencyKeyLength).contains(scalars.count)
            && scalars.allSatisfy { (0x21...0x7E).contains($0.value) || $0 == " " }
    }
}

extension HTTPField.Name {
    /// `Idempotency-Key`: the client's key for a retry-safe `POST`.
    static let idempotencyKey = HTTPField.Name("Idempotency-Key")!
    /// `Idempotent-Replayed: true` marks an answer replayed from an earlier request.
    static let idempotentReplayed = HTTPField.Name("Idempotent-Replayed")!
}
