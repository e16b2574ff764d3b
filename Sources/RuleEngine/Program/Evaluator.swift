/// The evaluator: one loop over the instruction array, reading and writing
/// frame slots through raw pointers, and one branch-free loop per rule table.
/// The rule state (fired and known bits, risk sum, best decision) lives in
/// locals and reaches the frame once, at the end. No allocation, no
/// dictionary, no string comparison by content (except `starts_with`, which
/// reads bytes).
extension Program {
    /// Evaluates `frame`, leaving the fired bits in it, and the known bits too when
    /// `recordingKnown` (always for policies that are not `compact`).
    func run(_ frame: EvaluationFrame, recordingKnown: Bool = false) -> EvaluationOutcome {
        compact && !recordingKnown ? execute(frame, CompactAccounting())
            : execute(frame, WideAccounting(frame: frame, words: firedWords))
    }

    private func execute<Rules: RuleAccounting>(_ frame: EvaluationFrame, _ start: Rules) -> EvaluationOutcome {
        let v = frame.values
        let p = frame.present
        let pool = setPool.baseAddress!
        var state = RuleState(rules: start, points: rulePoints.baseAddress!, keys: ruleKeys.baseAddress!)
        var risk: Int64 = 0
        var pc = code.baseAddress!
        loop: while true {
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
            case .rule: state.decide(d, p[a] != 0, v[a] != 0)
            case .finishRisk:
                risk = state.rules.clampedRisk
                v[d] = risk
                p[d] = 1
            case .eqIKRule: state.decide(d, p[a] != 0, v[a] == i.imm)
            case .neIKRule: state.decide(d, p[a] != 0, v[a] != i.imm)
            case .ltIKRule: state.decide(d, p[a] != 0, v[a] < i.imm)
            case .leIKRule: state.decide(d, p[a] != 0, v[a] <= i.imm)
            case .gtIKRule: state.decide(d, p[a] != 0, v[a] > i.imm)
            case .geIKRule: state.decide(d, p[a] != 0, v[a] >= i.imm)
            case .eqFKRule: state.decide(d, p[a] != 0, Self.double(v[a]) == Self.double(i.imm))
            case .neFKRule: state.decide(d, p[a] != 0, Self.double(v[a]) != Self.double(i.imm))
            case .ltFKRule: state.decide(d, p[a] != 0, Self.double(v[a]) < Self.double(i.imm))
            case .leFKRule: state.decide(d, p[a] != 0, Self.double(v[a]) <= Self.double(i.imm))
            case .gtFKRule: state.decide(d, p[a] != 0, Self.double(v[a]) > Self.double(i.imm))
            case .geFKRule: state.decide(d, p[a] != 0, Self.double(v[a]) >= Self.double(i.imm))
            case .eqIRule: state.decide(d, p[a] & p[b] != 0, v[a] == v[b])
            case .neIRule: state.decide(d, p[a] & p[b] != 0, v[a] != v[b])
            case .inMaskRule, .notInMaskRule:
                let x = v[a]
                let hit = x >= 0 && x < 64 && (UInt64(bitPattern: i.imm) >> UInt64(x)) & 1 != 0
                state.decide(d, p[a] != 0, hit != (i.op == .notInMaskRule))
            case .andKK, .andKKRule:
                let pa = p[a] != 0, pb = p[b] != 0
                let falseSide = (pa && !i.compareA.holds(v[a], i.imm)) || (pb && !i.compareB.holds(v[b], i.imm2))
                let known = falseSide || (pa && pb)
                if i.op == .andKKRule {
                    state.decide(d, known, !falseSide)
                } else {
                    v[d] = falseSide ? 0 : 1
                    p[d] = known ? 1 : 0
                }
            case .andRule:
                let falseSide = (p[a] != 0 && v[a] == 0) || (p[b] != 0 && v[b] == 0)
                state.decide(d, falseSide || p[a] & p[b] != 0, !falseSide)
            case .orRule:
                let trueSide = (p[a] != 0 && v[a] != 0) || (p[b] != 0 && v[b] != 0)
                state.decide(d, trueSide || p[a] & p[b] != 0, trueSide)
            case .either:
                let (known, fired) = eitherTests[a].decide(v, p)
                v[d] = Int64(bitPattern: fired)
                p[d] = UInt8(truncatingIfNeeded: known)
            case .eitherRule:
                let (known, fired) = eitherTests[a].decide(v, p)
                state.decide(d, known != 0, fired != 0)
            case .scoreTables:
                let phase = phases[a]
                state.score(ranges, phase.ranges, v, p)
                state.score(members, phase.members, v, p)
                state.score(pairs, phase.pairs, v, p)
                state.score(sames, phase.sames, v, p)
                state.score(eithers, phase.eithers, v, p)
            case .decisionTables:
                let phase = phases[a]
                state.decide(ranges, phase.ranges, v, p)
                state.decide(members, phase.members, v, p)
                state.decide(pairs, phase.pairs, v, p)
                state.decide(sames, phase.sames, v, p)
                state.decide(eithers, phase.eithers, v, p)
            case .halt:
                break loop
            }
        }
        state.rules.store(into: frame)
        let best = state.best
        return EvaluationOutcome(verdict: Self.verdict(ofKey: best), risk: Int(risk),
                                 decidingRule: best == 0 ? nil : rules.count - 1 - Int(best & 0xFFFF_FFFF))
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
