import Foundation

/// A clock the test moves by hand.
final class TestClock: @unchecked Sendable {
    // Guards `current`.
    private let lock = NSLock()
    private var current: Date

    init(_ start: Date = Date(timeIntervalSince1970: 1_790_000_000)) {
        current = start
    }

    var now: Date { lock.withLock { current } }

    func advance(by seconds: TimeInterval) {
        lock.withLock { current = current.addingTimeInterval(seconds) }
    }

    var reader: @Sendable () -> Date { { [self] in now } }
}
