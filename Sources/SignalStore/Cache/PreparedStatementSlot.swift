import GRDB

/// A hot statement, prepared once on a store's own read-only connection.
///
/// GRDB's statement cache is keyed by the SQL text, so every use hashes the
/// whole statement (900 characters for the behaviour counts), which cost more
/// than binding it. The statement lives as long as its store; closing the
/// connection first is safe (GRDB closes with `sqlite3_close_v2`, which waits
/// for it to be finalized).
///
/// ```swift
/// let slot = PreparedStatementSlot(sql: "SELECT …")
/// try reader.unsafeReentrantRead { db in try use(slot.statement(in: db)) }
/// ```
///
/// It is touched only inside the connection's serialized access
/// (`unsafeReentrantRead`), which is what makes it safe to share.
final class PreparedStatementSlot: @unchecked Sendable {
    private let sql: String
    private var statement: Statement?

    /// A slot for `sql`, prepared on first use.
    init(sql: String) {
        self.sql = sql
    }

    /// The statement, prepared on `db` the first time.
    /// - Parameter db: the connection this slot belongs to; always the same one.
    func statement(in db: Database) throws -> Statement {
        if let statement { return statement }
        let prepared = try db.makeStatement(sql: sql)
        statement = prepared
        return prepared
    }
}
