import GRDB

extension SignalDatabase {
    /// Reads the file's first page through the pool, on the calling thread;
    /// throws when the database does not answer (the pool is closed, the file
    /// is unreadable, another process holds it locked past the busy timeout).
    ///
    /// A pool's `async` read hops to a reader's queue and back through a
    /// continuation and wraps the body in `BEGIN … COMMIT`: for a health probe
    /// that costs more than the read. This takes a reader synchronously (the
    /// same connections, so a closed pool still fails the check) and runs one
    /// cached statement.
    ///
    /// ```swift
    /// try database.checkReadable()
    /// ```
    /// - Throws: ``SignalStoreError/databaseFailure(operation:reason:)``.
    public func checkReadable() throws {
        do {
            try pool.unsafeReentrantRead { db in
                _ = try Int.fetchOne(db.cachedStatement(sql: "SELECT 1 FROM sqlite_master LIMIT 1"))
            }
        } catch {
            throw SignalStoreError.wrapping(error, operation: "checking the database answers")
        }
    }
}
