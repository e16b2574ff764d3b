import Foundation
import GRDB

/// Read-only snapshots of the verification tables, taken on the calling thread.
///
/// A `DatabasePool` read hops to a reader's dispatch queue and back, checks
/// the schema version and takes a reader from a semaphore-guarded pool: on the
/// request path that costs more than the indexed lookups it wraps. This reader
/// runs the body on the caller's thread, on a read-only connection of its own
/// (reads on it are serialised and never block the writer), inside a
/// `BEGIN DEFERRED … COMMIT` so a body of several statements sees one
/// committed state, as a pool read does.
///
/// The connection opens on first use, so creating a store stays infallible;
/// a connection that cannot open fails that read with the reason, and the next
/// read tries again.
///
/// ```swift
/// let reader = SnapshotReader(database: database)
/// let count = try reader.read { db in try Int.fetchOne(db.cachedStatement(sql: "SELECT 1")) }
/// ```
final class SnapshotReader: @unchecked Sendable {
    private let database: SignalDatabase
    // Guards `connection`; held only while the connection is looked up or opened.
    private let lock = NSLock()
    private var connection: DatabaseQueue?

    /// - Parameter database: the open database to read.
    init(database: SignalDatabase) {
        self.database = database
    }

    /// Runs `body` in a read-only transaction on the calling thread and answers its result.
    ///
    /// - Parameter body: the reads.
    /// - Throws: what `body` throws, or the database's error.
    func read<T>(_ body: (Database) throws -> T) throws -> T {
        try openedConnection().unsafeReentrantRead { db in
            try db.cachedStatement(sql: "BEGIN DEFERRED TRANSACTION").execute()
            do {
                let result = try body(db)
                try db.cachedStatement(sql: "COMMIT TRANSACTION").execute()
                return result
            } catch {
                try? db.rollback()
                throw error
            }
        }
    }

    private func openedConnection() throws -> DatabaseQueue {
        try lock.withLock {
            if let connection { return connection }
            let opened = try database.makeReadOnlyConnection()
            connection = opened
            return opened
        }
    }
}
