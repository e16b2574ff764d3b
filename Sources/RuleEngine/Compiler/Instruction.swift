/// One instruction of a compiled policy: `dst = a OP b` over frame slots,
/// with `imm` holding a constant operand or a set. `andKK` compares `a` with
/// `imm` and `b` with `imm2` by the comparisons `compareA` and `compareB`.
struct Instruction: Sendable {
    var op: Opcode
    var compareA: IntegerComparison = .equal
    var compareB: IntegerComparison = .equal
    var dst: UInt32
    var a: UInt32
    var b: UInt32
    var imm: Int64
    var imm2: Int64 = 0

    init(_ op: Opcode, dst: UInt32 = 0, a: UInt32 = 0, b: UInt32 = 0, imm: Int64 = 0) {
        self.op = op
        self.dst = dst
        self.a = a
        self.b = b
        self.imm = imm
    }
}

/// The comparison of an integer slot with a constant inside `andKK`.
enum IntegerComparison: UInt8, Sendable {
    case equal, notEqual, less, lessEqual, greater, greaterEqual

    init?(_ op: Opcode) {
        switch op {
        case .eqIK: self = .equal
        case .neIK: self = .notEqual
        case .ltIK: self = .less
        case .leIK: self = .lessEqual
        case .gtIK: self = .greater
        case .geIK: self = .greaterEqual
        default: return nil
        }
    }

    @inline(__always)
    func holds(_ x: Int64, _ k: Int64) -> Bool {
        switch self {
        case .equal: x == k
        case .notEqual: x != k
        case .less: x < k
        case .lessEqual: x <= k
        case .greater: x > k
        case .greaterEqual: x >= k
        }
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
    /// Rule number `dst` (score or decision) sees its condition in slot `a`.
    case rule
    /// Computes `risk` into slot `dst`: the exact sum, clamped to 0...1000.
    case finishRisk
    /// Superinstructions: a condition's last operation fused with its rule (number `dst`);
    /// operands as in the unfused operation, nothing written to a slot.
    case eqIKRule, neIKRule, ltIKRule, leIKRule, gtIKRule, geIKRule
    case eqFKRule, neFKRule, ltFKRule, leFKRule, gtFKRule, geFKRule
    case eqIRule, neIRule, inMaskRule, notInMaskRule, andRule, orRule
    /// `(a CMP imm) and (b CMP imm2)`, the shape of ranges and of two-signal rules.
    case andKK, andKKRule
    /// `dst = first or second`, the two tests of `EitherTests` number `a`: an `or` of
    /// comparisons, memberships or a computed bool, as in a let; `eitherRule` feeds rule `dst`.
    case either, eitherRule
    /// The table rules of phase `a` (`TablePhase`: rows of `RangeRule`, `MemberRule`,
    /// `RangePairRule`, `SameRule`, `EitherRule`), for score rules (adding points) or decision rules
    /// (raising the verdict).
    case scoreTables, decisionTables
    /// The end of the program.
    case halt
}

extension Opcode {
    /// Whether `b` names a slot (for the others it is a count or unused).
    var readsB: Bool {
        switch self {
        case .addI, .subI, .mulI, .divI, .remI, .addF, .subF, .mulF, .divF, .remF,
             .minI, .maxI, .minF, .maxF, .eqI, .neI, .ltI, .leI, .gtI, .geI,
             .eqF, .neF, .ltF, .leF, .gtF, .geF, .and, .or, .coalesce, .startsWith,
             .eqIRule, .neIRule, .andRule, .orRule, .andKK, .andKKRule: true
        default: false
        }
    }

    /// The superinstruction that computes this operation and applies a rule in one step.
    var fusedWithRule: Opcode? {
        switch self {
        case .eqIK: .eqIKRule
        case .neIK: .neIKRule
        case .ltIK: .ltIKRule
        case .leIK: .leIKRule
        case .gtIK: .gtIKRule
        case .geIK: .geIKRule
        case .eqFK: .eqFKRule
        case .neFK: .neFKRule
        case .ltFK: .ltFKRule
        case .leFK: .leFKRule
        case .gtFK: .gtFKRule
        case .geFK: .geFKRule
        case .eqI: .eqIRule
        case .neI: .neIRule
        case .inMask: .inMaskRule
        case .notInMask: .notInMaskRule
        case .and: .andRule
        case .or: .orRule
        case .andKK: .andKKRule
        case .either: .eitherRule
        default: nil
        }
    }
}
