import RuleEngine

/// How many of the inputs the compiled policy answers as the reference does,
/// compared as the anchors' README says: decision and risk, and the score
/// codes in order (bench26.rules also reports its decision rules' codes,
/// which the other engines do not).
struct AgreementCheck: Encodable {
    var n: Int
    var decisionRiskAgree: Int
    var reasonsAgree: Int
    /// The first disagreement, spelled out, or nil.
    var firstMismatch: String?

    /// True when every input agrees on everything.
    var allAgree: Bool { decisionRiskAgree == n && reasonsAgree == n }

    /// Evaluates every frame once, untimed, through the same call as the timed loop.
    /// - Parameter bench: the loaded policy, frames and reference.
    init(_ bench: LoadedBench) {
        n = bench.frames.count
        decisionRiskAgree = 0
        reasonsAgree = 0
        for (index, frame) in bench.frames.enumerated() {
            let outcome = bench.policy.evaluate(frame)
            let codes = bench.scoreRules.filter { bench.policy.fired($0, in: frame) }.map { bench.policy.rules[$0].code }
            let got = ReferenceResult(decision: outcome.verdict.rawValue, risk: outcome.risk, reasons: codes)
            let want = bench.reference[index]
            let sameDecision = got.decision == want.decision && got.risk == want.risk
            let sameReasons = got.reasons == want.reasons
            if sameDecision { decisionRiskAgree += 1 }
            if sameReasons { reasonsAgree += 1 }
            if !(sameDecision && sameReasons), firstMismatch == nil {
                firstMismatch = "input #\(index): got \(got), reference \(want)"
            }
        }
    }
}
