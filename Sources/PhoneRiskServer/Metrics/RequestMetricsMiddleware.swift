import Hummingbird

/// Counts every answered request by route pattern and status, errors included
/// (it sits outside ``ErrorMiddleware``, so it sees the final status).
struct RequestMetricsMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let response = try await next(request, context)
        ServiceMetrics.countRequest(route: RouteLabel.label(method: request.method, context: context), status: response.status.code)
        return response
    }
}
