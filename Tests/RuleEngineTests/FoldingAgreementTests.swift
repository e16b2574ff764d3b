import Testing
@testable import RuleEngine

/// Constant folding and the evaluator implement the same semantics separately
/// (one on `Constant`s at compile time, one on frame slots at run time). Each
/// expression is compiled twice, once over inputs and once with the same values
/// written as literals (so it folds), and the rules it fires must be identical.
@Suite("Constant folding agrees with the evaluator")
struct FoldingAgreementTests {
    static let templates = [
        "a + b", "a - b", "a * b", "a / b", "a % b", "-a", "abs(a)", "min(a, b)", "max(a, b)",
        "a * 2 - b", "(a ?? 4) / (b ?? 0)", "a / 2.5 + b", "a % 2.5", "abs(a * 1.5)",
    ]

    /// Integer values, as literal text (missing: an expression that folds to missing).
    static let values: [(literal: String, signal: SignalValue?)] = [
        ("0", .int(0)), ("1", .int(1)), ("(-1)", .int(-1)), ("7", .int(7)), ("(-7)", .int(-7)),
        ("9223372036854775807", .int(.max)), ("(-9223372036854775807 - 1)", .int(.min)), ("(1 / 0)", nil),
    ]

    static let thresholds = ["-9223372036854775807", "-10", "-1", "0", "1", "3", "10", "9223372036854775807"]

    private func fingerprint(_ expression: String, _ a: (literal: String, signal: SignalValue?),
                             _ b: (literal: String, signal: SignalValue?), folded: Bool) throws -> [String] {
        var body = expression
        if folded {
            body = body.replacingOccurrences(of: "a", with: a.literal).replacingOccurrences(of: "b", with: b.literal)
        }
        var rules = "score 1 PRESENT when present(\(body))\n"
        for (index, threshold) in Self.thresholds.enumerated() {
            rules += "score 1 BELOW_\(index) when \(body) < \(threshold)\n"
            rules += "score 1 EQUAL_\(index) when \(body) == \(threshold)\n"
        }
        let policy = try compile("policy p version 1\ninput a: int?\ninput b: int?\n" + rules)
        var signals: [String: SignalValue] = [:]
        if !folded {
            signals["a"] = a.signal
            signals["b"] = b.signal
        }
        return try policy.evaluate(signals).reasons
    }

    @Test(arguments: templates)
    func foldedAndEvaluatedResultsMatch(template: String) throws {
        for a in Self.values {
            for b in Self.values {
                let evaluated = try fingerprint(template, a, b, folded: false)
                let folded = try fingerprint(template, a, b, folded: true)
                #expect(evaluated == folded, "\(template) with a = \(a.literal), b = \(b.literal)")
            }
        }
    }
}

private extension String {
    /// Replaces whole-word occurrences only (`a` but not the `a` of `abs` or `max`).
    func replacingOccurrences(of word: String, with replacement: String) -> String {
        var out = ""
        var index = startIndex
        while index < endIndex {
            let character = self[index]
            let before = index > startIndex ? self[self.index(before: index)] : " "
            let afterIndex = self.index(after: index)
            let after = afterIndex < endIndex ? self[afterIndex] : " "
            if String(character) == word, !before.isLetter, before != "_", !after.isLetter, after != "_" {
                out += replacement
            } else {
                out.append(character)
            }
            index = afterIndex
        }
        return out
    }
}
