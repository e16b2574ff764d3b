import Hummingbird
import NIOCore
import SignalStore

/// `GET /healthz` and `GET /metrics`: no authentication, for load balancers
/// and Prometheus.
struct OperationsRoutes {
    /// Throws when the store does not answer a read.
    let checkHealth: @Sendable () async throws -> Void

    /// Registers both routes.
    ///
    /// - Parameters:
    ///   - router: The root router.
    ///   - table: The route table.
    func register(on router: Router<PhoneRiskRequestContext>, recordIn table: RouteTable) {
        router.route(.get, "healthz", recordIn: table) { _, context in
            try await health(context: context)
        }
        router.route(.get, "metrics", recordIn: table) { _, _ in
            Self.metrics()
        }
    }

    /// 200 `{"status": "ok"}` when the store answers a read, else 503 in the
    /// one error shape (the cause is logged, not sent).
    private func health(context: PhoneRiskRequestContext) async throws -> Response {
        do {
            try await checkHealth()
        } catch {
            context.logger.error("health check: the store did not answer", metadata: ["error": "\(error)"])
            throw ServerError.storeUnavailable("the database did not answer a read")
        }
        return APIResponse.json(status: .ok, body: ["status": "ok"])
    }

    /// The Prometheus text exposition of every metric of the process.
    private static func metrics() -> Response {
        let bytes = ServiceMetrics.registry.emitToBuffer()
        return Response(
            status: .ok,
            headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes))
        )
    }
}
