/// The decision a policy reaches, from least to most severe.
///
/// `block` > `review` > `step_up`; with no decision rule fired it is `pass`.
public enum Verdict: String, Sendable, Hashable, CaseIterable, Comparable, Codable {
    /// No decision rule fired.
    case pass
    /// Ask for a stronger proof of possession.
    case stepUp = "step_up"
    /// Hold for a human to look at.
    case review
    /// Refuse.
    case block

    /// Severity rank: pass 0, step_up 1, review 2, block 3.
    public var severity: Int {
        switch self {
        case .pass: 0
        case .stepUp: 1
        case .review: 2
        case .block: 3
        }
    }

    /// Orders verdicts by severity.
    public static func < (lhs: Verdict, rhs: Verdict) -> Bool { lhs.severity < rhs.severity }
}
