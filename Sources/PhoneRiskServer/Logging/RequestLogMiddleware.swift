import HTTPTypes
import Hummingbird
import Logging

/// Gives each request an id (`request_id` in every log line it causes, and the
/// `Request-Id` response header, so a client's report can be matched to the
/// logs) and writes one access line when it is answered.
///
/// The access line holds the method, the route pattern (never the raw path or
/// query), the status and the duration; bodies and headers are never logged,
/// so neither codes, keys nor phone numbers can reach it.
struct RequestLogMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        let requestID = context.id
        context.logger[metadataKey: "request_id"] = .string(requestID)
        let started = ContinuousClock.now
        var response = try await next(request, context)
        response.headers[.requestID] = requestID
        let elapsed = ContinuousClock.now - started
        let milliseconds = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
        context.logger.info(
            "request answered",
            metadata: [
                "http.method": .string(request.method.rawValue),
                "http.route": .string(RouteLabel.label(method: request.method, context: context)),
                "http.status": .stringConvertible(response.status.code),
                "duration_ms": .string(String(format: "%.2f", milliseconds)),
            ]
        )
        return response
    }
}

extension HTTPField.Name {
    /// `Request-Id`: the id of the request in the server's logs.
    static let requestID = HTTPField.Name("Request-Id")!
}
