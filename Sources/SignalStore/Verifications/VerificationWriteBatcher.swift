import GRDB

/// The verification tables' door to the database's group commit
/// (``GroupCommitWriter``): each body gets a ``SQLiteVerificationTransaction``
/// over the shared transaction, runs in its own savepoint, and is answered
/// once that transaction committed, so an answered request is on disk.
///
/// The signal cache's writes ride in the same transactions, so a create pays
/// no commit of its own for the carrier facts it looked up.
struct VerificationWriteBatcher: Sendable {
    private let writer: GroupCommitWriter
    private let sealer: VerificationDataSealer
    private let phoneHasher: KeyedHasher

    /// - Parameters:
    ///   - writer: the database's group commit.
    ///   - sealer: seals the stored verification data.
    ///   - phoneHasher: hashes numbers into velocity keys.
    init(writer: GroupCommitWriter, sealer: VerificationDataSealer, phoneHasher: KeyedHasher) {
        self.writer = writer
        self.sealer = sealer
        self.phoneHasher = phoneHasher
    }

    /// Runs `body` in the next shared transaction and answers its result once that transaction committed.
    func submit<T: Sendable>(_ body: @escaping @Sendable (SQLiteVerificationTransaction) throws -> T) async throws -> T {
        let sealer = sealer
        let phoneHasher = phoneHasher
        return try await writer.submit { db in
            try body(SQLiteVerificationTransaction(db: db, sealer: sealer, phoneHasher: phoneHasher))
        }
    }
}
