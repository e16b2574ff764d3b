/// Compiler pass: lays out the frame. Slots `0..<inputs` hold the inputs in
/// declaration order, then `risk`; the code generator then asks for slots for
/// the constants it cannot fold into an instruction (filled once when a frame
/// is made), for lets, and for temporaries, which are reused once consumed so
/// that frames stay small. Strings and enumeration cases are interned here,
/// enumeration cases first so that their ids are small (bitmask membership).
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
        for case .string(let value) in collected { strings.intern(value) }
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

    private var freeTemporaries: [UInt32] = []
    private var liveTemporaries: Set<UInt32> = []

    /// A slot for an intermediate value: a released one when there is one.
    mutating func temporary() -> UInt32 {
        let slot: UInt32
        if let reused = freeTemporaries.popLast() {
            slot = reused
        } else {
            slot = UInt32(slotCount)
            slotCount += 1
        }
        liveTemporaries.insert(slot)
        return slot
    }

    /// Gives a temporary back once its only reader has been emitted; other slots are left alone.
    mutating func release(_ slot: UInt32) {
        if liveTemporaries.remove(slot) != nil { freeTemporaries.append(slot) }
    }

    /// Whether `slot` is a temporary still waiting for its reader.
    func isTemporary(_ slot: UInt32) -> Bool { liveTemporaries.contains(slot) }

    /// Keeps a temporary for the whole evaluation (a let's value, read by several rules).
    mutating func pin(_ slot: UInt32) {
        liveTemporaries.remove(slot)
    }
}
