/// Where one evaluation keeps the fired and known bits of its rules and the
/// risk sum until it stores them in the frame, once, at the end. The
/// evaluator is specialised for each conformance.
protocol RuleAccounting {
    /// Rule number `rule` was known (`known` 1) and fired (`fired` 1), or not (0).
    mutating func record(_ rule: UInt64, known: UInt64, fired: UInt64)
    /// Adds a fired score rule's points (0 for rules that did not fire).
    mutating func add(_ points: Int64)
    /// The sum clamped to 0...1000.
    var clampedRisk: Int64 { get }
    /// Writes the fired and known bits into the frame.
    func store(into frame: EvaluationFrame)
}

/// At most 64 rules and points whose magnitudes sum to at most `Int64.max`:
/// one word of fired bits and a 64-bit sum that cannot overflow, in registers.
/// The known bits are left out (the optimiser drops their computation): only
/// `CompiledPolicy.explain(_:)` reads them, and it evaluates again with
/// `WideAccounting`, which records them.
struct CompactAccounting: RuleAccounting {
    private var fired: UInt64 = 0
    private var sum: Int64 = 0

    @inline(__always)
    mutating func record(_ rule: UInt64, known isKnown: UInt64, fired isFired: UInt64) {
        fired |= isFired &<< rule
    }

    @inline(__always)
    mutating func add(_ points: Int64) { sum &+= points }

    var clampedRisk: Int64 { sum < 0 ? 0 : (sum > 1000 ? 1000 : sum) }

    func store(into frame: EvaluationFrame) {
        frame.fired[0] = fired
    }
}

/// Any number of rules and any points: fired and known bits written into the
/// frame's words as rules are decided, and an exact 128-bit sum (no sum of
/// 64-bit points can overflow it).
struct WideAccounting: RuleAccounting {
    private let fired: UnsafeMutablePointer<UInt64>
    private let known: UnsafeMutablePointer<UInt64>
    private var sum: Int128 = 0

    /// Clears the frame's bits of the previous evaluation.
    init(frame: EvaluationFrame, words: Int) {
        fired = frame.fired
        known = frame.known
        fired.update(repeating: 0, count: words)
        known.update(repeating: 0, count: words)
    }

    @inline(__always)
    mutating func record(_ rule: UInt64, known isKnown: UInt64, fired isFired: UInt64) {
        let word = Int(rule >> 6), shift = rule & 63
        known[word] |= isKnown &<< shift
        fired[word] |= isFired &<< shift
    }

    @inline(__always)
    mutating func add(_ points: Int64) { sum += Int128(points) }

    var clampedRisk: Int64 { sum < 0 ? 0 : (sum > 1000 ? 1000 : Int64(sum)) }

    func store(into frame: EvaluationFrame) {}
}
