import Dispatch
import Foundation
import Logging
import PostgresNIO

/// One connection used synchronously: each call sends a statement and
/// blocks its thread until the answer arrives.
///
/// Only ever used on a ``PostgresLane``'s own queue, never on a NIO event
/// loop or the Swift cooperative pool, where blocking would stall others.
/// The server cancels a statement that runs past the lane's statement
/// timeout (`statement_timeout`), and the connection stays usable. The wait
/// here is a safety net beyond that, for a server that stops answering: it
/// never outlasts ``timeout``. And since PostgresNIO drops a statement written
/// to a connection that has just closed without ever answering it, a closed
/// connection ends the wait too.
struct PostgresSession {
    let connection: PostgresConnection
    let logger: Logger
    /// The longest wait for one answer before the connection is given up.
    var timeout: Duration

    /// How long a statement's answer may still arrive after its connection closed.
    private static let closeGrace: DispatchTimeInterval = .seconds(1)
    /// How often a waiting statement checks that its connection is still open.
    private static let closeCheckInterval: DispatchTimeInterval = .milliseconds(100)

    /// Runs `query` and collects its rows and command tag.
    /// - Throws: the server's error, ``PostgresStoreError/connectionLost`` or
    ///   ``PostgresStoreError/statementTimedOut(seconds:)``.
    @discardableResult
    func query(_ query: PostgresQuery) throws -> PostgresQueryResult {
        guard !connection.isClosed else { throw PostgresStoreError.connectionLost }
        let answer = PendingAnswer()
        connection.query(query, logger: logger).whenComplete { answer.complete($0) }
        let deadline = DispatchTime.now() + .nanoseconds(Int(clamping: timeout.nanoseconds))
        var closedAt: DispatchTime?
        while true {
            if answer.ready.wait(timeout: min(deadline, .now() + Self.closeCheckInterval)) == .success {
                return try answer.result().get()
            }
            let now = DispatchTime.now()
            if now >= deadline {
                // Closing makes the server roll back whatever the connection's transaction did.
                _ = try? connection.close().wait()
                throw PostgresStoreError.statementTimedOut(seconds: Int(timeout.components.seconds))
            }
            if connection.isClosed {
                let since = closedAt ?? now
                closedAt = since
                if now >= since + Self.closeGrace { throw PostgresStoreError.connectionLost }
            }
        }
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

/// The answer to one statement, handed from the event loop to the waiting lane thread.
private final class PendingAnswer: @unchecked Sendable {
    let ready = DispatchSemaphore(value: 0)
    // Guards `answer`.
    private let lock = NSLock()
    private var answer: Result<PostgresQueryResult, any Error>?

    func complete(_ answer: Result<PostgresQueryResult, any Error>) {
        lock.withLock { self.answer = answer }
        ready.signal()
    }

    /// The answer; only called after `ready` was signalled.
    func result() -> Result<PostgresQueryResult, any Error> {
        lock.withLock { answer } ?? .failure(PostgresStoreError.connectionLost)
    }
}

extension Duration {
    var milliseconds: Int64 {
        nanoseconds / 1_000_000
    }

    var nanoseconds: Int64 {
        let parts = components
        let (seconds, overflow) = parts.seconds.multipliedReportingOverflow(by: 1_000_000_000)
        return overflow ? .max : seconds.addingReportingOverflow(parts.attoseconds / 1_000_000_000).partialValue
    }
}
