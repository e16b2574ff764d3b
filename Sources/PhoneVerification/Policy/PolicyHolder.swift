import DefaultPolicy
import Foundation
import RuleEngine

/// The policy in force, swapped atomically when the server reloads it (SIGHUP).
///
/// Readers take a snapshot with ``current``; an evaluation in flight keeps the
/// policy it started with. A policy that does not compile is never installed.
///
/// ```swift
/// let holder = try PolicyHolder()                          // the embedded default
/// try holder.reload(source: text, file: "custom.rules")   // throws PolicyCompileError; the old one stays
/// let policy = holder.current
/// ```
public final class PolicyHolder: @unchecked Sendable {
    // The lock guards `policy` alone; `CompiledPolicy` is immutable and Sendable.
    private let lock = NSLock()
    private var policy: CompiledPolicy

    /// Holds `policy`.
    ///
    /// - Parameter policy: the compiled policy to start with.
    public init(_ policy: CompiledPolicy) {
        self.policy = policy
    }

    /// Holds the default policy embedded in the binary (`Rules/phone_verification.rules`).
    ///
    /// - Throws: `PolicyCompileError` if the embedded policy does not compile (a build defect).
    public convenience init() throws {
        self.init(try CompiledPolicy(source: DefaultPolicy.source, file: DefaultPolicy.fileName))
    }

    /// The policy in force now.
    public var current: CompiledPolicy {
        lock.lock()
        defer { lock.unlock() }
        return policy
    }

    /// Installs `newPolicy` for every later evaluation.
    public func replace(with newPolicy: CompiledPolicy) {
        lock.lock()
        policy = newPolicy
        lock.unlock()
    }

    /// Compiles `source` and installs it; on a compile error the running policy stays and the error is thrown.
    ///
    /// - Parameters:
    ///   - source: the policy text.
    ///   - file: its file name, for diagnostics.
    /// - Returns: the installed policy.
    @discardableResult
    public func reload(source: String, file: String) throws -> CompiledPolicy {
        let compiled = try CompiledPolicy(source: source, file: file)
        replace(with: compiled)
        return compiled
    }
}
