/// One instruction of a compiled policy: `dst = a OP b` over frame slots,
/// with `imm` holding a constant operand, a set, a rule's points or severity.
struct Instruction: Sendable {
    var op: Opcode
    var dst: UInt32
    var a: UInt32
    var b: UInt32
    var imm: Int64

    init(_ op: Opcode, dst: UInt32 = 0, a: UInt32 = 0, b: UInt32 = 0, imm: Int64 = 0) {
        self.op = op
        self.dst = dst
        self.a = a
        self.b = b
        self.imm = imm
    }
}

/// The operations of the evaluator. `I` works on 64-bit integers (ints,
/// durations, bools, interned strings), `F` on doubles; `K` variants compare
/// a slot with the constant in `imm` (superinstructions for the common shape).
enum Opcode: UInt8, Sendable {
    case addI, subI, mulI, divI, remI
    case addF, subF, mulF, divF, remF
    case negI, negF, absI, absF, widen
    case minI, maxI, minF, maxF
    case eqI, neI, ltI, leI, gtI, geI
    case eqF, neF, ltF, leF, gtF, geF
    case eqIK, neIK, ltIK, leIK, gtIK, geIK
    case eqFK, neFK, ltFK, leFK, gtFK, geFK
    case and, or, not, present, coalesce
    /// `a in set` where every member is in 0..<64: `imm` is the bitmask.
    case inMask, notInMask
    /// `a in set` over `b` values of the set pool from index `imm`.
    case inSet, notInSet, inSetF, notInSetF
    case startsWith
    /// Score rule: when slot `a` is true, rule `b` fired and `imm` points are added.
    case score
    /// Computes `risk` into slot `dst`: the exact sum, clamped to 0...1000.
    case finishRisk
    /// Decision rule: when slot `a` is true, rule `b` fired with severity `imm`.
    case decide
}
