import Hummingbird
import PhoneVerification

/// The request context of every route: Hummingbird's core storage plus who is
/// calling, once ``AuthMiddleware`` has checked the key.
public struct PhoneRiskRequestContext: RequestContext {
    /// Hummingbird's per-request storage (logger, parameters, endpoint).
    public var coreContext: CoreRequestContextStorage
    /// The key that authenticated the request; nil outside `/v1` and before authentication.
    public var authentication: Authentication?

    /// Creates the context of a new request.
    ///
    /// - Parameter source: Where the request came from.
    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        authentication = nil
    }

    /// Bodies are read through ``Request/collectBody(limit:)`` with the API's own
    /// limit; this covers any other reader.
    public var maxUploadSize: Int { ServerLimits.maxBodyBytes }

    /// The authenticated caller; only reachable below ``AuthMiddleware``.
    ///
    /// - Throws: `APIError.invalidAPIKey` if the route was reached without it,
    ///   which cannot happen under `/v1`.
    func caller() throws -> Authentication {
        guard let authentication else { throw APIError.invalidAPIKey }
        return authentication
    }
}
