/// Table rules: a rule whose condition is one comparison of a slot (input,
/// let or `risk`) with a constant, a bool slot, a membership of small integer
/// bits, the `and` of two comparisons, the equality of two slots, or the `or`
/// of two comparisons or memberships, is not compiled to instructions but to a
/// row of a table (`RangeRule`, `MemberRule`, `RangePairRule`, `SameRule`,
/// `EitherRule`). The evaluator runs each table in one branch-free loop, with
/// no dispatch per rule.
extension CodeGenerator {
    /// Where a rule went.
    enum TableRow {
        case range(RangeTest)
        case member(MemberTest)
        case pair(RangeTest, RangeTest)
        case same(UInt32, UInt32, negated: Bool)
        case either(EitherTests)
    }

    /// The rule as a table row, or nil when its condition has another shape.
    /// Lets the condition reads must already be emitted.
    mutating func tableRow(for condition: TypedExpression) -> TableRow? {
        if case .and(let a, let b) = condition, let first = range(a), let second = range(b) {
            return .pair(first, second)
        }
        if case .or(let a, let b) = condition, let tests = eitherPair(a, b) {
            return .either(tests)
        }
        if let test = member(condition) {
            return .member(test)
        }
        if case .compare(let op, let kind, let a, let b) = condition, kind != .float, op == .equal || op == .notEqual,
           let x = stableSlot(a), let y = stableSlot(b) {
            return .same(x, y, negated: op == .notEqual)
        }
        return range(condition).map { .range($0) }
    }

    /// The two sides of an `or` as tests, when each is a range or membership test of a slot.
    mutating func eitherPair(_ a: TypedExpression, _ b: TypedExpression) -> EitherTests? {
        guard let first = slotTest(a), let second = slotTest(b) else { return nil }
        return EitherTests(first: first, second: second)
    }

    /// A range test, or a membership whose values all lie in a window of 64 (of any base),
    /// of a slot no instruction overwrites later.
    mutating func slotTest(_ expression: TypedExpression) -> SlotTest? {
        if case .member(let a, let kind, let items, false) = expression, kind != .float, !items.isEmpty,
           let slot = stableSlot(a) {
            let values = items.map { layout.bits(of: $0) }
            let low = values.min()!
            let offsets = values.map { UInt64(bitPattern: $0 &- low) }
            guard offsets.allSatisfy({ $0 < 64 }) else { return nil }
            return SlotTest(slot: slot, low: low, mask: offsets.reduce(UInt64(0)) { $0 | 1 << $1 })
        }
        return range(expression).map { SlotTest($0) }
    }

    /// A membership test, when `expression` is `slot in [...]` over values in `0..<64`.
    private mutating func member(_ expression: TypedExpression) -> MemberTest? {
        guard case .member(let a, let kind, let items, false) = expression, kind != .float, let slot = stableSlot(a) else {
            return nil
        }
        let values = items.map { layout.bits(of: $0) }
        guard values.allSatisfy({ (0..<64).contains($0) }) else { return nil }
        return MemberTest(slot: slot, mask: values.reduce(UInt64(0)) { $0 | (1 << UInt64($1)) })
    }

    /// A range test, when `expression` compares a slot with a constant, or is a bool slot or its negation.
    private mutating func range(_ expression: TypedExpression) -> RangeTest? {
        switch expression {
        case .compare(let op, let kind, let a, let b) where kind != .float:
            if case .constant(let value) = b, value != .missing, let slot = stableSlot(a) {
                return RangeTest(slot: slot, op, layout.bits(of: value))
            }
            if case .constant(let value) = a, value != .missing, let slot = stableSlot(b) {
                return RangeTest(slot: slot, Self.mirrored(op), layout.bits(of: value))
            }
            return nil
        case .not(let a):
            // `not x` is `1 - x`, true when that is not 0: x != 1, exactly as the instruction computes it.
            return stableSlot(a).flatMap { RangeTest(slot: $0, .notEqual, 1) }
        default:
            // A condition is true when its value is not 0.
            return stableSlot(expression).flatMap { RangeTest(slot: $0, .notEqual, 0) }
        }
    }

    /// The slot of an input, a computed let or `risk`: slots no instruction overwrites later.
    private func stableSlot(_ expression: TypedExpression) -> UInt32? {
        switch expression {
        case .input(let index): UInt32(index)
        case .letValue(let index): letSlots[index]
        case .risk: layout.riskSlot
        default: nil
        }
    }
}
