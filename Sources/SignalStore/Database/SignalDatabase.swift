import Foundation
import GRDB

/// The one SQLite file that holds the signal cache, the behaviour log and, in
/// the verification service, everything else.
///
/// Opening it configures WAL, a busy timeout, `synchronous=FULL` (unless told
/// otherwise), foreign keys and immediate write transactions, then runs every
/// migration of ``SchemaMigration/all``. The hashing secret is resolved at the
/// same time, so a missing or weak secret stops start-up with a clear error.
///
/// ```swift
/// let database = try SignalDatabase(path: "phonerisk.sqlite")
/// let phoneKey = database.phoneNumberHasher.phoneNumberKey("+447700900123")
/// try database.pool.write { db in try events.record(event, in: db) }
/// ```
public final class SignalDatabase: Sendable {
    /// The GRDB pool; other store files write through it, in the caller's transaction when given one.
    public let pool: DatabasePool
    /// The path of the database file.
    public let path: String
    /// The secret behind every keyed hash of this database. Never logged.
    public let secret: StoreSecret
    /// The hasher for phone numbers used as keys (cache keys, velocity keys).
    public let phoneNumberHasher: KeyedHasher
    /// How long a connection waits for another's lock.
    public let busyTimeout: Duration
    /// The group commit every request-path write of this file goes through (verifications, signal cache).
    let groupCommit: GroupCommitWriter

    /// Opens (creating if needed) the database at `path` and migrates it.
    /// - Parameters:
    ///   - path: the SQLite file; its folder must exist.
    ///   - options: durability, timeouts and the secret source.
    /// - Throws: ``SignalStoreError`` naming what failed.
    public init(path: String, options: Options = Options()) throws {
        self.path = path
        self.busyTimeout = options.busyTimeout
        self.secret = try options.secret
            ?? StoreSecret.resolve(forDatabaseAt: path, environment: options.environment)
        self.phoneNumberHasher = KeyedHasher(secret: secret, purpose: .phoneNumber)

        var configuration = Configuration()
        configuration.busyMode = .timeout(options.busyTimeout.timeInterval)
        // GRDB 7 opens every write transaction as BEGIN IMMEDIATE by itself
        // (reads stay DEFERRED), so writers queue on the busy timeout instead
        // of failing mid-transaction on a lock upgrade.
        configuration.foreignKeysEnabled = true
        configuration.maximumReaderCount = max(1, options.maximumReaderCount)
        configuration.label = "phonerisk"
        let synchronous = options.synchronous
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = \(synchronous.rawValue)")
        }
        do {
            pool = try DatabasePool(path: path, configuration: configuration)
            // GRDB switches the writer to synchronous=NORMAL when it enables WAL,
            // after prepareDatabase ran: set the chosen level again on the writer.
            try pool.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA synchronous = \(synchronous.rawValue)")
            }
        } catch {
            throw SignalStoreError.cannotOpenDatabase(path: path, reason: String(describing: error))
        }
        groupCommit = GroupCommitWriter(pool: pool)
        try SchemaMigration.migrate(pool)
    }
}

extension Duration {
    /// This duration in (fractional) seconds.
    var timeInterval: TimeInterval {
        let parts = components
        return TimeInterval(parts.seconds) + TimeInterval(parts.attoseconds) / 1e18
    }
}
