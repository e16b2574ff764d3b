import Foundation
import PostgresNIO
import SignalStore

/// One transaction on the verification tables in PostgreSQL, given to the
/// bodies of ``PostgresVerificationStore``; the same statements as the SQLite
/// transaction, in PostgreSQL's dialect, each a blocking round trip on the
/// transaction's own connection.
struct PostgresVerificationTransaction: VerificationTransaction {
    let session: PostgresSession
    let sealer: VerificationDataSealer
    /// Hashes numbers into velocity keys.
    let phoneHasher: KeyedHasher

    /// Records a behaviour event in this transaction, so it commits or rolls back with the verification's own writes.
    func record(_ event: BehaviorEvent) throws {
        try PostgresBehaviorEventLog.record(event, in: session)
    }

    static func json(_ strings: [String]) throws -> String {
        String(decoding: try JSONEncoder().encode(strings), as: UTF8.self)
    }

    static func strings(_ json: String?) throws -> [String] {
        guard let json else { return [] }
        return try JSONDecoder().decode([String].self, from: Data(json.utf8))
    }

    static func mode(_ text: String, reading what: String) throws -> DataMode {
        guard let mode = DataMode(rawValue: text) else {
            throw SignalStoreError.databaseFailure(operation: "read \(what)", reason: "unknown mode '\(text)'")
        }
        return mode
    }
}
