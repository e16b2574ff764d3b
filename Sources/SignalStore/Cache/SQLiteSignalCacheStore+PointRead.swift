import Foundation
import GRDB
import GRDBSQLite

extension SQLiteSignalCacheStore {
    /// The primary-key read of one entry.
    static let pointReadSQL = """
        SELECT payload, stored_at, expires_at FROM signal_cache WHERE number_hash = ?1 AND kind = ?2 AND source = ?3
        """

    /// Reads the entry for `key` with `statement` (prepared from ``pointReadSQL``),
    /// binding and stepping it through SQLite's C interface.
    /// - Throws: ``SignalStoreError/databaseFailure(operation:reason:)`` when SQLite fails.
    static func readEntry(_ key: SignalCacheKey, with statement: Statement) throws -> SignalCacheEntry? {
        let handle = statement.sqliteStatement
        // The reset ends the read transaction as soon as the row is read.
        defer { sqlite3_reset(handle) }
        try check(RawStatement.bind(key.phone.hex, at: 1, of: handle), handle)
        try check(RawStatement.bind(key.kind.name, at: 2, of: handle), handle)
        try check(RawStatement.bind(key.source, at: 3, of: handle), handle)
        let status = sqlite3_step(handle)
        if status == SQLITE_DONE { return nil }
        guard status == SQLITE_ROW else { throw RawStatement.failure(status, handle, operation: readOperation) }
        var payload: [UInt8]?
        if sqlite3_column_type(handle, 0) != SQLITE_NULL {
            // Read the pointer after the length: asking for the length may convert the value first.
            let count = Int(sqlite3_column_bytes(handle, 0))
            let bytes = sqlite3_column_blob(handle, 0)
            payload = count == 0 || bytes == nil ? [] : Array(UnsafeRawBufferPointer(start: bytes, count: count))
        }
        return SignalCacheEntry(
            key: key,
            payload: payload,
            storedAt: Date(millisecondsSince1970: sqlite3_column_int64(handle, 1)),
            expiresAt: Date(millisecondsSince1970: sqlite3_column_int64(handle, 2))
        )
    }

    static let readOperation = "reading the signal cache"

    private static func check(_ status: Int32, _ handle: OpaquePointer) throws {
        try RawStatement.check(status, handle, operation: readOperation)
    }
}
