import Foundation
import PhoneNumbers
import RuleEngine
import SignalStore

/// Where the create-stage signals come from: the signal gatherer in production,
/// a fixed set in tests.
///
/// The answer is SIGNALS.md's complete create-stage set (`stage = "create"`,
/// `behavior.failed_codes = 0`, `behavior.resends = 0`, `behavior.code_entry`
/// absent), counting the verification being started in its behaviour counts.
public protocol CreateSignalSource: Sendable {
    /// The signals for one verification about to be started.
    ///
    /// - Parameter request: the number, the account, the request's context and the mode.
    func signals(for request: SignalRequest) async throws -> [String: SignalValue]
}

/// What a ``CreateSignalSource`` is asked about.
public struct SignalRequest: Sendable, Hashable {
    /// The number being verified.
    public var number: PhoneNumber
    /// Its keyed hash.
    public var phoneKey: PhoneNumberKey
    /// The account verifying it.
    public var accountID: String
    /// When the account was created (`account.age`).
    public var accountCreatedAt: Date
    /// The end user's IP country, if the caller knows it (`ip.country`).
    public var ipCountry: String?
    /// The caller's mode: test mode uses the sandbox carrier fixtures.
    public var mode: APIMode
    /// The time of the request.
    public var now: Date
    /// Whether the request starts a verification (a create) rather than sending again for one (a resend):
    /// only a start counts itself in the behaviour counts.
    public var startsVerification: Bool

    /// Builds a request.
    ///
    /// - Parameters:
    ///   - number: the number.
    ///   - phoneKey: its keyed hash.
    ///   - accountID: the account.
    ///   - accountCreatedAt: the account's creation time.
    ///   - ipCountry: the IP's country.
    ///   - mode: the mode.
    ///   - now: the request time.
    ///   - startsVerification: true for a create, false for a resend.
    public init(number: PhoneNumber, phoneKey: PhoneNumberKey, accountID: String, accountCreatedAt: Date,
                ipCountry: String?, mode: APIMode, now: Date, startsVerification: Bool = true) {
        self.number = number
        self.phoneKey = phoneKey
        self.accountID = accountID
        self.accountCreatedAt = accountCreatedAt
        self.ipCountry = ipCountry
        self.mode = mode
        self.now = now
        self.startsVerification = startsVerification
    }
}
