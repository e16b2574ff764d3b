import Foundation
import Logging
import PhoneVerification
import SignalStore

/// Everything `buildApplication(configuration:)` needs to run the service.
///
/// `phonerisk serve` builds it with ``resolve(flags:environment:)`` (flags,
/// then `PHONERISK_*` variables, then built-in values); tests build it
/// directly.
///
/// ```swift
/// var configuration = ServerConfiguration(databasePath: "/tmp/test.sqlite")
/// configuration.port = 0
/// let app = try await buildApplication(configuration: configuration)
/// ```
public struct ServerConfiguration: Sendable {
    /// The address to listen on; `127.0.0.1` by default, `0.0.0.0` for every interface.
    public var host: String
    /// The port; 0 picks a free one (reported through ``onListening``).
    public var port: Int
    /// The SQLite file.
    public var databasePath: String
    /// `PRAGMA synchronous` of the store; `FULL` by default, so an answered request is on disk.
    public var synchronous: SignalDatabase.Synchronous
    /// The policy file, reloaded on SIGHUP; nil for the policy built into the binary.
    public var policyFile: String?
    /// The verification domain's settings: code TTL, limits, live provider.
    /// The initializer sets the built-in values; ``resolve(flags:environment:logger:)``
    /// reads them from the flags and `PHONERISK_*` variables.
    public var verification: VerificationConfiguration
    /// The environment the domain reads its other settings from (provider
    /// credentials, `PHONERISK_SECRET`).
    public var environment: [String: String]
    /// Whether SIGHUP reloads the policy file; tests that build many
    /// applications in one process turn it off.
    public var reloadsOnSIGHUP: Bool
    /// The logger of the service and of every request.
    public var logger: Logger
    /// Called once the server accepts requests, with the host and the real port.
    public var onListening: @Sendable (_ host: String, _ port: Int) async -> Void
    /// The time the service, its signal cache and its carrier sources read: the wall clock by
    /// default; a simulation or a test sets its own, so expiry and windows follow it.
    public var clock: @Sendable () -> Date

    /// Creates a configuration with the built-in defaults.
    ///
    /// - Parameters:
    ///   - databasePath: The SQLite file.
    ///   - environment: The environment for the domain's settings.
    ///   - logger: The service's logger.
    public init(
        databasePath: String = ServerDefaults.databasePath,
        environment: [String: String] = ProcessInfo.processInfo.environment,
        logger: Logger = Logger(label: "phonerisk")
    ) {
        host = ServerDefaults.host
        port = ServerDefaults.port
        self.databasePath = databasePath
        synchronous = .full
        policyFile = nil
        verification = VerificationConfiguration()
        self.environment = environment
        reloadsOnSIGHUP = true
        self.logger = logger
        onListening = { _, _ in }
        clock = { Date() }
    }
}

/// The built-in values `serve` falls back to.
public enum ServerDefaults {
    /// Loopback only, so a service started by hand is not exposed by accident.
    public static let host = "127.0.0.1"
    /// The port.
    public static let port = 8080
    /// The SQLite file, in the working directory.
    public static let databasePath = "phonerisk.sqlite"
}
