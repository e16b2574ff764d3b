import Foundation
import NIOConcurrencyHelpers

/// The one simulated time that the service, its signal cache, its stores and the fake Twilio read:
/// the event loop moves it to each event's time, so a day runs in minutes and every window, expiry
/// and age is measured in simulated seconds.
public final class SimulationClock: Sendable {
    private let current: NIOLockedValueBox<Date>

    /// - Parameter start: The first instant.
    public init(start: Date) { current = NIOLockedValueBox(start) }

    /// The simulated now.
    public func now() -> Date { current.withLockedValue { $0 } }

    /// Moves the clock to `date` (backwards too: accounts are opened in the past).
    public func set(_ date: Date) { current.withLockedValue { $0 = date } }
}
