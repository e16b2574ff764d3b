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
        context.logger.info(
            "request answered",
            metadata: [
                "http.method": .string(request.method.rawValue),
                "http.route": .string(RouteLabel.label(method: request.method, context: context)),
                "http.status": .stringConvertible(response.status.code),
                "duration_ms": .string(Self.milliseconds(elapsed)),
            ]
        )
        return response
    }

    /// `elapsed` in milliseconds with two decimals (`12.34`), rounded half up; written with integer
    /// arithmetic because `String(format:)` costs microseconds on every request.
    ///
    /// - Parameter elapsed: A non-negative duration.
    static func milliseconds(_ elapsed: Duration) -> String {
        let parts = elapsed.components
        let hundredths = (parts.seconds * 100_000) + (parts.attoseconds + 5_000_000_000_000) / 10_000_000_000_000
        let fraction = hundredths % 100
        return "\(hundredths / 100).\(fraction < 10 ? "0" : "")\(fraction)"
    }
}

extension HTTPField.Name {
    /// `Request-Id`: the id of the request in the server's logs.
    static let requestID = HTTPField.Name("Request-Id")!
}
