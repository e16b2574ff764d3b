import Logging
import PhoneVerification
import SignalStore

/// The `serve` flags as given; nil when a flag was not given.
public struct ServerFlags: Sendable, Equatable {
    /// `--host`.
    public var host: String?
    /// `--port`.
    public var port: Int?
    /// `--db`.
    public var database: String?
    /// `--policy`.
    public var policy: String?
    /// `--code-ttl`, as written.
    public var codeTTL: String?

    /// Creates the flags.
    ///
    /// - Parameters:
    ///   - host: `--host`.
    ///   - port: `--port`.
    ///   - database: `--db`.
    ///   - policy: `--policy`.
    ///   - codeTTL: `--code-ttl`.
    public init(host: String? = nil, port: Int? = nil, database: String? = nil, policy: String? = nil, codeTTL: String? = nil) {
        self.host = host
        self.port = port
        self.database = database
        self.policy = policy
        self.codeTTL = codeTTL
    }
}

extension ServerConfiguration {
    /// The configuration from `flags`, else `PHONERISK_*` variables, else the
    /// built-in values:
    ///
    /// | flag | variable | default |
    /// |---|---|---|
    /// | `--host` | `PHONERISK_HOST` | `127.0.0.1` |
    /// | `--port` | `PHONERISK_PORT` | `8080` |
    /// | `--db` | `PHONERISK_DB` | `phonerisk.sqlite` |
    /// | `--policy` | `PHONERISK_POLICY` | the built-in policy |
    /// | `--code-ttl` | `PHONERISK_CODE_TTL` | `10m` |
    /// | | `PHONERISK_RATE_LIMIT_PHONE`, `PHONERISK_RATE_LIMIT_ACCOUNT`, `PHONERISK_LIVE_PROVIDER` | `5/10m`, `10/1h`, `twilio` |
    /// | | `PHONERISK_PROVE_CLIENT_ID`, `PHONERISK_PROVE_CLIENT_SECRET`, `PHONERISK_PROVE_REGION`, `PHONERISK_PROVE_URL`, `PHONERISK_PROVE_TIMEOUT`, `PHONERISK_PROVE_FALLBACK` | none, none, `us`, by region, `5s`, `twilio` |
    /// | | `PHONERISK_SYNCHRONOUS` | `FULL` (`NORMAL`, `EXTRA`) |
    /// | | `PHONERISK_LOG_LEVEL` | `info` |
    ///
    /// - Parameters:
    ///   - flags: The flags given.
    ///   - environment: The process environment.
    ///   - logger: The logger to use; its level is set from `PHONERISK_LOG_LEVEL`.
    /// - Throws: ``ServerConfigurationError`` naming the setting at fault.
    public static func resolve(
        flags: ServerFlags, environment: [String: String], logger: Logger = Logger(label: "phonerisk")
    ) throws(ServerConfigurationError) -> ServerConfiguration {
        let database = flags.database ?? environment["PHONERISK_DB"] ?? ServerDefaults.databasePath
        try DatabaseLocation.validate(database, setting: flags.database != nil ? "--db" : "PHONERISK_DB")
        var configuration = ServerConfiguration(databasePath: database, environment: environment, logger: logger)
        configuration.host = flags.host ?? environment["PHONERISK_HOST"] ?? ServerDefaults.host
        if let port = flags.port {
            configuration.port = try checkedPort(String(port), setting: "--port")
        } else if let port = environment["PHONERISK_PORT"] {
            configuration.port = try checkedPort(port, setting: "PHONERISK_PORT")
        }
        configuration.policyFile = flags.policy ?? environment["PHONERISK_POLICY"]
        do {
            configuration.verification = try VerificationConfiguration.fromEnvironment(environment)
            if let text = flags.codeTTL {
                configuration.verification.codeTTLSeconds = try DurationText.seconds(text, setting: "--code-ttl")
            }
        } catch {
            throw .invalidDomainSetting(error)
        }
        guard configuration.verification.codeTTLSeconds >= 1 else {
            throw .invalidValue(
                setting: flags.codeTTL != nil ? "--code-ttl" : "PHONERISK_CODE_TTL",
                value: DurationText.string(configuration.verification.codeTTLSeconds), expected: "at least 1s")
        }
        if let text = environment["PHONERISK_SYNCHRONOUS"] {
            guard let synchronous = SignalDatabase.Synchronous(rawValue: text.uppercased()) else {
                throw .invalidValue(setting: "PHONERISK_SYNCHRONOUS", value: text, expected: "FULL, NORMAL or EXTRA")
            }
            configuration.synchronous = synchronous
        }
        if let text = environment["PHONERISK_LOG_LEVEL"] {
            guard let level = Logger.Level(rawValue: text.lowercased()) else {
                let levels = Logger.Level.allCases.map(\.rawValue).joined(separator: ", ")
                throw .invalidValue(setting: "PHONERISK_LOG_LEVEL", value: text, expected: "one of \(levels)")
            }
            configuration.logger.logLevel = level
        }
        return configuration
    }

    private static func checkedPort(_ text: String, setting: String) throws(ServerConfigurationError) -> Int {
        guard let port = Int(text), (0...65_535).contains(port) else {
            throw .invalidValue(setting: setting, value: text, expected: "a port from 0 to 65535 (0 picks a free one)")
        }
        return port
    }
}

/// Reads a `--db` value: the path of an SQLite file, or a `postgres://` /
/// `postgresql://` URL of a PostgreSQL database.
public enum DatabaseLocation {
    /// Whether `value` names a PostgreSQL database rather than an SQLite file.
    ///
    /// - Parameter value: The `--db` value.
    public static func isPostgres(_ value: String) -> Bool {
        let lowered = value.lowercased()
        return lowered.hasPrefix("postgres://") || lowered.hasPrefix("postgresql://")
    }

    /// Refuses an empty value; the URL itself is checked when the database is opened.
    ///
    /// - Parameters:
    ///   - value: The `--db` value.
    ///   - setting: The flag or variable it came from, for the message.
    /// - Throws: ``ServerConfigurationError``.
    public static func validate(_ value: String, setting: String) throws(ServerConfigurationError) {
        if value.isEmpty {
            throw .invalidValue(
                setting: setting, value: value, expected: "the path of an SQLite file or a postgres:// URL")
        }
    }
}
