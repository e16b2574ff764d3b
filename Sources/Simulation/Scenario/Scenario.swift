import Foundation
import PhoneNumbers

/// A day (or an hour) of labelled traffic: who comes, when, with which numbers, what Twilio knows
/// of those numbers and how each kind of user behaves. docs/SIMULATION.md documents the file format.
public struct Scenario: Sendable {
    /// The scenario's name, shown in reports.
    public var name: String
    /// What it represents, for people.
    public var description: String?
    /// The simulated time of the first second of traffic.
    public var start: Date
    /// The populations, in file order.
    public var populations: [Population]
    /// The file it was read from, for messages.
    public var file: String
}

/// What a flow really is: the truth the confusion matrix is measured against.
public enum PopulationLabel: String, Sendable, Hashable, CaseIterable, Codable {
    case honest
    case pumping
    case takeover
    case voipFarm = "voip_farm"
    case codeGuessing = "code_guessing"
}

/// One group of users or bots that behave alike.
public struct Population: Sendable {
    /// Unique within the scenario.
    public var name: String
    /// What the population really is.
    public var label: PopulationLabel
    /// How many verification flows (one create, then resends and codes) the population starts.
    public var flows: Int
    /// When its flows start.
    public var arrival: Arrival
    /// Which numbers its flows verify.
    public var numbers: NumberSource
    /// Which accounts its flows use.
    public var accounts: AccountPool
    /// Where the end user's IP is, by weight.
    public var ipCountry: [(IPCountryChoice, Double)]
    /// What Twilio knows of its numbers.
    public var carrier: CarrierProfile
    /// What its users do after the create.
    public var behavior: Behavior
}

/// A range of whole seconds (or counts) drawn uniformly.
public struct Span: Sendable, Hashable {
    /// The least value.
    public var min: Int64
    /// The greatest value.
    public var max: Int64

    /// Creates a span.
    ///
    /// - Parameters:
    ///   - min: The least value.
    ///   - max: The greatest value, not less than `min`.
    public init(_ min: Int64, _ max: Int64) {
        self.min = min
        self.max = max
    }

    var range: ClosedRange<Int64> { min...max }
}

/// When a population's flows start.
public struct Arrival: Sendable, Hashable {
    /// How the starts spread over the window.
    public enum Shape: String, Sendable, Hashable, CaseIterable {
        /// Uniformly at random within the window.
        case uniform
        /// More by day than by night (peak at 14:00 of the simulated day, a fifth of it at 02:00).
        case diurnal
        /// Evenly spaced: a slow drip.
        case even
    }

    /// Seconds after the scenario's start.
    public var from: Int64
    /// Seconds after the scenario's start, after the last flow starts.
    public var to: Int64
    /// How the starts spread between `from` and `to`.
    public var shape: Shape
}

/// Where a population's numbers come from.
public struct NumberSource: Sendable, Hashable {
    /// Where numbers are drawn from.
    public enum Origin: Sendable, Hashable {
        /// Random valid numbers of the regions, by weight (ISO codes).
        case regions([String: Double])
        /// A non-geographic calling code (882, 883, 870…).
        case callingCode(Int)
        /// Consecutive numbers from this one (E.164), skipping those the metadata says are not valid.
        case first(String)
    }

    /// Where the numbers are drawn from.
    public var origin: Origin
    /// The metadata type drawn (`mobile`, `voip`, `premium_rate`…); ignored for `first`.
    public var type: PhoneNumberType
    /// Consecutive numbers from a random valid one of each region or code (a block being enumerated).
    public var sequential: Bool
    /// How many flows use each number.
    public var flowsPerNumber: Int
}

/// The accounts a population's flows use.
public struct AccountPool: Sendable, Hashable {
    /// How many accounts the flows share; nil for a new account per flow.
    public var count: Int?
    /// How old each account is when its first flow starts.
    public var age: Span
}

/// Where a flow's IP is.
public enum IPCountryChoice: Sendable, Hashable {
    /// The number's own country.
    case home
    /// Another country than the number's.
    case other
    /// Not given.
    case none
    /// This ISO code.
    case fixed(String)
}

/// What Twilio Lookup answers about the population's numbers.
public struct CarrierProfile: Sendable, Hashable {
    /// Twilio's `line_type_intelligence.type` (`mobile`, `nonFixedVoip`…); nil derives it from the metadata type.
    public var lineType: String?
    /// nil takes the range's original carrier from the metadata.
    public var carrierName: String?
    /// The mobile country code Lookup answers.
    public var mcc: String?
    /// The mobile network code Lookup answers.
    public var mnc: String?
    /// How long before the flow the SIM changed; nil when Twilio reports no swap in its period.
    public var simSwapAge: Span?
    /// Whether Lookup says unconditional call forwarding is on.
    public var callForwarding: Bool
    /// `sms_pumping_risk.sms_pumping_risk_score` (0–100).
    public var pumpingRiskScore: Span
    /// `sms_pumping_risk.number_blocked`.
    public var numberBlocked: Bool
    /// `line_status.status` (`active`, `reachable`, `unreachable`, `inactive`, `unknown`).
    public var lineStatus: String
    /// A Twilio Verify error code answered to every send to these numbers (60410 Fraud Guard, say); nil sends.
    public var sendError: Int?
}

/// How the people (or programs) of a population act after a create.
public struct Behavior: Sendable, Hashable {
    /// Chance of typing the right code in the end.
    public var confirmProbability: Double
    /// Seconds from the last send (or the previous code) to typing a code.
    public var codeEntry: Span
    /// Chance of asking for resends before typing anything.
    public var resendProbability: Double
    /// How many resends, when resending.
    public var resends: Span
    /// Seconds between sends when resending.
    public var resendInterval: Span
    /// Chance of typing wrong codes before the right one (or before giving up).
    public var wrongCodeProbability: Double
    /// How many wrong codes, when typing wrong codes.
    public var wrongCodes: Span
    /// Chance that one who does not confirm cancels.
    public var cancelProbability: Double
}
