import ArgumentParser
import Foundation
import Logging
import PhoneRiskServer
import PostgresStore
import SignalStore

/// `phonerisk serve`: runs the HTTP verification service of API.md.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the HTTP verification service.",
        discussion: """
            Settings come from the flags, else these environment variables, else the built-in values:
              --host      PHONERISK_HOST      127.0.0.1
              --port      PHONERISK_PORT      8080 (0 picks a free port)
              --db        PHONERISK_DB        phonerisk.sqlite (or postgres://USER:PASSWORD@HOST:PORT/DB)
              --policy    PHONERISK_POLICY    the policy built into the binary
              --code-ttl  PHONERISK_CODE_TTL  10m
            Also: PHONERISK_RATE_LIMIT_PHONE (5/10m), PHONERISK_RATE_LIMIT_ACCOUNT (10/1h),
            PHONERISK_LIVE_PROVIDER (twilio), PHONERISK_TWILIO_*, PHONERISK_SECRET,
            PHONERISK_SYNCHRONOUS (FULL), PHONERISK_LOG_LEVEL (info).
            Prints `listening on http://HOST:PORT` on stdout once requests are accepted; logs go to stderr.
            SIGHUP reloads the --policy file (a policy that does not compile is refused and the running one stays);
            SIGTERM or SIGINT stops the service gracefully.
            See docs/OPERATIONS.md.
            """
    )

    @Option(help: "The address to listen on.")
    var host: String?

    @Option(help: "The port to listen on; 0 picks a free one.")
    var port: Int?

    @Option(name: .customLong("db"), help: "The SQLite file, or a postgres:// URL (needs PHONERISK_SECRET).")
    var database: String?

    @Option(help: "The policy file; reloaded on SIGHUP.")
    var policy: String?

    @Option(name: .customLong("code-ttl"), help: "How long a sent code lives, written like a policy duration (10m).")
    var codeTTL: String?

    func run() async throws {
        LoggingSystem.bootstrap { label in StreamLogHandler.standardError(label: label) }
        let flags = ServerFlags(host: host, port: port, database: database, policy: policy, codeTTL: codeTTL)
        var configuration: ServerConfiguration
        do {
            configuration = try ServerConfiguration.resolve(
                flags: flags, environment: ProcessInfo.processInfo.environment, logger: Logger(label: "phonerisk"))
        } catch {
            throw ServiceCommandFailure(message: error.description)
        }
        configuration.onListening = { host, port in
            let shownHost = host.contains(":") ? "[\(host)]" : host
            // Written straight to the descriptor, unbuffered, so a supervisor
            // reading a pipe sees the line the moment requests are accepted.
            // The line is a notice: a server whose stdout was closed goes on serving.
            try? StandardOutput.write(Data("listening on http://\(shownHost):\(port)\n".utf8))
        }
        do {
            try await runApplication(configuration: configuration)
        } catch let error as PostgresStoreError {
            throw ServiceCommandFailure(message: "cannot open the database: \(error)")
        } catch let error as SignalStoreError {
            throw ServiceCommandFailure(message: "cannot open the database: \(error)")
        } catch {
            throw ServiceCommandFailure(message: "the service stopped: \(error)")
        }
    }
}

/// A failure a command reports: its message goes to stderr and the exit status is 1.
struct ServiceCommandFailure: Error, CustomStringConvertible {
    /// What went wrong, for people.
    var message: String

    var description: String { message }
}
