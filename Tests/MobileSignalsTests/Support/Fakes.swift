import Foundation
import PhoneNumbers
@testable import MobileSignals

/// A carrier source with fixed answers per package that counts its calls.
final class FixtureCarrier: CarrierLookup, @unchecked Sendable {
    let source: String
    let supportedFields: Set<CarrierField>
    private let answers: [CarrierField: CarrierFacts]
    // Guards `calls`.
    private let lock = NSLock()
    private var calls: [CarrierField: Int] = [:]

    struct Unavailable: Error {}

    init(source: String = "fixture", answers: [CarrierField: CarrierFacts]) {
        self.source = source
        self.answers = answers
        self.supportedFields = Set(answers.keys)
    }

    func callCount(_ field: CarrierField) -> Int {
        lock.withLock { calls[field] ?? 0 }
    }

    func lookup(_ number: PhoneNumber, field: CarrierField) async throws -> CarrierFacts {
        lock.withLock { calls[field, default: 0] += 1 }
        guard let facts = answers[field] else { throw Unavailable() }
        return facts
    }
}

/// A trust provider with one fixed answer.
struct FixedTrust: TrustScoreSource {
    let source = "fixed-trust"
    let score: Int?

    func trustScore(for number: PhoneNumber) async throws -> Int? { score }
}

/// A clock the test moves by hand.
final class TestClock: @unchecked Sendable {
    // Guards `current`.
    private let lock = NSLock()
    private var current: Date

    init(_ start: Date) {
        current = start
    }

    var now: Date { lock.withLock { current } }

    func advance(by seconds: TimeInterval) {
        lock.withLock { current = current.addingTimeInterval(seconds) }
    }

    var reader: @Sendable () -> Date { { [self] in now } }
}
