/// A lookup ran longer than its timeout.
public struct SignalLookupTimeout: Error, Sendable, CustomStringConvertible {
    /// The timeout that was exceeded.
    public let timeout: Duration

    /// A readable description (never containing a secret or a phone number).
    public var description: String { "the lookup did not answer within \(timeout)" }
}

/// The result of `operation`, or ``SignalLookupTimeout`` once `timeout` has
/// passed (the operation is then cancelled).
func withTimeout<T: Sendable>(
    _ timeout: Duration,
    _ operation: @escaping @Sendable () async throws -> T
) async throws -> T {
    try await withThrowingTaskGroup(of: T.self) { group in
        group.addTask { try await operation() }
        group.addTask {
            try await Task.sleep(for: timeout)
            throw SignalLookupTimeout(timeout: timeout)
        }
        defer { group.cancelAll() }
        guard let first = try await group.next() else {
            throw SignalLookupTimeout(timeout: timeout)
        }
        return first
    }
}
