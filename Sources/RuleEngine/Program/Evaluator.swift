/// The evaluator: one loop over the instruction array, reading and writing
/// frame slots through raw pointers. No allocation, no dictionary, no string
/// comparison by content (except `starts_with`, which reads bytes).
extension Program {
    func run(_ frame: EvaluationFrame) -> EvaluationOutcome {
        let v = frame.values
        let p = frame.present
        let fired = frame.fired
        let known = frame.known
        fired.update(repeating: 0, count: firedWords)
        known.update(repeating: 0, count: firedWords)
        let pool = setPool.baseAddress!
        var rules = RuleAccumulator(fired: fired, known: known, points: rulePoints.baseAddress!, severity: ruleSeverity.baseAddress!)
        var risk: Int64 = 0
        var pc = code.baseAddress!
        let end = pc + code.count
        while pc < end {
            let i = pc.pointee
            pc += 1
            let a = Int(i.a), b = Int(i.b), d = Int(i.dst)
            switch i.op {
            case .addI: Self.integer(.add, a, b, d, v, p)
            case .subI: Self.integer(.subtract, a, b, d, v, p)
            case .mulI: Self.integer(.multiply, a, b, d, v, p)
            case .divI: Self.integer(.divide, a, b, d, v, p)
            case .remI: Self.integer(.remainder, a, b, d, v, p)
            case .addF: Self.float(.add, a, b, d, v, p)
            case .subF: Self.float(.subtract, a, b, d, v, p)
            case .mulF: Self.float(.multiply, a, b, d, v, p)
            case .divF: Self.float(.divide, a, b, d, v, p)
            case .remF: Self.float(.remainder, a, b, d, v, p)
            case .negI:
                if p[a] != 0, let r = Arithmetic.negate(v[a]) { v[d] = r; p[d] = 1 } else { p[d] = 0 }
            case .absI:
                if p[a] != 0, let r = Arithmetic.absolute(v[a]) { v[d] = r; p[d] = 1 } else { p[d] = 0 }
            case .negF: v[d] = Self.bits(-Self.double(v[a])); p[d] = p[a]
            case .absF: v[d] = Self.bits(Swift.abs(Self.double(v[a]))); p[d] = p[a]
            case .widen: v[d] = Self.bits(Double(v[a])); p[d] = p[a]
            case .minI: v[d] = Swift.min(v[a], v[b]); p[d] = p[a] & p[b]
            case .maxI: v[d] = Swift.max(v[a], v[b]); p[d] = p[a] & p[b]
            case .minF: v[d] = Self.bits(Swift.min(Self.double(v[a]), Self.double(v[b]))); p[d] = p[a] & p[b]
            case .maxF: v[d] = Self.bits(Swift.max(Self.double(v[a]), Self.double(v[b]))); p[d] = p[a] & p[b]
            case .eqI: v[d] = v[a] == v[b] ? 1 : 0; p[d] = p[a] & p[b]
            case .neI: v[d] = v[a] != v[b] ? 1 : 0; p[d] = p[a] & p[b]
            case .ltI: v[d] = v[a] < v[b] ? 1 : 0; p[d] = p[a] & p[b]
            case .leI: v[d] = v[a] <= v[b] ? 1 : 0; p[d] = p[a] & p[b]
            case .gtI: v[d] = v[a] > v[b] ? 1 : 0; p[d] = p[a] & p[b]
            case .geI: v[d] = v[a] >= v[b] ? 1 : 0; p[d] = p[a] & p[b]
            case .eqF: v[d] = Self.double(v[a]) == Self.double(v[b]) ? 1 : 0; p[d] = p[a] & p[b]
            case .neF: v[d] = Self.double(v[a]) != Self.double(v[b]) ? 1 : 0; p[d] = p[a] & p[b]
            case .ltF: v[d] = Self.double(v[a]) < Self.double(v[b]) ? 1 : 0; p[d] = p[a] & p[b]
            case .leF: v[d] = Self.double(v[a]) <= Self.double(v[b]) ? 1 : 0; p[d] = p[a] & p[b]
            case .gtF: v[d] = Self.double(v[a]) > Self.double(v[b]) ? 1 : 0; p[d] = p[a] & p[b]
            case .geF: v[d] = Self.double(v[a]) >= Self.double(v[b]) ? 1 : 0; p[d] = p[a] & p[b]
            case .eqIK: v[d] = v[a] == i.imm ? 1 : 0; p[d] = p[a]
            case .neIK: v[d] = v[a] != i.imm ? 1 : 0; p[d] = p[a]
            case .ltIK: v[d] = v[a] < i.imm ? 1 : 0; p[d] = p[a]
            case .leIK: v[d] = v[a] <= i.imm ? 1 : 0; p[d] = p[a]
            case .gtIK: v[d] = v[a] > i.imm ? 1 : 0; p[d] = p[a]
            case .geIK: v[d] = v[a] >= i.imm ? 1 : 0; p[d] = p[a]
            case .eqFK: v[d] = Self.double(v[a]) == Self.double(i.imm) ? 1 : 0; p[d] = p[a]
            case .neFK: v[d] = Self.double(v[a]) != Self.double(i.imm) ? 1 : 0; p[d] = p[a]
            case .ltFK: v[d] = Self.double(v[a]) < Self.double(i.imm) ? 1 : 0; p[d] = p[a]
            case .leFK: v[d] = Self.double(v[a]) <= Self.double(i.imm) ? 1 : 0; p[d] = p[a]
            case .gtFK: v[d] = Self.double(v[a]) > Self.double(i.imm) ? 1 : 0; p[d] = p[a]
            case .geFK: v[d] = Self.double(v[a]) >= Self.double(i.imm) ? 1 : 0; p[d] = p[a]
            case .and:
                // Kleene: a known false wins; otherwise both must be known.
                if (p[a] != 0 && v[a] == 0) || (p[b] != 0 && v[b] == 0) { v[d] = 0; p[d] = 1 }
                else { v[d] = 1; p[d] = p[a] & p[b] }
            case .or:
                if (p[a] != 0 && v[a] != 0) || (p[b] != 0 && v[b] != 0) { v[d] = 1; p[d] = 1 }
                else { v[d] = 0; p[d] = p[a] & p[b] }
            case .not: v[d] = 1 - v[a]; p[d] = p[a]
            case .present: v[d] = Int64(p[a]); p[d] = 1
            case .coalesce:
                if p[a] != 0 { v[d] = v[a]; p[d] = 1 } else { v[d] = v[b]; p[d] = p[b] }
            case .inMask, .notInMask:
                let x = v[a]
                let hit = x >= 0 && x < 64 && (UInt64(bitPattern: i.imm) >> UInt64(x)) & 1 != 0
                v[d] = hit != (i.op == .notInMask) ? 1 : 0
                p[d] = p[a]
            case .inSet, .notInSet:
                let x = v[a]
                var hit = false
                for k in 0..<b where pool[Int(i.imm) + k] == x { hit = true; break }
                v[d] = hit != (i.op == .notInSet) ? 1 : 0
                p[d] = p[a]
            case .inSetF, .notInSetF:
                let x = Self.double(v[a])
                var hit = false
                for k in 0..<b where Self.double(pool[Int(i.imm) + k]) == x { hit = true; break }
                v[d] = hit != (i.op == .notInSetF) ? 1 : 0
                p[d] = p[a]
            case .startsWith:
                p[d] = p[a] & p[b]
                v[d] = p[d] != 0 && frame.startsWith(v[a], v[b]) ? 1 : 0
            case .rule: rules.apply(d, p[a] != 0, v[a] != 0)
            case .finishRisk:
                risk = rules.sum < 0 ? 0 : (rules.sum > 1000 ? 1000 : Int64(rules.sum))
                v[d] = risk
                p[d] = 1
            case .eqIKRule: rules.apply(d, p[a] != 0, v[a] == i.imm)
            case .neIKRule: rules.apply(d, p[a] != 0, v[a] != i.imm)
            case .ltIKRule: rules.apply(d, p[a] != 0, v[a] < i.imm)
            case .leIKRule: rules.apply(d, p[a] != 0, v[a] <= i.imm)
            case .gtIKRule: rules.apply(d, p[a] != 0, v[a] > i.imm)
            case .geIKRule: rules.apply(d, p[a] != 0, v[a] >= i.imm)
            case .eqFKRule: rules.apply(d, p[a] != 0, Self.double(v[a]) == Self.double(i.imm))
            case .neFKRule: rules.apply(d, p[a] != 0, Self.double(v[a]) != Self.double(i.imm))
            case .ltFKRule: rules.apply(d, p[a] != 0, Self.double(v[a]) < Self.double(i.imm))
            case .leFKRule: rules.apply(d, p[a] != 0, Self.double(v[a]) <= Self.double(i.imm))
            case .gtFKRule: rules.apply(d, p[a] != 0, Self.double(v[a]) > Self.double(i.imm))
            case .geFKRule: rules.apply(d, p[a] != 0, Self.double(v[a]) >= Self.double(i.imm))
            case .eqIRule: rules.apply(d, p[a] & p[b] != 0, v[a] == v[b])
            case .neIRule: rules.apply(d, p[a] & p[b] != 0, v[a] != v[b])
            case .inMaskRule, .notInMaskRule:
                let x = v[a]
                let hit = x >= 0 && x < 64 && (UInt64(bitPattern: i.imm) >> UInt64(x)) & 1 != 0
                rules.apply(d, p[a] != 0, hit != (i.op == .notInMaskRule))
            case .andKK, .andKKRule:
                let pa = p[a] != 0, pb = p[b] != 0
                let falseSide = (pa && !i.compareA.holds(v[a], i.imm)) || (pb && !i.compareB.holds(v[b], i.imm2))
                let known = falseSide || (pa && pb)
                if i.op == .andKKRule {
                    rules.apply(d, known, !falseSide)
                } else {
                    v[d] = falseSide ? 0 : 1
                    p[d] = known ? 1 : 0
                }
            case .andRule:
                let falseSide = (p[a] != 0 && v[a] == 0) || (p[b] != 0 && v[b] == 0)
                rules.apply(d, falseSide || p[a] & p[b] != 0, !falseSide)
            case .orRule:
                let trueSide = (p[a] != 0 && v[a] != 0) || (p[b] != 0 && v[b] != 0)
                rules.apply(d, trueSide || p[a] & p[b] != 0, trueSide)
            }
        }
        let verdict: Verdict = switch rules.best {
        case 3: .block
        case 2: .review
        case 1: .stepUp
        default: .pass
        }
        return EvaluationOutcome(verdict: verdict, risk: Int(risk), decidingRule: rules.decidedBy >= 0 ? rules.decidedBy : nil)
    }

