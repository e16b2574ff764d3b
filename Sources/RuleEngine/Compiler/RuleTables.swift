/// A test of a table rule on the integer bits in `slot`: whether they lie in
/// a range that may wrap around.
///
/// Every integer comparison with a constant is such a range: `x < k` is
/// `[Int64.min, k - 1]`, and `x != k` is the wrapping range `[k + 1, k - 1]`.
/// One branch-free comparison decides them all:
/// `UInt64(x - low) <= span` (wrapping subtraction).
struct RangeTest: Sendable, Equatable {
    var slot: UInt32
    var low: Int64
    /// The range's width minus one, unsigned.
    var span: UInt64

    /// `subject OP k`; nil for the comparisons no value satisfies (`x < Int64.min`, `x > Int64.max`).
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
        self.slot = slot
        self.low = low
        span = UInt64(bitPattern: high &- low)
    }

    /// 1 when `x` is in the range, else 0 (the caller checks presence).
    @inline(__always)
    func holds(_ x: Int64) -> UInt64 {
        UInt64(bitPattern: x &- low) <= span ? 1 : 0
    }
}

/// A test of a table rule: whether the integer bits in `slot` are one of a set
/// of values in `0..<64` (enumeration cases and strings the policy interned first).
struct MemberTest: Sendable, Equatable {
    var slot: UInt32
    var mask: UInt64

    /// 1 when `x` is a member, else 0.
    @inline(__always)
    func holds(_ x: Int64) -> UInt64 {
        let inside: UInt64 = UInt64(bitPattern: x) < 64 ? 1 : 0
        return inside & (mask &>> UInt64(bitPattern: x))
    }
}

/// A row of a rule table: which rule it is, what it adds when it fires
/// (`payload`: the points of a score rule, the key of a decision rule, see
/// `Program.decisionKey`), and how its condition is decided.
protocol TableRule {
    var rule: UInt64 { get }
    var payload: Int64 { get }
    /// Whether the condition is known (not missing) and whether it holds, each 1 or 0.
    func decide(_ values: UnsafeMutablePointer<Int64>, _ present: UnsafeMutablePointer<UInt8>) -> (known: UInt64, fired: UInt64)
}

/// A rule whose condition is one range test.
struct RangeRule: TableRule, Sendable {
    var test: RangeTest
    var rule: UInt64
    var payload: Int64

    @inline(__always)
    func decide(_ values: UnsafeMutablePointer<Int64>, _ present: UnsafeMutablePointer<UInt8>) -> (known: UInt64, fired: UInt64) {
        let slot = Int(test.slot)
        let known = UInt64(present[slot])
        return (known, known & test.holds(values[slot]))
    }
}

/// A rule whose condition is one membership test.
struct MemberRule: TableRule, Sendable {
    var test: MemberTest
    var rule: UInt64
    var payload: Int64

    @inline(__always)
    func decide(_ values: UnsafeMutablePointer<Int64>, _ present: UnsafeMutablePointer<UInt8>) -> (known: UInt64, fired: UInt64) {
        let slot = Int(test.slot)
        let known = UInt64(present[slot])
        return (known, known & test.holds(values[slot]))
    }
}

/// A rule whose condition is `first and second`, two range tests, with the
/// language's `and`: a present side that fails makes it known and false even
/// when the other side is missing.
struct RangePairRule: TableRule, Sendable {
    var first: RangeTest
    var second: RangeTest
    var rule: UInt64
    var payload: Int64

    @inline(__always)
    func decide(_ values: UnsafeMutablePointer<Int64>, _ present: UnsafeMutablePointer<UInt8>) -> (known: UInt64, fired: UInt64) {
        let x = Int(first.slot), y = Int(second.slot)
        let px = UInt64(present[x]), py = UInt64(present[y])
        let tx = first.holds(values[x]), ty = second.holds(values[y])
        let both = px & py
        let falseSide = (px & (tx ^ 1)) | (py & (ty ^ 1))
        return (both | falseSide, both & tx & ty)
    }
}
