import Logging
import PhoneVerification
import PostgresStore
import SignalStore

/// The store behind the service and the operator commands: the verification
/// tables, the behaviour events, the signal cache, the idempotency keys and
/// the API keys, all on one database.
///
/// The embedded default is an SQLite file (created with its secret on first
/// use, migrated); ``open(location:synchronous:environment:logger:)`` also
/// takes a `postgres://` URL for several instances sharing one PostgreSQL
/// database.
///
/// ```swift
/// let store = try await ServiceStore.open(location: "phonerisk.sqlite", environment: ProcessInfo.processInfo.environment)
/// defer { Task { await store.close() } }
/// let created = try await store.keys.create(mode: .test)
/// ```
public struct ServiceStore: Sendable {
    /// The verification tables.
    public let verifications: any VerificationStore
    /// The behaviour event log the velocity counts come from.
    public let events: any BehaviorEventLog
    /// The persistent tier of the signal cache.
    public let cache: any SignalCacheStore
    /// The kept answers of idempotent requests.
    public let idempotency: any IdempotencyStore
    /// The API keys.
    public let keys: APIKeys
    /// Answers when the database answers a read; throws otherwise.
    let checkHealth: @Sendable () async throws -> Void
    /// Closes the database's connections.
    private let closeConnections: @Sendable () async -> Void

    /// Opens the store `location` names: a `postgres://` or `postgresql://` URL opens PostgreSQL (which needs
    /// `PHONERISK_SECRET`), anything else is the path of an SQLite file, created if new.
    ///
    /// - Parameters:
    ///   - location: The `--db` value.
    ///   - synchronous: SQLite's `PRAGMA synchronous`; `FULL` by default (PostgreSQL always commits durably).
    ///   - environment: Where `PHONERISK_SECRET` is read from.
    ///   - logger: Where PostgreSQL connection events go (never a password).
    /// - Throws: `SignalStoreError` or `PostgresStoreError` naming what was wrong.
    public static func open(
        location: String, synchronous: SignalDatabase.Synchronous = .full, environment: [String: String],
        logger: Logger = Logger(label: "phonerisk.store")
    ) async throws -> ServiceStore {
        guard DatabaseLocation.isPostgres(location) else {
            return try ServiceStore(path: location, synchronous: synchronous, environment: environment)
        }
        let database = try await PostgresSignalDatabase(url: location, environment: environment, logger: logger)
        return ServiceStore(
            verifications: database.verifications, events: database.events, cache: database.cache,
            idempotency: database.idempotency, checkHealth: { try await database.checkHealth() },
            close: { await database.close() })
    }

    /// Opens (or creates) the SQLite database at `path`.
    ///
    /// - Parameters:
    ///   - path: The SQLite file.
    ///   - synchronous: `PRAGMA synchronous`; `FULL` by default.
    ///   - environment: Where `PHONERISK_SECRET` is read from.
    /// - Throws: `SignalStoreError` when the file or its secret cannot be used.
    public init(path: String, synchronous: SignalDatabase.Synchronous = .full, environment: [String: String]) throws {
        try self.init(database: SignalDatabase(path: path, options: .init(synchronous: synchronous, environment: environment)))
    }

    /// The store of an open SQLite database.
    ///
    /// - Parameter database: The open, migrated database.
    /// - Throws: `SignalStoreError` when a read connection cannot be opened.
    public init(database: SignalDatabase) throws {
        let verifications = SQLiteVerificationStore(database: database)
        let cache = try SQLiteSignalCacheStore(database: database)
        self.init(
            verifications: verifications,
            events: try SQLiteBehaviorEventLog(database: database),
            cache: cache,
            idempotency: SQLiteIdempotencyStore(database: database),
            checkHealth: { try database.checkReadable() },
            // Cache entries not yet committed are written on a graceful shutdown (losing them would only
            // cost lookups again); the pool closes its connections when the last reference goes.
            close: { try? await cache.flush() })
    }

    /// Puts a store together from its parts, all on one database.
    ///
    /// - Parameters:
    ///   - verifications: The verification tables.
    ///   - events: The behaviour event log.
    ///   - cache: The signal cache's persistent tier.
    ///   - idempotency: The idempotency keys.
    ///   - checkHealth: A read that throws when the database does not answer.
    ///   - close: Closes the database's connections.
    public init(
        verifications: any VerificationStore, events: any BehaviorEventLog, cache: any SignalCacheStore,
        idempotency: any IdempotencyStore, checkHealth: @escaping @Sendable () async throws -> Void,
        close: @escaping @Sendable () async -> Void
    ) {
        self.verifications = verifications
        self.events = events
        self.cache = cache
        self.idempotency = idempotency
        self.keys = APIKeys(store: verifications)
        self.checkHealth = checkHealth
        self.closeConnections = close
    }

    /// Closes the database's connections; the store cannot be used afterwards.
    public func close() async {
        await closeConnections()
    }
}
