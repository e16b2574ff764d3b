import Foundation
import PostgresNIO
import SignalStore

/// The verification tables (accounts, API keys, verifications, evaluations)
/// and the behaviour events written with them, in PostgreSQL.
///
/// Keeps every promise of ``VerificationStore``, across any number of service
/// instances on one database: write bodies run on one connection of this
/// instance, grouped into shared transactions (one savepoint each), and every
/// such transaction holds a database-wide advisory lock until it commits, so
/// writers of all instances are serialised and a count-then-insert in one body
/// is exact. Reads run on the other connections in REPEATABLE READ READ ONLY
/// transactions, a consistent snapshot that never waits for writers. A lost
/// connection, a statement timeout or a closed store is reported as
/// ``SignalStoreError/databaseFailure(operation:reason:)``, like any other database failure.
///
/// ```swift
/// let changed = try await database.verifications.write("confirm") { tx in
///     try tx.recordWrongCode(id: id, maxWrongCodes: 5, now: .now)
/// }
/// ```
public final class PostgresVerificationStore: VerificationStore {
    /// Hashes numbers into the keys that velocity counts and lookups use.
    public let phoneNumberHasher: KeyedHasher
    private let secret: StoreSecret
    private let sealer: VerificationDataSealer
    private let batcher: PostgresWriteBatcher
    private let readers: PostgresLanePool

    init(writer: PostgresLane, readers: PostgresLanePool, secret: StoreSecret) {
        self.secret = secret
        self.phoneNumberHasher = KeyedHasher(secret: secret, purpose: .phoneNumber)
        self.sealer = VerificationDataSealer(secret: secret)
        self.readers = readers
        self.batcher = PostgresWriteBatcher(lane: writer, sealer: sealer, phoneHasher: phoneNumberHasher)
    }

    /// A keyed hasher of the store secret for `purpose` (codes, API keys).
    public func hasher(for purpose: HashPurpose) -> KeyedHasher {
        KeyedHasher(secret: secret, purpose: purpose)
    }

    /// Runs `body` atomically in the next shared write transaction; an error thrown by the body rolls back what
    /// the body did and is rethrown as is, a database failure becomes ``SignalStoreError/databaseFailure(operation:reason:)``.
    ///
    /// - Parameters:
    ///   - operation: what the body does, for error messages.
    ///   - body: the work, given the transaction.
    public func write<T: Sendable>(
        _ operation: String, _ body: @escaping @Sendable (any VerificationTransaction) throws -> T
    ) async throws -> T {
        do {
            return try await batcher.submit(body)
        } catch let error as PSQLError {
            throw SignalStoreError.databaseFailure(operation: operation, reason: PostgresErrorText.describe(error))
        } catch let error as PostgresStoreError {
            throw SignalStoreError.databaseFailure(operation: operation, reason: error.description)
        }
    }

    /// Runs `body` on a consistent read-only snapshot.
    ///
    /// - Parameters:
    ///   - operation: what the read does, for error messages.
    ///   - body: the work, given a read-only transaction.
    public func read<T: Sendable>(
        _ operation: String, _ body: @escaping @Sendable (any VerificationTransaction) throws -> T
    ) async throws -> T {
        let sealer = sealer
        let hasher = phoneNumberHasher
        do {
            return try await readers.run { session in
                try session.transaction(begin: "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY") {
                    try body(PostgresVerificationTransaction(session: session, sealer: sealer, phoneHasher: hasher))
                }
            }
        } catch let error as PSQLError {
            throw SignalStoreError.databaseFailure(operation: operation, reason: PostgresErrorText.describe(error))
        } catch let error as PostgresStoreError {
            throw SignalStoreError.databaseFailure(operation: operation, reason: error.description)
        }
    }
}
