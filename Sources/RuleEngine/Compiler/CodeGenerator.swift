/// Compiler pass: turns the folded, laid-out policy into one straight-line
/// instruction array and the tables of rules that need no instructions.
/// Score rules run first (with the lets they need), then the score table,
/// then `finishRisk`, then decision rules (and lets that read `risk`) and the
/// decision table; `halt` ends the program. Each let is computed once, just
/// before the first rule that needs it. A rule whose condition is one test
/// of a slot, the `and` of two comparisons or the `or` of two tests becomes a
/// table row (`CodeGenerator+RuleTables.swift`); an `or` of two tests elsewhere
/// (a let) is one `either` instruction; any other rule whose condition ends in a
/// comparison, a membership test, `and` or `or` on a temporary is fused with
/// it into one superinstruction.
struct CodeGenerator {
    /// Settable from this pass's extensions, which intern the constants of table rules.
    var layout: SlotLayout
    private(set) var code: [Instruction] = []
    private(set) var setPool: [Int64] = []
    /// The rule tables (`CodeGenerator+RuleTables.swift`); each phase's rows are contiguous.
    private(set) var ranges: [RangeRule] = []
    private(set) var members: [MemberRule] = []
    private(set) var pairs: [RangePairRule] = []
    private(set) var sames: [SameRule] = []
    private(set) var eithers: [EitherRule] = []
    /// The operands of `either` instructions (an `or` of two tests outside a rule table, as in a let).
    private(set) var eitherTests: [EitherTests] = []
    /// The score phase's rows, then the decision phase's.
    private(set) var phases: [TablePhase] = []
    private(set) var letSlots: [UInt32?]
    private let policy: CheckedPolicy

    init(policy: CheckedPolicy, layout: SlotLayout) {
        self.policy = policy
        self.layout = layout
        letSlots = Array(repeating: nil, count: policy.lets.count)
    }

    mutating func run() {
        emitPhase(score: true)
        code.append(Instruction(.finishRisk, dst: layout.riskSlot))
        emitPhase(score: false)
        code.append(Instruction(.halt))
    }

    /// The score rules (or the decision rules) in file order, then their tables.
    private mutating func emitPhase(score: Bool) {
        let firstRange = ranges.count, firstMember = members.count, firstPair = pairs.count, firstSame = sames.count
        let firstEither = eithers.count
        for (index, rule) in policy.rules.enumerated() {
            let payload: Int64
            switch rule.action {
            case .score(let points): guard score else { continue }; payload = points
            case .block, .review, .stepUp:
                guard !score else { continue }
                payload = Program.decisionKey(rule.action, rule: index, of: policy.rules.count)
            }
            emitLets(of: rule.condition)
            guard let action = RuleAction64(rule: index, payload: payload), let row = tableRow(for: rule.condition) else {
                emitRule(index, rule.condition)
                continue
            }
            switch row {
            case .range(let test): ranges.append(RangeRule(test: test, action: action))
            case .member(let test): members.append(MemberRule(test: test, action: action))
            case .pair(let first, let second): pairs.append(RangePairRule(first: first, second: second, action: action))
            case .same(let a, let b, let negated): sames.append(SameRule(a, b, negated: negated, action: action))
            case .either(let tests): eithers.append(EitherRule(tests: tests, action: action))
            }
        }
        let phase = TablePhase(ranges: firstRange..<ranges.count, members: firstMember..<members.count,
                               pairs: firstPair..<pairs.count, sames: firstSame..<sames.count,
                               eithers: firstEither..<eithers.count)
        if !phase.isEmpty {
            code.append(Instruction(score ? .scoreTables : .decisionTables, a: UInt32(phases.count)))
            phases.append(phase)
        }
    }

    /// Emits the lets an expression needs that are not computed yet, in declaration
    /// order (a let only reads earlier ones), so that `emit` never recurses through lets.
    private mutating func emitLets(of expression: TypedExpression) {
        for index in ReadSet(expression, in: policy).lets.sorted() where letSlots[index] == nil {
            let slot = emit(policy.lets[index].value)
            layout.pin(slot)
            letSlots[index] = slot
        }
    }

