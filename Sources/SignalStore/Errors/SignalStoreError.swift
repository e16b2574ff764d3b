import Foundation

/// Every failure the signal store reports, with enough context for a precise
/// message. Secrets and phone numbers never appear in these messages.
public enum SignalStoreError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The database file could not be opened or configured.
    case cannotOpenDatabase(path: String, reason: String)
    /// A schema migration failed; the database is left at the last good version.
    case migrationFailed(reason: String)
    /// A secret was found but holds fewer bytes than ``StoreSecret/minimumByteCount``.
    case secretTooShort(source: String, byteCount: Int)
    /// The secret file exists but cannot be read.
    case secretFileUnreadable(path: String, reason: String)
    /// The secret file can be read by other users; it must be mode 0600.
    case secretFileTooOpen(path: String, mode: UInt32)
    /// The secret file did not exist and could not be created.
    case secretFileNotCreated(path: String, reason: String)
    /// A setting is outside its allowed range.
    case invalidSetting(name: String, reason: String)
    /// A read or write failed in the database.
    case databaseFailure(operation: String, reason: String)

    /// A readable description (never containing a secret or a phone number).
    public var description: String {
        switch self {
        case .cannotOpenDatabase(let path, let reason):
            return "cannot open the database at \(path): \(reason)"
        case .migrationFailed(let reason):
            return "database migration failed: \(reason)"
        case .secretTooShort(let source, let count):
            return "the secret from \(source) is \(count) bytes long; at least \(StoreSecret.minimumByteCount) are required"
        case .secretFileUnreadable(let path, let reason):
            return "cannot read the secret file \(path): \(reason)"
        case .secretFileTooOpen(let path, let mode):
            return "the secret file \(path) has mode \(String(mode, radix: 8)); it must not be readable by group or others (chmod 600)"
        case .secretFileNotCreated(let path, let reason):
            return "cannot create the secret file \(path): \(reason)"
        case .invalidSetting(let name, let reason):
            return "invalid setting \(name): \(reason)"
        case .databaseFailure(let operation, let reason):
            return "database \(operation) failed: \(reason)"
        }
    }
}

extension SignalStoreError {
    /// Wraps any error thrown by GRDB while performing `operation`.
    static func wrapping(_ error: any Error, operation: String) -> SignalStoreError {
        if let storeError = error as? SignalStoreError { return storeError }
        return .databaseFailure(operation: operation, reason: String(describing: error))
    }

    /// The current `errno` as readable text.
    static func errnoText(_ code: Int32 = errno) -> String {
        String(cString: strerror(code))
    }
}
