/// Compiler pass: lays out the frame. Slots `0..<inputs` hold the inputs in
/// declaration order, then `risk`, then every constant operand (filled once
/// when a frame is made); the code generator appends lets and temporaries.
/// Strings and enumeration cases are interned here.
struct SlotLayout {
    private(set) var strings = StringTable()
    let inputCount: Int
    let riskSlot: UInt32
    private(set) var constants: [(slot: UInt32, value: Int64, present: Bool)] = []
    private var constantSlots: [Constant: UInt32] = [:]
    private(set) var slotCount: Int

    init(_ policy: CheckedPolicy) {
        for input in policy.inputs {
            if case .enumeration(let cases) = input.type { for value in cases { strings.intern(value) } }
        }
        inputCount = policy.inputs.count
        riskSlot = UInt32(inputCount)
        slotCount = inputCount + 1
        var collected: [Constant] = []
        for value in policy.lets { Self.collect(value.value, into: &collected) }
        for rule in policy.rules { Self.collect(rule.condition, into: &collected) }
        for constant in collected { _ = slot(for: constant) }
    }

    private static func collect(_ expression: TypedExpression, into constants: inout [Constant]) {
        if case .constant(let value) = expression { constants.append(value) }
        if case .member(_, _, let items, _) = expression { for item in items { if case .string = item { constants.append(item) } } }
        for child in expression.children { collect(child, into: &constants) }
    }

    /// The 64-bit representation of a constant (interning strings).
    mutating func bits(of constant: Constant) -> Int64 {
        switch constant {
        case .int(let value): value
        case .float(let value): Int64(bitPattern: value.bitPattern)
        case .bool(let value): value ? 1 : 0
        case .string(let value): strings.intern(value)
        case .missing: 0
        }
    }

    /// The slot that holds a constant, allocated on first use.
    mutating func slot(for constant: Constant) -> UInt32 {
        if let slot = constantSlots[constant] { return slot }
        let slot = UInt32(slotCount)
        slotCount += 1
        constants.append((slot, bits(of: constant), constant != .missing))
        constantSlots[constant] = slot
        return slot
    }

    /// A fresh slot for a let or an intermediate value.
    mutating func temporary() -> UInt32 {
        slotCount += 1
        return UInt32(slotCount - 1)
    }
}
