import Hummingbird
import PhoneVerification

/// Reads and strictly decodes a route's body.
enum RouteBody {
    /// The body of `request` as `type`, read up to the API's limit.
    ///
    /// - Parameters:
    ///   - type: The request type.
    ///   - request: The request.
    /// - Throws: `APIError` (`body_too_large`, `invalid_json`, `invalid_field`, …).
    static func decode<T: StrictRequestBody>(_ type: T.Type, from request: Request) async throws -> T {
        var request = request
        let buffer = try await request.collectBody(limit: ServerLimits.maxBodyBytes)
        return try StrictJSONDecoder.decode(type, from: buffer)
    }
}

extension PhoneRiskRequestContext {
    /// A path parameter of the matched route; routes name only parameters their pattern has.
    ///
    /// - Parameter name: The parameter's name.
    func parameter(_ name: String) -> String {
        parameters.get(name) ?? ""
    }
}
