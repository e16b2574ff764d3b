import Foundation

/// A fake source that counts its calls and answers as told.
final class CountingLookup: @unchecked Sendable {
    enum Behaviour {
        case answer(String)
        case fail
        case hang
        case slowAnswer(String, Duration)
    }

    // Guards both stored properties.
    private let lock = NSLock()
    private var calls = 0
    private var behaviour: Behaviour

    struct Failure: Error {}

    init(_ behaviour: Behaviour) {
        self.behaviour = behaviour
    }

    var callCount: Int { lock.withLock { calls } }

    func set(_ behaviour: Behaviour) {
        lock.withLock { self.behaviour = behaviour }
    }

    func callAsFunction() async throws -> String {
        let current = lock.withLock {
            calls += 1
            return behaviour
        }
        switch current {
        case .answer(let text):
            return text
        case .fail:
            throw Failure()
        case .hang:
            try await Task.sleep(for: .seconds(3_600))
            throw Failure()
        case .slowAnswer(let text, let delay):
            try await Task.sleep(for: delay)
            return text
        }
    }
}
