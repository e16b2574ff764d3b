import Foundation

extension SignalDatabase {
    /// SQLite's durability level for committed writes (`PRAGMA synchronous`).
    public enum Synchronous: String, Sendable, CaseIterable {
        /// Every commit is fsynced: an answered request survives power loss. The default.
        case full = "FULL"
        /// Commits are durable against a process crash but may be lost on power loss (WAL + NORMAL).
        case normal = "NORMAL"
        /// Like ``full``, and the WAL is also synced after each checkpoint.
        case extra = "EXTRA"
    }

    /// How ``SignalDatabase`` opens its file.
    ///
    /// ```swift
    /// var options = SignalDatabase.Options()
    /// options.synchronous = .normal
    /// let database = try SignalDatabase(path: "/var/lib/phonerisk/phonerisk.sqlite", options: options)
    /// ```
    public struct Options: Sendable {
        /// Durability of commits; `.full` by default.
        public var synchronous: Synchronous
        /// How long a writer waits for another process's lock before failing.
        public var busyTimeout: Duration
        /// The most reader connections the pool keeps open.
        public var maximumReaderCount: Int
        /// The hashing secret; `nil` reads `PHONERISK_SECRET`, else the file beside the database.
        public var secret: StoreSecret?
        /// The environment consulted for `PHONERISK_SECRET`.
        public var environment: [String: String]

        /// Creates options.
        /// - Parameters:
        ///   - synchronous: durability of commits.
        ///   - busyTimeout: lock wait before a write fails with "database is locked".
        ///   - maximumReaderCount: reader connections kept by the pool.
        ///   - secret: an explicit secret, or `nil` to resolve it from the environment or the secret file.
        ///   - environment: the environment to read `PHONERISK_SECRET` from.
        public init(
            synchronous: Synchronous = .full,
            busyTimeout: Duration = .seconds(5),
            maximumReaderCount: Int = 5,
            secret: StoreSecret? = nil,
            environment: [String: String] = ProcessInfo.processInfo.environment
        ) {
            self.synchronous = synchronous
            self.busyTimeout = busyTimeout
            self.maximumReaderCount = maximumReaderCount
            self.secret = secret
            self.environment = environment
        }
    }
}
