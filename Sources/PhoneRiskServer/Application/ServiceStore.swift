import PhoneVerification
import SignalStore

/// The store behind the service and the operator commands: the SQLite
/// database (created with its secret on first use, migrated), its
/// verification tables and its API keys.
///
/// ```swift
/// let store = try ServiceStore(path: "phonerisk.sqlite", environment: ProcessInfo.processInfo.environment)
/// let created = try await store.keys.create(mode: .test)
/// ```
public struct ServiceStore: Sendable {
    /// The database.
    public let database: SignalDatabase
    /// The verification tables.
    public let verifications: VerificationStore
    /// The API keys.
    public let keys: APIKeys

    /// Opens (or creates) the database at `path`.
    ///
    /// - Parameters:
    ///   - path: The SQLite file.
    ///   - synchronous: `PRAGMA synchronous`; `FULL` by default.
    ///   - environment: Where `PHONERISK_SECRET` is read from.
    /// - Throws: `SignalStoreError` when the file or its secret cannot be used.
    public init(path: String, synchronous: SignalDatabase.Synchronous = .full, environment: [String: String]) throws {
        database = try SignalDatabase(path: path, options: .init(synchronous: synchronous, environment: environment))
        verifications = VerificationStore(database: database)
        keys = APIKeys(store: verifications)
    }
}
