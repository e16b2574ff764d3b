import Hummingbird
import Logging
import PhoneVerification
import RuleEngine
import SignalStore

/// Builds the HTTP service: the store, the running policy, the verification
/// domain and the router, ready to run. `phonerisk serve` and the tests share it.
///
/// ```swift
/// var configuration = ServerConfiguration(databasePath: "/tmp/p.sqlite")
/// configuration.port = 0
/// let app = try await buildApplication(configuration: configuration)
/// try await app.runService()
/// ```
///
/// - Parameter configuration: What to listen on, where to store, which policy.
/// - Returns: The application.
/// - Throws: ``ServerConfigurationError`` for a policy that cannot be used;
///   `SignalStoreError` or `PostgresStoreError` for a database that cannot be opened.
public func buildApplication(configuration: ServerConfiguration) async throws -> some ApplicationProtocol {
    // Bootstrapped before the domain is built, so no metric it makes binds to the no-op backend.
    _ = ServiceMetrics.registry
    let logger = configuration.logger
    let policy = try configuration.policyFile.map(PolicyLoader.compile(file:)) ?? PolicyHolder().current
    let holder = PolicyHolder(policy)
    let store = try await ServiceStore.open(
        location: configuration.databasePath, synchronous: configuration.synchronous,
        environment: configuration.environment, logger: logger)
    let service: VerificationService
    do {
        service = try ServiceAssembly.verificationService(
            store: store, policy: holder, configuration: configuration, logger: logger)
        let abandoned = try await store.idempotency.releaseAbandonedClaims()
        if abandoned > 0 {
            logger.warning("dropped idempotency claims left by a stopped process", metadata: ["claims": "\(abandoned)"])
        }
    } catch {
        await store.close()
        throw error
    }

    let maintenance = StoreMaintenance(
        events: store.events,
        cache: store.cache,
        interval: StoreMaintenance.defaultInterval,
        logger: logger,
        now: configuration.clock
    )

    let router = PhoneRiskRouter.build(service: service, store: store).router
    // The signal source lives as long as the application holds this closure.
    let hangUp = configuration.reloadsOnSIGHUP ? HangUpSignalSource { [file = configuration.policyFile] in
        guard let file else {
            logger.notice("SIGHUP: the built-in policy is in use; there is no policy file to reload")
            return
        }
        PolicyReloader(file: file, holder: holder, logger: logger).reload()
    } : nil
    let host = configuration.host
    let onListening = configuration.onListening
    return Application(
        router: router,
        configuration: .init(address: .hostname(host, port: configuration.port), serverName: "phonerisk"),
        // Services shut down in reverse order, the server first: listed first, the store closes last.
        services: [StoreShutdown(store: store), maintenance],
        onServerRunning: { channel in
            withExtendedLifetime(hangUp) {}
            let port = channel.localAddress?.port ?? configuration.port
            logger.info("listening", metadata: ["host": .string(host), "port": .stringConvertible(port)])
            await onListening(host, port)
        },
        logger: logger
    )
}

/// Builds the service and runs it until SIGTERM or SIGINT.
///
/// - Parameter configuration: The service's configuration.
/// - Throws: What ``buildApplication(configuration:)`` throws, or a failure to listen.
public func runApplication(configuration: ServerConfiguration) async throws {
    let application = try await buildApplication(configuration: configuration)
    try await application.runService()
}
