import Hummingbird
import PhoneVerification
import SignalStore

/// The router of the service, with its middleware in this order, outermost
/// first: request id and access log, request metrics, errors to the one
/// shape; then, under `/v1`, authentication and idempotency.
enum PhoneRiskRouter {
    /// Builds the router and returns it with its route table.
    ///
    /// - Parameters:
    ///   - service: The verification domain.
    ///   - store: The store, for `/healthz`, the API keys and the idempotency keys.
    static func build(
        service: VerificationService, store: ServiceStore
    ) -> (router: Router<PhoneRiskRequestContext>, routes: RouteTable) {
        let table = RouteTable()
        let router = Router(context: PhoneRiskRequestContext.self)
        let errors = ErrorResponder(routes: table)
        router.add(middleware: RequestLogMiddleware())
        router.add(middleware: RequestMetricsMiddleware())
        router.add(middleware: ErrorMiddleware(responder: errors))
        OperationsRoutes(checkHealth: store.checkHealth).register(on: router, recordIn: table)

        let v1 = router.group(RouterPath(APIVersion.prefix))
            .add(middleware: AuthMiddleware(keys: store.keys))
            .add(middleware: IdempotencyMiddleware(store: store.idempotency, errors: errors))
        AccountRoutes(service: service).register(on: v1, recordIn: table)
        VerificationRoutes(service: service).register(on: v1, recordIn: table)
        return (router, table)
    }
}
