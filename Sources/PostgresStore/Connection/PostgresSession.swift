import Logging
import PostgresNIO

/// One connection used synchronously: each call sends a statement and
/// blocks its thread until the answer arrives.
///
/// Only ever used on a ``PostgresLane``'s own queue, never on a NIO event
/// loop or the Swift cooperative pool, where blocking would stall others.
struct PostgresSession {
    let connection: PostgresConnection
    let logger: Logger

    /// Runs `query` and collects its rows and command tag.
    @discardableResult
    func query(_ query: PostgresQuery) throws -> PostgresQueryResult {
        try connection.query(query, logger: logger).wait()
    }

    /// Runs a statement and answers how many rows it inserted, updated or deleted.
    @discardableResult
    func execute(_ statement: PostgresQuery) throws -> Int {
        try query(statement).metadata.rows ?? 0
    }

    /// Runs `body` in a transaction (`BEGIN` … `COMMIT`), rolled back when it throws.
    /// - Parameter begin: the opening statement, e.g. to choose the isolation level.
    func transaction<T>(begin: PostgresQuery = "BEGIN", _ body: () throws -> T) throws -> T {
        try query(begin)
        let result: T
        do {
            result = try body()
        } catch {
            // The body's error is the one worth reporting; a failed rollback ends the connection anyway.
            _ = try? query("ROLLBACK")
            throw error
        }
        try query("COMMIT")
        return result
    }
}
