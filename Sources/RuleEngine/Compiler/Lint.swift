/// Compiler pass (after constant folding): warns about rules that can never
/// fire and inputs that no rule reads (directly or through lets).
struct Lint {
    func run(_ policy: CheckedPolicy, into diagnostics: inout LintDiagnostics) {
        for rule in policy.rules {
            guard case .constant(let value) = rule.condition, value != .bool(true) else { continue }
            diagnostics.neverFires(rule.code, alwaysMissing: value == .missing, rule.conditionStart)
        }
        let read = ReadSet(policy)
        for (index, input) in policy.inputs.enumerated() where !read.inputs.contains(index) {
            diagnostics.unreadInput(input.name, input.nameSpan)
        }
    }
}

/// The inputs and lets that expressions reach, through lets. Lets are followed
/// with a worklist rather than recursion, so a long chain of lets cannot
/// exhaust the stack (a single expression is at most `Expression.maximumDepth` deep).
struct ReadSet {
    private(set) var inputs: Set<Int> = []
    private(set) var lets: Set<Int> = []

    /// Everything the rule conditions of `policy` read.
    init(_ policy: CheckedPolicy) {
        for rule in policy.rules { add(rule.condition, policy) }
    }

    /// Everything one expression reads.
    init(_ expression: TypedExpression, in policy: CheckedPolicy) {
        add(expression, policy)
    }

    /// The inputs one expression reaches, through lets, in declaration order.
    static func inputs(of expression: TypedExpression, in policy: CheckedPolicy) -> [Int] {
        ReadSet(expression, in: policy).inputs.sorted()
    }

    private mutating func add(_ expression: TypedExpression, _ policy: CheckedPolicy) {
        var pending: [Int] = []
        collect(expression, into: &pending)
        while let index = pending.popLast() {
            collect(policy.lets[index].value, into: &pending)
        }
    }

    private mutating func collect(_ expression: TypedExpression, into pending: inout [Int]) {
        switch expression {
        case .input(let index): inputs.insert(index)
        case .letValue(let index): if lets.insert(index).inserted { pending.append(index) }
        default: for child in expression.children { collect(child, into: &pending) }
        }
    }
}
