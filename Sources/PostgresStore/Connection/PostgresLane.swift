import Dispatch
import Foundation
import Logging
import NIOCore
import NIOPosix
import PostgresNIO

/// One PostgreSQL connection with a serial queue of its own: jobs run one at
/// a time on that queue and use the connection synchronously.
///
/// The connection is opened on first use and opened again after it was lost
/// (a server restart, a network cut), so a lane outlives its connections. A
/// job that finds the server unreachable fails with the reason; the next job
/// tries again.
final class PostgresLane: @unchecked Sendable {
    private let settings: PostgresConnectionSettings
    private let logger: Logger
    private let queue: DispatchQueue
    private let eventLoopGroup: any EventLoopGroup
    private let connectionID: Int
    private let statementTimeout: Duration
    /// How much longer than the server's statement timeout a lane waits for an answer before giving the
    /// connection up: the server's own cancellation normally arrives first.
    static let answerGrace: Duration = .seconds(5)
    // Touched only on `queue`.
    private var connection: PostgresConnection?
    private var isClosed = false
    // Guards `queued`.
    private let lock = NSLock()
    private var queued = 0

    init(settings: PostgresConnectionSettings, label: String, connectionID: Int, statementTimeout: Duration,
         logger: Logger, eventLoopGroup: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton) {
        self.settings = settings
        self.statementTimeout = statementTimeout
        self.logger = logger
        self.queue = DispatchQueue(label: "phonerisk.postgres.\(label)")
        self.eventLoopGroup = eventLoopGroup
        self.connectionID = connectionID
    }

    /// How many jobs wait or run on this lane, to spread work over a pool.
    var load: Int {
        lock.withLock { queued }
    }

    /// Runs `job` on the lane's queue with a connected session, or with the reason there is none.
    func enqueue(_ job: @escaping @Sendable (Result<PostgresSession, any Error>) -> Void) {
        lock.withLock { queued += 1 }
        queue.async {
            defer { self.lock.withLock { self.queued -= 1 } }
            job(Result { try self.session() })
            self.dropConnectionIfLost()
        }
    }

    /// Runs `body` on the lane and answers its result.
    func run<T: Sendable>(_ body: @escaping @Sendable (PostgresSession) throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            enqueue { session in
                continuation.resume(with: Result { try body(session.get()) })
            }
        }
    }

    /// Closes the connection; jobs enqueued afterwards fail with ``PostgresStoreError/closed``.
    func close() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            queue.async {
                self.isClosed = true
                if let connection = self.connection {
                    self.connection = nil
                    _ = try? connection.close().wait()
                }
                continuation.resume()
            }
        }
    }

    private func session() throws -> PostgresSession {
        guard !isClosed else { throw PostgresStoreError.closed }
        if let connection, !connection.isClosed {
            return PostgresSession(connection: connection, logger: logger, timeout: statementTimeout + Self.answerGrace)
        }
        let opened: PostgresConnection
        do {
            opened = try PostgresConnection.connect(
                on: eventLoopGroup.next(), configuration: settings.configuration(statementTimeout: statementTimeout),
                id: connectionID, logger: logger
            ).wait()
        } catch {
            throw PostgresStoreError.connecting(error, settings: settings)
        }
        connection = opened
        return PostgresSession(connection: opened, logger: logger, timeout: statementTimeout + Self.answerGrace)
    }

    private func dropConnectionIfLost() {
        if let connection, connection.isClosed {
            self.connection = nil
            logger.warning("PostgreSQL connection lost; the next job reconnects", metadata: ["lane": "\(connectionID)"])
        }
    }
}