    private mutating func emitRule(_ index: Int, _ condition: TypedExpression) {
        let slot = emit(condition)
        let temporary = layout.isTemporary(slot)
        layout.release(slot)
        if temporary, var last = code.last, last.dst == slot, let fused = last.op.fusedWithRule {
            last.op = fused
            last.dst = UInt32(index)
            code[code.count - 1] = last
        } else {
            code.append(Instruction(.rule, dst: UInt32(index), a: slot))
        }
    }

    /// Emits `dst = a op b` into a temporary. The operands are released first: every
    /// instruction reads its operands before writing `dst`, so `dst` may reuse one of them.
    private mutating func append(_ op: Opcode, _ a: UInt32, _ b: UInt32 = 0, imm: Int64 = 0) -> UInt32 {
        layout.release(a)
        if op.readsB { layout.release(b) }
        let dst = layout.temporary()
        code.append(Instruction(op, dst: dst, a: a, b: b, imm: imm))
        return dst
    }

    private mutating func emit(_ expression: TypedExpression) -> UInt32 {
        switch expression {
        case .constant(let value): return layout.slot(for: value)
        case .input(let index): return UInt32(index)
        case .risk: return layout.riskSlot
        case .letValue(let index):
            guard let slot = letSlots[index] else { preconditionFailure("let \(index) used before emitLets computed it") }
            return slot
        case .widen(let a): return append(.widen, emit(a))
        case .negate(let kind, let a): return append(kind == .float ? .negF : .negI, emit(a))
        case .absolute(let kind, let a): return append(kind == .float ? .absF : .absI, emit(a))
        case .arithmetic(let op, let kind, let a, let b):
            let opcode: Opcode = switch (op, kind == .float) {
            case (.add, false): .addI
            case (.subtract, false): .subI
            case (.multiply, false): .mulI
            case (.divide, false): .divI
            case (.remainder, false): .remI
            case (.add, true): .addF
            case (.subtract, true): .subF
            case (.multiply, true): .mulF
            case (.divide, true): .divF
            case (.remainder, true): .remF
            }
            return append(opcode, emit(a), emit(b))
        case .minimum(let kind, let a, let b): return append(kind == .float ? .minF : .minI, emit(a), emit(b))
        case .maximum(let kind, let a, let b): return append(kind == .float ? .maxF : .maxI, emit(a), emit(b))
        case .compare(let op, let kind, let a, let b): return emitComparison(op, kind, a, b)
        case .and(let a, let b): return emitAnd(emit(a), emit(b))
        case .or(let a, let b): return emitOr(a, b)
        case .not(let a): return append(.not, emit(a))
        case .present(let a): return append(.present, emit(a))
        case .coalesce(let a, let b): return append(.coalesce, emit(a), emit(b))
        case .startsWith(let a, let b): return append(.startsWith, emit(a), emit(b))
        case .member(let a, let kind, let items, let negated): return emitMembership(a, kind, items, negated)
        }
    }

    /// `a or b` as one `either` instruction when at least one side is a test of a slot (the
    /// other side, computed first into a temporary, is then tested for truth); else `or`.
    private mutating func emitOr(_ a: TypedExpression, _ b: TypedExpression) -> UInt32 {
        let first = slotTest(a), second = slotTest(b)
        guard first != nil || second != nil else { return append(.or, emit(a), emit(b)) }
        let computed = first == nil ? emit(a) : second == nil ? emit(b) : nil
        let truth = computed.flatMap { RangeTest(slot: $0, .notEqual, 0) }.map(SlotTest.init)
        // The either instruction reads the computed side before writing its result, so it may reuse that slot.
        if let computed { layout.release(computed) }
        let dst = layout.temporary()
        code.append(Instruction(.either, dst: dst, a: UInt32(eitherTests.count)))
        eitherTests.append(EitherTests(first: first ?? truth!, second: second ?? truth!))
        return dst
    }

