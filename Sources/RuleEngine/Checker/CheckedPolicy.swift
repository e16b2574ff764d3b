/// A policy that parsed and type-checked: the checker's output, the compiler's input.
struct CheckedPolicy: Sendable {
    var name: String
    var version: Int
    var inputs: [CheckedInput]
    var lets: [CheckedLet]
    var rules: [CheckedRule]
}

struct CheckedInput: Sendable {
    var name: String
    var nameSpan: Span
    var type: ValueType
    var optional: Bool
}

struct CheckedLet: Sendable {
    var name: String
    var nameSpan: Span
    var type: ValueType
    /// The value of a scalar let.
    var value: TypedExpression
    /// The items of a let bound to a list literal, with their spans.
    var listItems: [(Constant, Span)]?
    /// True when the let reaches `risk`, directly or through another let.
    var readsRisk: Bool
}

struct CheckedRule: Sendable {
    var action: RuleAction
    var code: String
    var codeSpan: Span
    var condition: TypedExpression
    var conditionStart: Span
}