    @inline(__always)
    private static func double(_ bits: Int64) -> Double { Double(bitPattern: UInt64(bitPattern: bits)) }

    @inline(__always)
    private static func bits(_ value: Double) -> Int64 { Int64(bitPattern: value.bitPattern) }

    @inline(__always)
    private static func integer(_ op: ArithmeticOperator, _ a: Int, _ b: Int, _ d: Int,
                                _ v: UnsafeMutablePointer<Int64>, _ p: UnsafeMutablePointer<UInt8>) {
        if p[a] & p[b] != 0, let r = Arithmetic.integer(op, v[a], v[b]) { v[d] = r; p[d] = 1 } else { p[d] = 0 }
    }

    @inline(__always)
    private static func float(_ op: ArithmeticOperator, _ a: Int, _ b: Int, _ d: Int,
                              _ v: UnsafeMutablePointer<Int64>, _ p: UnsafeMutablePointer<UInt8>) {
        if p[a] & p[b] != 0, let r = Arithmetic.float(op, double(v[a]), double(v[b])) { v[d] = bits(r); p[d] = 1 } else { p[d] = 0 }
    }
}

/// What the rules did so far in one evaluation: the fired and known bitsets,
/// the exact risk sum (128 bits: no sum of 64-bit points can overflow it) and
/// the most severe decision with its first rule.
struct RuleAccumulator {
    let fired: UnsafeMutablePointer<UInt64>
    let known: UnsafeMutablePointer<UInt64>
    let points: UnsafePointer<Int64>
    let severity: UnsafePointer<Int64>
    var sum: Int128 = 0
    var best: Int64 = 0
    var decidedBy = -1

    init(fired: UnsafeMutablePointer<UInt64>, known: UnsafeMutablePointer<UInt64>,
         points: UnsafeMutablePointer<Int64>, severity: UnsafeMutablePointer<Int64>) {
        self.fired = fired
        self.known = known
        self.points = UnsafePointer(points)
        self.severity = UnsafePointer(severity)
    }

    /// Rule `rule` saw a condition that is `value` when `present`, missing otherwise.
    /// Branch-free, so that data-dependent outcomes do not disturb the prediction of
    /// the dispatch jump (the program is the same sequence every evaluation).
    @inline(__always)
    mutating func apply(_ rule: Int, _ present: Bool, _ value: Bool) {
        let word = rule >> 6
        let shift = UInt64(rule & 63)
        let isKnown = UInt64(present ? 1 : 0)
        let isFired = isKnown & UInt64(value ? 1 : 0)
        known[word] |= isKnown << shift
        fired[word] |= isFired << shift
        let mask = 0 &- Int64(bitPattern: isFired)
        sum += Int128(points[rule] & mask)
        let level = severity[rule] & mask
        let raises = level > best
        best = raises ? level : best
        decidedBy = raises ? rule : decidedBy
    }
}
