import Dispatch
import Foundation
import Logging
import PhoneVerification
import RuleEngine

/// Reloads the policy file into the running service.
///
/// A policy that does not compile (or cannot be read) is refused with its
/// diagnostics logged, and the running one stays; a good one replaces it for
/// every request that starts afterwards.
///
/// ```swift
/// let reloader = PolicyReloader(file: "rules/mine.rules", holder: holder, logger: logger)
/// reloader.reload()   // what SIGHUP does
/// ```
public struct PolicyReloader: Sendable {
    /// The policy file.
    public let file: String
    /// Where the running policy lives.
    public let holder: PolicyHolder
    /// Where the outcome is logged.
    public let logger: Logger

    /// Creates a reloader.
    ///
    /// - Parameters:
    ///   - file: The policy file.
    ///   - holder: The holder of the running policy.
    ///   - logger: The logger.
    public init(file: String, holder: PolicyHolder, logger: Logger) {
        self.file = file
        self.holder = holder
        self.logger = logger
    }

    /// Reads and compiles the file and, if it compiles, makes it the running policy.
    ///
    /// - Returns: Whether the new policy was taken.
    @discardableResult
    public func reload() -> Bool {
        do {
            let policy = try PolicyLoader.compile(file: file)
            holder.replace(with: policy)
            logger.notice("policy reloaded", metadata: ["policy.file": .string(file)])
            return true
        } catch {
            logger.error(
                "policy reload refused; the running policy stays",
                metadata: ["policy.file": .string(file), "diagnostics": .string(error.description)]
            )
            return false
        }
    }
}

/// Reads and compiles a policy file, with the reason it cannot be used.
public enum PolicyLoader {
    /// Compiles `file`.
    ///
    /// - Parameter file: The policy file.
    /// - Returns: The compiled policy.
    /// - Throws: ``ServerConfigurationError/unreadablePolicy(path:reason:)`` or
    ///   ``ServerConfigurationError/policyDoesNotCompile(path:diagnostics:)``.
    public static func compile(file: String) throws(ServerConfigurationError) -> CompiledPolicy {
        let source: String
        do {
            source = try String(contentsOfFile: file, encoding: .utf8)
        } catch {
            throw .unreadablePolicy(path: file, reason: (error as NSError).localizedDescription)
        }
        do {
            return try CompiledPolicy(source: source, file: file)
        } catch {
            throw .policyDoesNotCompile(path: file, diagnostics: error.rendered)
        }
    }
}

/// Calls a handler on every SIGHUP the process receives, for as long as it is kept.
///
/// Unchecked: the only state is the dispatch source, which is set once and
/// whose methods Dispatch makes safe to call from any thread.
final class HangUpSignalSource: @unchecked Sendable {
    private let source: any DispatchSourceSignal

    /// Starts listening; SIGHUP's default action (ending the process) is turned off.
    ///
    /// - Parameter handler: Called on a background queue for each SIGHUP.
    init(handler: @escaping @Sendable () -> Void) {
        signal(SIGHUP, SIG_IGN)
        source = DispatchSource.makeSignalSource(signal: SIGHUP, queue: DispatchQueue(label: "phonerisk.sighup"))
        source.setEventHandler(handler: handler)
        source.resume()
    }

    deinit {
        source.cancel()
    }
}
