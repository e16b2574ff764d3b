import Foundation
import PostgresNIO
import SignalStore

/// Every failure of opening or using the PostgreSQL store, with a message
/// naming what was wrong. Passwords, secrets and phone numbers never appear
/// in these messages: URLs are shown with the password replaced by `***`.
public enum PostgresStoreError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The database URL cannot be used.
    case invalidURL(url: String, reason: String)
    /// `PHONERISK_SECRET` is not set: a PostgreSQL store has no file beside it to keep a secret in.
    case missingSecret
    /// No server answered at the URL's host and port.
    case unreachable(url: String, reason: String)
    /// The server refused the user name or password.
    case authenticationFailed(url: String, reason: String)
    /// The TLS handshake failed: most often a certificate that `sslrootcert` (or the system roots) does not
    /// vouch for, or a host name it does not name.
    case tlsFailed(url: String, reason: String)
    /// The server answers but the database does not exist.
    case databaseMissing(url: String, database: String)
    /// Connecting failed for another reason.
    case connectionFailed(url: String, reason: String)
    /// A schema migration failed; the database stays at the last migration that committed.
    case migrationFailed(migration: String, reason: String)
    /// A setting is outside its allowed range.
    case invalidSetting(name: String, reason: String)
    /// The store was closed before the operation ran.
    case closed
    /// The connection closed while a statement waited for its answer; the server rolled its transaction back.
    case connectionLost
    /// A statement took longer than the statement timeout; its connection was closed, rolling its transaction back.
    case statementTimedOut(seconds: Int)

    /// A readable description (never containing a password, secret or phone number).
    public var description: String {
        switch self {
        case .invalidURL(let url, let reason):
            return "invalid PostgreSQL URL \(url): \(reason)"
        case .missingSecret:
            return "PHONERISK_SECRET is not set: a PostgreSQL store needs it (at least 32 bytes, the same on every "
                + "instance), so that a database dump alone reveals no phone number"
        case .unreachable(let url, let reason):
            return "cannot reach PostgreSQL at \(url): \(reason)"
        case .authenticationFailed(let url, let reason):
            return "PostgreSQL at \(url) refused the user name or password: \(reason)"
        case .tlsFailed(let url, let reason):
            return "the TLS handshake with PostgreSQL at \(url) failed (check sslmode and sslrootcert): \(reason)"
        case .databaseMissing(let url, let database):
            return "PostgreSQL at \(url) has no database named \(database); create it first (createdb \(database))"
        case .connectionFailed(let url, let reason):
            return "cannot connect to PostgreSQL at \(url): \(reason)"
        case .migrationFailed(let migration, let reason):
            return "PostgreSQL migration \(migration) failed: \(reason)"
        case .invalidSetting(let name, let reason):
            return "invalid setting \(name): \(reason)"
        case .closed:
            return "the PostgreSQL store is closed"
        case .connectionLost:
            return "the connection to PostgreSQL was lost; its open transaction was rolled back"
        case .statementTimedOut(let seconds):
            return "a PostgreSQL statement took longer than \(seconds) s; its transaction was rolled back"
        }
    }
}

extension PostgresStoreError {
    /// Classifies a failure to connect with `settings`.
    static func connecting(_ error: any Error, settings: PostgresConnectionSettings) -> PostgresStoreError {
        let url = settings.redactedURL
        guard let error = error as? PSQLError else {
            return .connectionFailed(url: url, reason: PostgresErrorText.describe(error))
        }
        switch error.serverInfo?[.sqlState] {
        case "28P01", "28000":
            return .authenticationFailed(url: url, reason: PostgresErrorText.describe(error))
        case "3D000":
            return .databaseMissing(url: url, database: settings.database)
        default:
            break
        }
        if let underlying = error.underlying, String(describing: underlying).contains("handshakeFailed") {
            return .tlsFailed(url: url, reason: PostgresErrorText.describe(error))
        }
        if error.code == .connectionError || error.code == .serverClosedConnection {
            return .unreachable(url: url, reason: PostgresErrorText.describe(error))
        }
        return .connectionFailed(url: url, reason: PostgresErrorText.describe(error))
    }
}

/// Readable text for PostgresNIO's errors, whose own description is
/// deliberately generic: the server's message and SQLSTATE, or the client
/// error code and its underlying cause. Never includes bound values.
enum PostgresErrorText {
    static func describe(_ error: any Error) -> String {
        guard let error = error as? PSQLError else { return String(describing: error) }
        if let info = error.serverInfo, let message = info[.message] {
            return "\(message) (SQLSTATE \(info[.sqlState] ?? "unknown"))"
        }
        if let underlying = error.underlying {
            return "\(error.code): \(underlying)"
        }
        return "\(error.code)"
    }

    /// Wraps a failure of a store operation the way the SQLite stores do, so callers handle one error type.
    static func storeFailure(_ error: any Error, operation: String) -> any Error {
        switch error {
        case let error as SignalStoreError: return error
        case PostgresStoreError.closed: return error
        default: return SignalStoreError.databaseFailure(operation: operation, reason: describe(error))
        }
    }
}
