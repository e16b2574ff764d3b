import Hummingbird
import Logging
import NIOCore
import PhoneVerification

/// Turns anything a route or middleware throws into the one error shape, so
/// no input can make the server answer an empty or half-written body.
///
/// An error that is not one of the API's own is a bug: it is logged with the
/// request id and answered as the fixed 500 `internal_error`, never with its
/// text (it could hold anything).
struct ErrorResponder: Sendable {
    /// The registered routes, to tell a 404 from a 405.
    let routes: RouteTable

    /// The response for `error`.
    ///
    /// - Parameters:
    ///   - error: What was thrown.
    ///   - request: The request being answered.
    ///   - context: Its context, for the route and the logger.
    func response(for error: any Error, request: Request, context: some RequestContext) -> Response {
        switch error {
        case let error as APIError:
            return ErrorEnvelope.response(for: error)
        case let error as ServerError:
            return ErrorEnvelope.response(for: error)
        case is NIOTooManyBytesError:
            return ErrorEnvelope.response(for: APIError.bodyTooLarge(limit: ServerLimits.maxBodyBytes))
        case let error as HTTPError where error.status == .notFound && context.endpointPath == RouteLabel.unmatchedByRouter:
            let path = request.uri.path
            let allowed = routes.allowedMethods(for: path)
            if allowed.isEmpty {
                return ErrorEnvelope.response(for: APIError.resourceMissing("route", id: "\(request.method.rawValue) \(path)"))
            }
            return ErrorEnvelope.response(for: ServerError.methodNotAllowed(method: request.method, path: path, allowed: allowed))
        default:
            context.logger.error(
                "request failed with an unexpected error",
                metadata: ["error.type": "\(String(reflecting: type(of: error)))"]
            )
            return ErrorEnvelope.response(for: APIError.internalError)
        }
    }
}

/// The middleware that applies ``ErrorResponder`` to everything below it.
struct ErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    let responder: ErrorResponder

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            return responder.response(for: error, request: request, context: context)
        }
    }
}