    /// `and` of two integer comparisons with constants, just emitted into temporaries,
    /// becomes one `andKK`; so does a bool in any slot (tested `!= 0`) `and` a comparison
    /// just emitted; any other `and` stays as it is.
    private mutating func emitAnd(_ left: UInt32, _ right: UInt32) -> UInt32 {
        let count = code.count
        guard count >= 1, left != right, layout.isTemporary(right), code[count - 1].dst == right,
              let second = IntegerComparison(code[count - 1].op) else {
            return append(.and, left, right)
        }
        let y = code[count - 1]
        guard count >= 2, layout.isTemporary(left), code[count - 2].dst == left, let first = IntegerComparison(code[count - 2].op) else {
            code.removeLast()
            layout.release(left)
            layout.release(right)
            var fused = Instruction(.andKK, dst: layout.temporary(), a: left, b: y.a, imm: 0)
            fused.imm2 = y.imm
            fused.compareA = .notEqual
            fused.compareB = second
            code.append(fused)
            return fused.dst
        }
        let x = code[count - 2]
        code.removeLast(2)
        layout.release(left)
        layout.release(right)
        var fused = Instruction(.andKK, dst: layout.temporary(), a: x.a, b: y.a, imm: x.imm)
        fused.imm2 = y.imm
        fused.compareA = first
        fused.compareB = second
        code.append(fused)
        return fused.dst
    }

    static func mirrored(_ op: ComparisonOperator) -> ComparisonOperator {
        switch op {
        case .less: .greater
        case .lessEqual: .greaterEqual
        case .greater: .less
        case .greaterEqual: .lessEqual
        default: op
        }
    }

    private mutating func emitComparison(_ op: ComparisonOperator, _ kind: ValueKind, _ a: TypedExpression, _ b: TypedExpression) -> UInt32 {
        var op = op
        var (subject, constant): (TypedExpression, Constant?) = (a, nil)
        if case .constant(let value) = b, value != .missing { constant = value }
        else if case .constant(let value) = a, value != .missing { (subject, constant) = (b, value); op = Self.mirrored(op) }
        let float = kind == .float
        guard let constant else {
            let opcode: Opcode = switch op {
            case .equal: float ? .eqF : .eqI
            case .notEqual: float ? .neF : .neI
            case .less: float ? .ltF : .ltI
            case .lessEqual: float ? .leF : .leI
            case .greater: float ? .gtF : .gtI
            case .greaterEqual: float ? .geF : .geI
            }
            return append(opcode, emit(a), emit(b))
        }
        let opcode: Opcode = switch op {
        case .equal: float ? .eqFK : .eqIK
        case .notEqual: float ? .neFK : .neIK
        case .less: float ? .ltFK : .ltIK
        case .lessEqual: float ? .leFK : .leIK
        case .greater: float ? .gtFK : .gtIK
        case .greaterEqual: float ? .geFK : .geIK
        }
        let bits = layout.bits(of: constant)
        return append(opcode, emit(subject), imm: bits)
    }

    private mutating func emitMembership(_ a: TypedExpression, _ kind: ValueKind, _ items: [Constant], _ negated: Bool) -> UInt32 {
        let subject = emit(a)
        let values = items.map { layout.bits(of: $0) }
        if kind != .float, values.allSatisfy({ (0..<64).contains($0) }) {
            let mask = values.reduce(UInt64(0)) { $0 | (1 << UInt64($1)) }
            return append(negated ? .notInMask : .inMask, subject, imm: Int64(bitPattern: mask))
        }
        let start = Int64(setPool.count)
        setPool.append(contentsOf: values)
        let opcode: Opcode = kind == .float ? (negated ? .notInSetF : .inSetF) : (negated ? .notInSet : .inSet)
        return append(opcode, subject, UInt32(values.count), imm: start)
    }
}
