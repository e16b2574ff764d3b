import GRDBSQLite

/// Binding and error reporting on a statement handle through SQLite's C
/// interface, for the hot reads (cache hits, behaviour counts) where GRDB's
/// argument arrays and row copies cost more than the lookup.
enum RawStatement {
    /// Binds `text` as UTF-8 at the 1-based `index`; SQLite copies it before this returns.
    /// - Returns: SQLite's result code.
    static func bind(_ text: String, at index: Int32, of handle: OpaquePointer) -> Int32 {
        var text = text
        return text.withUTF8 { bytes in
            // An empty buffer may have no address; a null pointer would bind NULL instead of ''.
            guard let start = bytes.baseAddress, !bytes.isEmpty else {
                return sqlite3_bind_text(handle, index, "", 0, transientDestructor)
            }
            return start.withMemoryRebound(to: CChar.self, capacity: bytes.count) { characters in
                sqlite3_bind_text(handle, index, characters, Int32(bytes.count), transientDestructor)
            }
        }
    }

    /// Throws unless `status` is `SQLITE_OK`.
    static func check(_ status: Int32, _ handle: OpaquePointer, operation: String) throws {
        guard status == SQLITE_OK else { throw failure(status, handle, operation: operation) }
    }

    /// The store error for a failed call on `handle`, with SQLite's message.
    static func failure(_ status: Int32, _ handle: OpaquePointer, operation: String) -> SignalStoreError {
        let message = sqlite3_errmsg(sqlite3_db_handle(handle)).map { String(cString: $0) } ?? "SQLite error"
        return SignalStoreError.databaseFailure(operation: operation, reason: "\(message) (SQLite result \(status))")
    }

    // SQLITE_TRANSIENT: SQLite makes its own copy of bound text.
    private static let transientDestructor = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
}
