import Hummingbird

/// The `route` label of a request: the matched route pattern, never the raw
/// path, so the label's values stay few whatever clients send.
enum RouteLabel {
    /// What Hummingbird's router records as the endpoint of a request no route matched.
    static let unmatchedByRouter = "NotFound"
    /// The label used for requests no route matched.
    static let unmatched = "unmatched"

    /// The label for a request: `POST /v1/accounts/{account_id}/phone_verifications`.
    ///
    /// - Parameters:
    ///   - method: The request method.
    ///   - context: The context, after routing.
    static func label(method: HTTPRequest.Method, context: some RequestContext) -> String {
        guard let path = context.endpointPath, path != unmatchedByRouter else { return unmatched }
        return "\(method.rawValue) \(path)"
    }
}
