import Foundation
import Logging
import PostgresNIO
import SignalStore

/// PhoneRisk's stores on a PostgreSQL database, for several service instances
/// sharing one database: the verification tables, the behaviour event log,
/// the signal cache and the idempotency keys.
///
/// Opening it parses the URL, resolves the secret, connects and runs every
/// migration not yet applied (under an advisory lock, so instances starting
/// together do not race). The secret must come from `PHONERISK_SECRET` and be
/// the same on every instance: numbers are sealed and hashed under it, so a
/// dump of the database alone reveals none.
///
/// ```swift
/// let database = try await PostgresSignalDatabase(
///     url: "postgres://phonerisk:secret@db.internal:5432/phonerisk?sslmode=disable",
///     environment: ProcessInfo.processInfo.environment,
///     logger: Logger(label: "phonerisk.postgres"))
/// let changed = try await database.verifications.write("confirm") { tx in
///     try tx.recordWrongCode(id: id, maxWrongCodes: 5, now: .now)
/// }
/// await database.close()
/// ```
public final class PostgresSignalDatabase: Sendable {
    /// Accounts, API keys, verifications, evaluations and the events written with them.
    public let verifications: any VerificationStore
    /// The behaviour event log and its windowed counts.
    public let events: any BehaviorEventLog
    /// The persistent tier of the signal cache.
    public let cache: any SignalCacheStore
    /// Idempotency keys and their kept answers.
    public let idempotency: any IdempotencyStore
    /// The URL with its password replaced by `***`, for logs.
    public let redactedURL: String

    private let writer: PostgresLane
    private let readers: PostgresLanePool

    /// Connects to the database at `url` and migrates it.
    ///
    /// - Parameters:
    ///   - url: `postgres://USER:PASSWORD@HOST:PORT/DATABASE?sslmode=disable` (or `postgresql://`).
    ///   - environment: where `PHONERISK_SECRET` is read.
    ///   - logger: where connection events go (never with a password or a number in clear).
    ///   - options: connection count, cache bound and retentions.
    /// - Throws: ``PostgresStoreError`` naming what was wrong: the URL, the missing secret, an unreachable
    ///   server, a refused password, a missing database or a failed migration.
    public init(
        url: String,
        environment: [String: String] = ProcessInfo.processInfo.environment,
        logger: Logger = Logger(label: "phonerisk.postgres"),
        options: Options = Options()
    ) async throws {
        try options.validate()
        let settings = try PostgresConnectionSettings(url: url)
        guard let secretText = environment[StoreSecret.environmentVariable] else {
            throw PostgresStoreError.missingSecret
        }
        let secret = try StoreSecret(text: secretText, source: StoreSecret.environmentVariable)

        redactedURL = settings.redactedURL
        let timeout = options.statementTimeout
        writer = PostgresLane(settings: settings, label: "writer", connectionID: 0, statementTimeout: timeout, logger: logger)
        readers = PostgresLanePool(lanes: (1...options.readerConnections).map {
            PostgresLane(settings: settings, label: "reader-\($0)", connectionID: $0, statementTimeout: timeout, logger: logger)
        })
        verifications = PostgresVerificationStore(writer: writer, readers: readers, secret: secret)
        events = PostgresBehaviorEventLog(lanes: readers, retention: options.eventRetention)
        cache = PostgresSignalCacheStore(lanes: readers, maximumEntries: options.signalCacheMaximumEntries)
        idempotency = PostgresIdempotencyStore(
            lanes: readers, secret: secret, retention: options.idempotencyRetention,
            abandonedClaimAge: options.abandonedClaimAge)

        do {
            let applied = try await writer.run { session in try PostgresMigration.migrate(session) }
            if !applied.isEmpty {
                logger.info("PostgreSQL schema migrated", metadata: [
                    "database": "\(settings.redactedURL)", "applied": "\(applied.joined(separator: ","))",
                ])
            }
        } catch {
            await close()
            throw error
        }
    }

    /// Checks that the database answers (`SELECT 1`).
    /// - Throws: ``PostgresStoreError`` or ``SignalStoreError/databaseFailure(operation:reason:)``.
    public func checkHealth() async throws {
        do {
            try await readers.run { session in _ = try session.query("SELECT 1") }
        } catch {
            throw PostgresErrorText.storeFailure(error, operation: "health check")
        }
    }

    /// Closes every connection; operations started afterwards fail with ``PostgresStoreError/closed``.
    public func close() async {
        await writer.close()
        await readers.close()
    }
}
