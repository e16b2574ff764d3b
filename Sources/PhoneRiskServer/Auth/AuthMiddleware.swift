import Foundation
import Hummingbird
import PhoneVerification

/// Requires `Authorization: Bearer KEY` with an active key on every `/v1`
/// route. A missing, malformed, unknown or revoked key all get the same 401
/// body; the key is compared in constant time by `APIKeys.authenticate` and
/// never logged.
struct AuthMiddleware: RouterMiddleware {
    typealias Context = PhoneRiskRequestContext

    let keys: APIKeys

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let bearer = Self.bearerToken(request.headers[.authorization]),
              let authentication = await keys.authenticate(bearer)
        else {
            throw APIError.invalidAPIKey
        }
        var context = context
        context.authentication = authentication
        context.logger[metadataKey: "api_key_id"] = .string(authentication.keyID)
        context.logger[metadataKey: "mode"] = .string(authentication.mode.rawValue)
        return try await next(request, context)
    }

    /// The token of a `Bearer` credential (scheme case-insensitive, as RFC 9110 says).
    ///
    /// - Parameter header: The `Authorization` header, if any.
    static func bearerToken(_ header: String?) -> String? {
        guard let header else { return nil }
        let parts = header.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else { return nil }
        let token = parts[1].trimmingCharacters(in: .whitespaces)
        return token.isEmpty ? nil : token
    }
}
