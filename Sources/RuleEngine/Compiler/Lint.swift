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

/// The inputs and lets that rule conditions reach, through lets.
struct ReadSet {
    private(set) var inputs: Set<Int> = []
    private(set) var lets: Set<Int> = []

    init(_ policy: CheckedPolicy) {
        for rule in policy.rules { visit(rule.condition, policy) }
    }

    /// The inputs one expression reaches, through lets, in declaration order.
    static func inputs(of expression: TypedExpression, in policy: CheckedPolicy) -> [Int] {
        var set = ReadSet()
        set.visit(expression, policy)
        return set.inputs.sorted()
    }

    private init() {}

    private mutating func visit(_ expression: TypedExpression, _ policy: CheckedPolicy) {
        switch expression {
        case .input(let index): inputs.insert(index)
        case .letValue(let index):
            if lets.insert(index).inserted { visit(policy.lets[index].value, policy) }
        default:
            for child in expression.children { visit(child, policy) }
        }
    }
}
