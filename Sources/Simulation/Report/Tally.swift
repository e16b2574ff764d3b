import RuleEngine

/// How one label's flows ended: the rows of the confusion matrix and what the rates are made of.
public struct LabelTally: Sendable, Hashable, Codable {
    /// Flows started.
    public var flows = 0
    /// Outcome of each flow's create: `pending`, `requires_step_up`, `in_review`, `blocked`, or a
    /// refusal written `STATUS code` (`429 rate_limited`).
    public var create: [String: Int] = [:]
    /// Each flow's verification status once its user stopped (`refused` when the create was refused).
    public var final: [String: Int] = [:]
    /// Creates and resends the flows asked for.
    public var sendsRequested = 0
    /// Messages the provider really sent to the flows' numbers.
    public var smsSent = 0
    /// Flows that met a `step_up`, `review` or `block` decision, or a refusal other than their own wrong codes.
    public var withFriction = 0
    /// Flows that met a `block` decision.
    public var blocked = 0
    /// Flows whose verification ended `verified`.
    public var verified = 0

    /// Creates an empty tally.
    public init() {}

    private enum CodingKeys: String, CodingKey {
        case flows, create, final
        case sendsRequested = "sends_requested"
        case smsSent = "sms_sent"
        case withFriction = "with_friction"
        case blocked, verified
    }
}

/// What one run (one scenario, one policy) produced.
public struct Tally: Sendable, Hashable {
    /// The rows, by label.
    public var labels: [PopulationLabel: LabelTally] = [:]

    /// Creates an empty tally.
    public init() {}

    /// The row of `label` (empty when no flow had it).
    public subscript(label: PopulationLabel) -> LabelTally {
        get { labels[label] ?? LabelTally() }
        set { labels[label] = newValue }
    }

    /// The four figures the default policy is judged by.
    public var rates: Rates {
        let pumping = self[.pumping], takeover = self[.takeover], honest = self[.honest]
        return Rates(
            pumpingSendsStopped: Self.ratio(pumping.sendsRequested - pumping.smsSent, pumping.sendsRequested),
            takeoversStopped: Self.ratio(takeover.flows - takeover.verified, takeover.flows),
            honestWithFriction: Self.ratio(honest.withFriction, honest.flows),
            honestBlocked: Self.ratio(honest.blocked, honest.flows))
    }

    private static func ratio(_ part: Int, _ whole: Int) -> Double? {
        whole == 0 ? nil : Double(max(0, part)) / Double(whole)
    }
}

/// The four rates; nil when the traffic had none of the flows a rate is about.
public struct Rates: Sendable, Hashable, Codable {
    /// 1 − pumping messages sent ÷ pumping sends asked for (creates and resends).
    public var pumpingSendsStopped: Double?
    /// Takeover flows not ending `verified` ÷ takeover flows.
    public var takeoversStopped: Double?
    /// Honest flows with friction ÷ honest flows.
    public var honestWithFriction: Double?
    /// Honest flows with a `block` decision ÷ honest flows.
    public var honestBlocked: Double?

    /// Creates the rates.
    ///
    /// - Parameters:
    ///   - pumpingSendsStopped: 1 − pumping messages sent ÷ asked for.
    ///   - takeoversStopped: Takeover flows not verified ÷ takeover flows.
    ///   - honestWithFriction: Honest flows with friction ÷ honest flows.
    ///   - honestBlocked: Honest flows blocked ÷ honest flows.
    public init(pumpingSendsStopped: Double?, takeoversStopped: Double?, honestWithFriction: Double?, honestBlocked: Double?) {
        self.pumpingSendsStopped = pumpingSendsStopped
        self.takeoversStopped = takeoversStopped
        self.honestWithFriction = honestWithFriction
        self.honestBlocked = honestBlocked
    }

    private enum CodingKeys: String, CodingKey {
        case pumpingSendsStopped = "pumping_sends_stopped"
        case takeoversStopped = "takeovers_stopped"
        case honestWithFriction = "honest_with_friction"
        case honestBlocked = "honest_blocked"
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(pumpingSendsStopped, forKey: .pumpingSendsStopped)
        try container.encode(takeoversStopped, forKey: .takeoversStopped)
        try container.encode(honestWithFriction, forKey: .honestWithFriction)
        try container.encode(honestBlocked, forKey: .honestBlocked)
    }
}

/// What happened to one flow, as its user saw it.
struct FlowRecord: Sendable {
    var create = "not_started"
    var verificationID: String?
    var accountID: String?
    var decisions: Set<Verdict> = []
    /// Refusals other than the user's own wrong codes.
    var refusals: [String] = []
    var sendsRequested = 0

    var hasFriction: Bool {
        !refusals.isEmpty || decisions.contains { $0 != .pass }
    }
}
