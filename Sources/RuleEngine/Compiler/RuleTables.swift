/// A test of a table rule on the integer bits in `slot`: whether they lie in
/// a range that may wrap around.
///
/// Every integer comparison with a constant is such a range: `x < k` is
/// `[Int64.min, k - 1]`, and `x != k` is the wrapping range `[k + 1, k - 1]`.
/// One branch-free comparison decides them all:
/// `UInt64(x - low) <= span` (wrapping subtraction). A missing value is
/// folded into the same comparison (all ones, beyond every span), so that the
/// presence byte is always read and the loop has no data-dependent branch.
struct RangeTest: Sendable, Equatable {
    var slot: UInt32
    var low: Int64
    /// The range's width minus one, unsigned.
    var span: UInt64

    /// `subject OP k`; nil for the comparisons no value satisfies (`x < Int64.min`,
    /// `x > Int64.max`) and for the one every value does (`x >= Int64.min`), whose span
    /// would leave no room for a missing value.
    init?(slot: UInt32, _ op: ComparisonOperator, _ k: Int64) {
        let low: Int64, high: Int64
        switch op {
        case .equal: (low, high) = (k, k)
        case .notEqual: (low, high) = (k &+ 1, k &- 1)
        case .less: guard k != .min else { return nil }; (low, high) = (.min, k - 1)
        case .lessEqual: (low, high) = (.min, k)
        case .greater: guard k != .max else { return nil }; (low, high) = (k + 1, .max)
        case .greaterEqual: (low, high) = (k, .max)
        }
        guard high &- low != -1 else { return nil }
        self.slot = slot
        self.low = low
        span = UInt64(bitPattern: high &- low)
    }

    /// 1 when `x` is in the range and present, else 0.
    /// - Parameter missing: 0 when the value is present, all ones when it is missing.
    @inline(__always)
    func holds(_ x: Int64, missing: UInt64) -> UInt64 {
        UInt64(bitPattern: x &- low) | missing <= span ? 1 : 0
    }
}

/// A test of a table rule: whether the integer bits in `slot` are one of a set
/// of values in `0..<64` (enumeration cases and strings the policy interned first).
struct MemberTest: Sendable, Equatable {
    var slot: UInt32
    var mask: UInt64

    /// 1 when `x` is a member and present, else 0.
    /// - Parameter missing: 0 when the value is present, all ones when it is missing.
    @inline(__always)
    func holds(_ x: Int64, missing: UInt64) -> UInt64 {
        let bits = UInt64(bitPattern: x) | missing
        let inside: UInt64 = bits < 64 ? 1 : 0
        return inside & (mask &>> bits)
    }
}

/// A row of a rule table: which rule it is and what it adds when it fires
/// (`RuleAction`), and how its condition is decided.
protocol TableRule {
    var action: RuleAction64 { get }
    /// Whether the condition is known (not missing) and whether it holds, each 1 or 0.
    func decide(_ values: UnsafeMutablePointer<Int64>, _ present: UnsafeMutablePointer<UInt8>) -> (known: UInt64, fired: UInt64)
}

/// A test on the integer bits of one slot, as a table row runs it.
protocol SlotPredicate: Sendable {
    var slot: UInt32 { get }
    /// 1 when the test holds on `x` and `x` is present, else 0.
    /// - Parameter missing: 0 when the value is present, all ones when it is missing.
    func holds(_ x: Int64, missing: UInt64) -> UInt64
}

extension RangeTest: SlotPredicate {}
extension MemberTest: SlotPredicate {}

/// A rule whose condition is one test of one slot.
struct SingleTestRule<Test: SlotPredicate>: TableRule, Sendable {
    var test: Test
    var action: RuleAction64

    @inline(__always)
    func decide(_ values: UnsafeMutablePointer<Int64>, _ present: UnsafeMutablePointer<UInt8>) -> (known: UInt64, fired: UInt64) {
        let slot = Int(test.slot)
        let known = UInt64(present[slot])
        return (known, test.holds(values[slot], missing: known &- 1))
    }
}

/// A rule whose condition is one range test.
typealias RangeRule = SingleTestRule<RangeTest>

/// A rule whose condition is one membership test.
typealias MemberRule = SingleTestRule<MemberTest>

/// A rule whose condition is `first and second`, two range tests, with the
/// language's `and`: a present side that fails makes it known and false even
/// when the other side is missing.
struct RangePairRule: TableRule, Sendable {
    var first: RangeTest
    var second: RangeTest
    var action: RuleAction64

    @inline(__always)
    func decide(_ values: UnsafeMutablePointer<Int64>, _ present: UnsafeMutablePointer<UInt8>) -> (known: UInt64, fired: UInt64) {
        let x = Int(first.slot), y = Int(second.slot)
        let px = UInt64(present[x]), py = UInt64(present[y])
        let tx = first.holds(values[x], missing: px &- 1), ty = second.holds(values[y], missing: py &- 1)
        let falseSide = (px & (tx ^ 1)) | (py & (ty ^ 1))
        return ((px & py) | falseSide, tx & ty)
    }
}

/// A rule whose condition is `a == b` or `a != b` on two slots of integer bits
/// (not floats, whose equality is not that of their bits). The bits' exclusive
/// or is tested like a range: `[0, 0]` for equal, `[1, UInt64.max]` for
/// different, with a missing value folded in as in `RangeTest`.
struct SameRule: TableRule, Sendable {
    var a: UInt32
    var b: UInt32
    /// 0 for `==`, 1 for `!=`.
    var low: UInt64
    /// 0 for `==`, `UInt64.max - 1` for `!=`.
    var span: UInt64
    var action: RuleAction64

    init(_ a: UInt32, _ b: UInt32, negated: Bool, action: RuleAction64) {
        self.a = a
        self.b = b
        (low, span) = negated ? (1, .max - 1) : (0, 0)
        self.action = action
    }

    @inline(__always)
    func decide(_ values: UnsafeMutablePointer<Int64>, _ present: UnsafeMutablePointer<UInt8>) -> (known: UInt64, fired: UInt64) {
        let x = Int(a), y = Int(b)
        let known = UInt64(present[x]) & UInt64(present[y])
        let difference = UInt64(bitPattern: values[x] ^ values[y])
        return (known, (difference &- low) | (known &- 1) <= span ? 1 : 0)
    }
}

/// The rows of one phase's tables (score rules, or decision rules), which the
/// instruction `scoreTables` or `decisionTables` runs in one go.
struct TablePhase: Sendable {
    var ranges: Range<Int>
    var members: Range<Int>
    var pairs: Range<Int>
    var sames: Range<Int>
    var eithers: Range<Int>

    var isEmpty: Bool { ranges.isEmpty && members.isEmpty && pairs.isEmpty && sames.isEmpty && eithers.isEmpty }
}

/// A table rule's number and payload (the points of a score rule, the key of a
/// decision rule, see `Program.decisionKey`) in one word, `payload << 16 | rule`,
/// so that the loop reads both with the load it needs anyway. With two separate
/// fields the optimiser loads the payload only when the rule fires, behind a
/// branch that mispredicts on real inputs.
struct RuleAction64: Sendable {
    let word: Int64

    /// nil when the rule number or the payload does not fit (the rule then compiles to instructions).
    init?(rule: Int, payload: Int64) {
        guard rule < 1 << 16, payload >= -(1 << 47), payload < 1 << 47 else { return nil }
        word = payload << 16 | Int64(rule)
    }

    var rule: UInt64 { UInt64(word & 0xFFFF) }
    var payload: Int64 { word >> 16 }
}
