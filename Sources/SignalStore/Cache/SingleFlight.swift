import Foundation

/// Runs at most one operation per key at a time; callers arriving while it
/// runs await the same result instead of starting their own.
final class SingleFlight<Key: Hashable & Sendable, Result: Sendable>: @unchecked Sendable {
    // Guards `running`.
    private let lock = NSLock()
    private var running: [Key: Task<Result, Never>] = [:]

    /// The result of `operation` for `key`, shared with every concurrent
    /// caller, and whether this caller joined a flight another one started.
    ///
    /// The operation runs in its own task, so one caller's cancellation does
    /// not cancel the others' answer.
    func run(_ key: Key, operation: @escaping @Sendable () async -> Result) async -> (Result, joined: Bool) {
        let (task, joined): (Task<Result, Never>, Bool) = lock.withLock {
            if let existing = running[key] {
                return (existing, true)
            }
            let started = Task { [self] in
                let result = await operation()
                lock.withLock { running[key] = nil }
                return result
            }
            running[key] = started
            return (started, false)
        }
        return (await task.value, joined)
    }
}
