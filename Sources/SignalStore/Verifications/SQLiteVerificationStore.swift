import Foundation
import GRDB

/// The verification service's tables (accounts, API keys, verifications,
/// evaluations) on a ``SignalDatabase``: the embedded ``VerificationStore``.
///
/// Each ``write(_:_:)`` body runs atomically inside a `BEGIN IMMEDIATE`
/// transaction (in its own savepoint: everything it does commits together or
/// not at all), writers are serialised, so a count-then-insert in one body is
/// exact under concurrency. Bodies submitted concurrently share one
/// transaction and one commit (group commit); each caller is answered after
/// that commit.
///
/// ```swift
/// let store = SQLiteVerificationStore(database: database)
/// let changed = try await store.write("confirm") { tx in
///     try tx.recordWrongCode(id: id, maxWrongCodes: 5, now: .now)
/// }
/// ```
public final class SQLiteVerificationStore: VerificationStore {
    /// The underlying database.
    public let database: SignalDatabase
    let sealer: VerificationDataSealer
    private let batcher: VerificationWriteBatcher
    private let reader: SnapshotReader

    /// Wraps a database. Share one store per database: its writes are grouped into shared transactions.
    ///
    /// - Parameter database: an open, migrated database.
    public init(database: SignalDatabase) {
        self.database = database
        self.sealer = VerificationDataSealer(secret: database.secret)
        self.batcher = VerificationWriteBatcher(writer: database.groupCommit, sealer: sealer, phoneHasher: database.phoneNumberHasher)
        self.reader = SnapshotReader(database: database)
    }

    /// Hashes numbers into velocity keys.
    public var phoneNumberHasher: KeyedHasher { database.phoneNumberHasher }

    /// A keyed hasher of the store secret for `purpose` (codes, API keys).
    public func hasher(for purpose: HashPurpose) -> KeyedHasher {
        KeyedHasher(secret: database.secret, purpose: purpose)
    }

    /// Runs `body` atomically in the next shared immediate write transaction; an error thrown by the body
    /// rolls back what the body did and is rethrown as is, a database failure becomes
    /// ``SignalStoreError/databaseFailure(operation:reason:)``.
    ///
    /// - Parameters:
    ///   - operation: what the body does, for error messages.
    ///   - body: the work, given the transaction.
    public func write<T: Sendable>(
        _ operation: String, _ body: @escaping @Sendable (any VerificationTransaction) throws -> T
    ) async throws -> T {
        do {
            return try await batcher.submit(body)
        } catch let error as DatabaseError {
            throw SignalStoreError.wrapping(error, operation: operation)
        }
    }

    /// Runs `body` on a read-only snapshot, on the calling thread (see ``SnapshotReader``): the reads of
    /// the request path are a few indexed lookups, cheaper than a hop to a reader queue and back.
    ///
    /// - Parameters:
    ///   - operation: what the read does, for error messages.
    ///   - body: the work, given a read-only transaction.
    public func read<T: Sendable>(
        _ operation: String, _ body: @escaping @Sendable (any VerificationTransaction) throws -> T
    ) async throws -> T {
        do {
            return try reader.read { db in try body(transaction(db)) }
        } catch let error as DatabaseError {
            throw SignalStoreError.wrapping(error, operation: operation)
        }
    }

    /// A synchronous ``write(_:_:)`` in a transaction of its own, for callers outside an async
    /// context (the store's tests), whose body may also use the SQLite connection (`db`).
    public func writeNow<T>(_ operation: String, _ body: (SQLiteVerificationTransaction) throws -> T) throws -> T {
        do {
            return try database.pool.write { db in try body(transaction(db)) }
        } catch let error as DatabaseError {
            throw SignalStoreError.wrapping(error, operation: operation)
        }
    }

    /// A synchronous ``read(_:_:)``, for the same callers as ``writeNow(_:_:)``.
    public func readNow<T>(_ operation: String, _ body: (SQLiteVerificationTransaction) throws -> T) throws -> T {
        do {
            return try database.pool.read { db in try body(transaction(db)) }
        } catch let error as DatabaseError {
            throw SignalStoreError.wrapping(error, operation: operation)
        }
    }

    private func transaction(_ db: Database) -> SQLiteVerificationTransaction {
        SQLiteVerificationTransaction(db: db, sealer: sealer, phoneHasher: database.phoneNumberHasher)
    }
}

/// One transaction on the verification tables of the SQLite file; made by ``SQLiteVerificationStore``.
///
/// Its methods are the only SQL of the verification service.
public struct SQLiteVerificationTransaction: VerificationTransaction {
    /// The GRDB connection of the transaction, for other stores' `in db:` methods.
    public let db: Database
    let sealer: VerificationDataSealer
    /// Hashes numbers into velocity keys.
    public let phoneHasher: KeyedHasher

    init(db: Database, sealer: VerificationDataSealer, phoneHasher: KeyedHasher) {
        self.db = db
        self.sealer = sealer
        self.phoneHasher = phoneHasher
    }

    public func record(_ event: BehaviorEvent) throws {
        try SQLiteBehaviorEventLog.insert(event, in: db)
    }
}

/// Milliseconds since 1970, the store's time unit.
enum VerificationTime {
    static func milliseconds(_ date: Date) -> Int64 {
        Int64((date.timeIntervalSince1970 * 1000).rounded(.down))
    }

    static func date(_ milliseconds: Int64) -> Date {
        Date(timeIntervalSince1970: TimeInterval(milliseconds) / 1000)
    }
}
