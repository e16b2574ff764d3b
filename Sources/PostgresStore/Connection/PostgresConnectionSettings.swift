import Foundation
import NIOSSL
import PostgresNIO

/// Where and how to connect, parsed from a `postgres://` or `postgresql://` URL:
///
/// ```
/// postgres://USER:PASSWORD@HOST:PORT/DATABASE?sslmode=verify-full&sslrootcert=/etc/ssl/db-ca.pem
/// ```
///
/// User names and passwords may be percent-encoded. The port defaults to
/// 5432 and the database to the user name, as with `psql`. `sslmode` follows
/// libpq: `disable` (plain), `allow` and `prefer` (TLS when the server offers
/// it, unverified; the default, as in libpq), `require` (TLS, unverified),
/// `verify-ca` (TLS, the chain checked against `sslrootcert` or the system
/// roots) and `verify-full` (`verify-ca` plus the host name or address).
struct PostgresConnectionSettings: Sendable {
    /// How the connection uses TLS (`sslmode`).
    enum TLSMode: String, Sendable, Equatable {
        case disable, allow, prefer, require
        case verifyCA = "verify-ca"
        case verifyFull = "verify-full"
    }

    var host: String
    var port: Int
    var user: String
    var password: String?
    var database: String
    var connectTimeout: Duration
    var applicationName: String
    var tlsMode: TLSMode
    /// `sslrootcert`: a PEM file of the certificates that may sign the server's.
    var rootCertificates: String?
    /// The TLS context of every connection, made once from the mode and roots; nil with `disable`.
    private var tlsContext: NIOSSLContext?

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
        self.tlsMode = .prefer

        for item in components.queryItems ?? [] {
            let value = item.value ?? ""
            switch item.name {
            case "sslmode":
                guard let mode = TLSMode(rawValue: value) else {
                    throw invalid("unknown sslmode '\(value)' (disable, allow, prefer, require, verify-ca or verify-full)")
                }
                tlsMode = mode
            case "sslrootcert":
                rootCertificates = value
            case "connect_timeout":
                guard let seconds = Int(value), seconds > 0 else {
                    throw invalid("connect_timeout must be a whole number of seconds above 0, not '\(value)'")
                }
                connectTimeout = .seconds(seconds)
            case "application_name":
                applicationName = value
            default:
                throw invalid(
                    "unknown parameter '\(item.name)' (known: sslmode, sslrootcert, connect_timeout, application_name)")
            }
        }
        if rootCertificates != nil, tlsMode != .verifyCA, tlsMode != .verifyFull {
            throw invalid("sslrootcert is used only with sslmode=verify-ca or verify-full")
        }
        tlsContext = try Self.makeTLSContext(mode: tlsMode, rootCertificates: rootCertificates, invalid: invalid)
    }

    private static func makeTLSContext(
        mode: TLSMode, rootCertificates: String?, invalid: (String) -> PostgresStoreError
    ) throws -> NIOSSLContext? {
        var tls = TLSConfiguration.makeClientConfiguration()
        switch mode {
        case .disable:
            return nil
        case .allow, .prefer, .require:
            tls.certificateVerification = .none
        case .verifyCA:
            tls.certificateVerification = .noHostnameVerification
        case .verifyFull:
            tls.certificateVerification = .fullVerification
        }
        if let rootCertificates {
            guard FileManager.default.isReadableFile(atPath: rootCertificates) else {
                throw invalid("sslrootcert \(rootCertificates) is not a readable file")
            }
            tls.trustRoots = .file(rootCertificates)
        }
        do {
            return try NIOSSLContext(configuration: tls)
        } catch {
            throw invalid("cannot use sslrootcert \(rootCertificates ?? "(system roots)"): \(error)")
        }
    }

    /// PostgresNIO's TLS setting: `prefer` and `allow` fall back to plain when the server has no TLS.
    private var tls: PostgresConnection.Configuration.TLS {
        guard let tlsContext else { return .disable }
        switch tlsMode {
        case .allow, .prefer: return .prefer(tlsContext)
        default: return .require(tlsContext)
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
            host: host, port: port, username: user, password: password, database: database, tls: tls)
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
