import GRDB

extension SignalDatabase {
    /// A read-only connection of its own on the same file, for hot point reads.
    ///
    /// A pool read checks `PRAGMA schema_version` and takes a reader from a
    /// semaphore-guarded pool on every access, which costs more than the
    /// indexed lookup itself; this connection skips both. Reads on it are
    /// serialised, each sees the latest committed data (WAL), and it never
    /// blocks the writer.
    /// - Parameter pageCacheKiB: the connection's page cache, so hot index pages stay in memory.
    /// - Throws: ``SignalStoreError/cannotOpenDatabase(path:reason:)``.
    public func makeReadOnlyConnection(pageCacheKiB: Int = 32_768) throws -> DatabaseQueue {
        var configuration = Configuration()
        configuration.readonly = true
        configuration.busyMode = .timeout(busyTimeout.timeInterval)
        configuration.label = "phonerisk.read-only"
        let cacheSize = -max(2_000, pageCacheKiB)
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA cache_size = \(cacheSize)")
        }
        do {
            return try DatabaseQueue(path: path, configuration: configuration)
        } catch {
            throw SignalStoreError.cannotOpenDatabase(path: path, reason: String(describing: error))
        }
    }
}
