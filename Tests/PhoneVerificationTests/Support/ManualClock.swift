import Foundation

/// A clock the test moves by hand, so expiry and windows are exact without waiting.
final class ManualClock: @unchecked Sendable {
    // Guards `current`.
    private let lock = NSLock()
    private var current: Date

    init(_ start: Date = Date(timeIntervalSince1970: 1_800_000_000)) {
        current = start
    }

    var now: Date { lock.withLock { current } }

    func advance(seconds: TimeInterval) {
        lock.withLock { current = current.addingTimeInterval(seconds) }
    }

    var function: @Sendable () -> Date { { self.now } }
}
