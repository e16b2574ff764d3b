/// A range test or a membership test in one branch-free form, for the sides
/// of an `or` (`EitherTests`), whose two sides may be of either kind.
///
/// The value's offset from `low` must be at most `span` (a missing value is
/// folded in as in `RangeTest`) and select a set bit of `mask`: a range has
/// every bit set; a membership has `span` 63, `low` its smallest value and a
/// bit per value (so any set whose values lie within 64 of each other).
struct SlotTest: Sendable, Equatable {
    var slot: UInt32
    var low: Int64
    var span: UInt64
    var mask: UInt64

    init(_ range: RangeTest) {
        slot = range.slot
        low = range.low
        span = range.span
        mask = .max
    }

    /// Membership in a set of values from `low` to `low + 63`: bit `x - low` of `mask`.
    init(slot: UInt32, low: Int64, mask: UInt64) {
        self.slot = slot
        self.low = low
        span = 63
        self.mask = mask
    }

    /// 1 when the test holds on `x` and `x` is present, else 0.
    /// - Parameter missing: 0 when the value is present, all ones when it is missing.
    @inline(__always)
    func holds(_ x: Int64, missing: UInt64) -> UInt64 {
        let offset = UInt64(bitPattern: x &- low)
        let inside: UInt64 = offset | missing <= span ? 1 : 0
        return inside & (mask &>> offset)
    }
}

/// `first or second` with the language's `or`: a present side that holds makes
/// it known and true even when the other side is missing; otherwise it is known
/// only when both sides are.
struct EitherTests: Sendable, Equatable {
    var first: SlotTest
    var second: SlotTest

    /// Whether the `or` is known and whether it holds, each 1 or 0.
    @inline(__always)
    func decide(_ values: UnsafeMutablePointer<Int64>, _ present: UnsafeMutablePointer<UInt8>) -> (known: UInt64, fired: UInt64) {
        let x = Int(first.slot), y = Int(second.slot)
        let px = UInt64(present[x]), py = UInt64(present[y])
        let fired = first.holds(values[x], missing: px &- 1) | second.holds(values[y], missing: py &- 1)
        return ((px & py) | fired, fired)
    }
}

/// A rule whose condition is the `or` of two tests, each a range or a membership.
struct EitherRule: TableRule, Sendable {
    var tests: EitherTests
    var action: RuleAction64

    @inline(__always)
    func decide(_ values: UnsafeMutablePointer<Int64>, _ present: UnsafeMutablePointer<UInt8>) -> (known: UInt64, fired: UInt64) {
        tests.decide(values, present)
    }
}
