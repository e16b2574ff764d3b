import Foundation
import PostgresNIO

/// Where and how to connect, parsed from a `postgres://` or `postgresql://` URL:
///
/// ```
/// postgres://USER:PASSWORD@HOST:PORT/DATABASE?sslmode=disable&connect_timeout=10&application_name=phonerisk
/// ```
///
/// User names and passwords may be percent-encoded. The port defaults to
/// 5432 and the database to the user name, as with `psql`. TLS is not
/// available: `sslmode` may be `disable` (or `allow`/`prefer`, which then
/// connect without TLS); `require`, `verify-ca` and `verify-full` are refused.
struct PostgresConnectionSettings: Sendable, Equatable {
    var host: String
    var port: Int
    var user: String
    var password: String?
    var database: String
    var connectTimeout: Duration
    var applicationName: String

    /// The URL with the password replaced by `***`, for messages and logs.
    var redactedURL: String {
        let credentials = password == nil ? user : "\(user):***"
        let shownHost = host.contains(":") ? "[\(host)]" : host
        return "postgres://\(credentials)@\(shownHost):\(port)/\(database)"
    }

    /// Parses `url`.
    /// - Throws: ``PostgresStoreError/invalidURL(url:reason:)`` naming the part that is wrong.
    init(url: String) throws {
        let shown = Self.redact(url)
        func invalid(_ reason: String) -> PostgresStoreError { .invalidURL(url: shown, reason: reason) }

        guard let components = URLComponents(string: url) else {
            throw invalid("not a URL (expected postgres://USER:PASSWORD@HOST:PORT/DATABASE)")
        }
        guard let scheme = components.scheme?.lowercased(), scheme == "postgres" || scheme == "postgresql" else {
            throw invalid("the scheme must be postgres:// or postgresql://")
        }
        guard let host = components.host, !host.isEmpty else {
            throw invalid("no host (expected postgres://USER:PASSWORD@HOST:PORT/DATABASE)")
        }
        guard let user = components.percentEncodedUser.flatMap({ $0.removingPercentEncoding }), !user.isEmpty else {
            throw invalid("no user name (expected postgres://USER:PASSWORD@HOST…)")
        }
        let port = components.port ?? 5432
        guard (1...65_535).contains(port) else {
            throw invalid("port \(port) is outside 1…65535")
        }
        let path = components.percentEncodedPath
        let encodedDatabase = path.hasPrefix("/") ? String(path.dropFirst()) : path
        guard let database = encodedDatabase.removingPercentEncoding, !database.contains("/") else {
            throw invalid("the path must be one database name")
        }
        self.host = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
        self.port = port
        self.user = user
        self.password = components.percentEncodedPassword.flatMap { $0.removingPercentEncoding }
        self.database = database.isEmpty ? user : database
        self.connectTimeout = .seconds(10)
        self.applicationName = "phonerisk"

        for item in components.queryItems ?? [] {
            let value = item.value ?? ""
            switch item.name {
            case "sslmode":
                switch value {
                case "disable", "allow", "prefer":
                    break
                case "require", "verify-ca", "verify-full":
                    throw invalid("sslmode=\(value) needs TLS, which this build does not support; use sslmode=disable "
                        + "on a trusted network or a TLS tunnel")
                default:
                    throw invalid("unknown sslmode '\(value)' (use sslmode=disable)")
                }
            case "connect_timeout":
                guard let seconds = Int(value), seconds > 0 else {
                    throw invalid("connect_timeout must be a whole number of seconds above 0, not '\(value)'")
                }
                connectTimeout = .seconds(seconds)
            case "application_name":
                applicationName = value
            default:
                throw invalid("unknown parameter '\(item.name)' (known: sslmode, connect_timeout, application_name)")
            }
        }
    }

    /// The configuration of one connection without a statement timeout.
    var configuration: PostgresConnection.Configuration {
        configuration(statementTimeout: nil)
    }

    /// The configuration of one connection.
    /// - Parameter statementTimeout: when given, the server cancels any statement (lock waits included)
    ///   that runs longer, and the connection stays usable.
    func configuration(statementTimeout: Duration?) -> PostgresConnection.Configuration {
        var configuration = PostgresConnection.Configuration(
            host: host, port: port, username: user, password: password, database: database, tls: .disable)
        configuration.options.connectTimeout = .milliseconds(connectTimeout.milliseconds)
        configuration.options.additionalStartupParameters = [("application_name", applicationName)]
        if let statementTimeout {
            configuration.options.additionalStartupParameters.append(
                ("statement_timeout", "\(max(1, statementTimeout.milliseconds))"))
        }
        return configuration
    }

    /// `url` with anything between `://USER:` and `@` replaced by `***`, even when the URL does not parse.
    static func redact(_ url: String) -> String {
        guard let schemeEnd = url.range(of: "://") else { return url }
        let rest = url[schemeEnd.upperBound...]
        guard let at = rest.lastIndex(of: "@") else { return url }
        let credentials = rest[..<at]
        guard let colon = credentials.firstIndex(of: ":") else { return url }
        return String(url[..<schemeEnd.upperBound]) + credentials[..<colon] + ":***" + rest[at...]
    }
}
