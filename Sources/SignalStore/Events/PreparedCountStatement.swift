import GRDB

/// The counting statement, prepared once on a log's read-only connection.
///
/// GRDB's statement cache is keyed by the SQL text, and hashing the counting
/// statement's 900 characters on every call cost more than binding it. The
/// statement lives as long as the log; closing the connection first is safe
/// (GRDB closes with `sqlite3_close_v2`, which waits for it to be finalized).
///
/// It is touched only inside the connection's serialized access
/// (`reader.unsafeReentrantRead`), which is what makes it safe to share.
final class PreparedCountStatement: @unchecked Sendable {
    private var statement: Statement?

    /// The statement, prepared on `db` the first time.
    /// - Parameter db: the connection this holder belongs to; always the same one.
    func statement(in db: Database) throws -> Statement {
        if let statement { return statement }
        let prepared = try db.makeStatement(sql: BehaviorCountStatement.sql)
        statement = prepared
        return prepared
    }
}
