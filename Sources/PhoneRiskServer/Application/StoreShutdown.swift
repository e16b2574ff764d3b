import ServiceLifecycle

/// Closes the store's connections when the application shuts down gracefully,
/// after the server and the maintenance have stopped using it.
///
/// ```swift
/// Application(router: router, services: [StoreShutdown(store: store), maintenance])
/// ```
struct StoreShutdown: Service {
    /// The store to close.
    let store: ServiceStore

    func run() async throws {
        try? await gracefulShutdown()
        await store.close()
    }
}
