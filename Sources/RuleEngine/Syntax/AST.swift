/// The syntax tree of a policy file, as written (names unresolved, types unchecked).
struct PolicySyntax: Sendable {
    var name: String
    var version: Int
    var declarations: [Declaration]
}

/// One top-level declaration, in file order.
enum Declaration: Sendable {
    case input(InputSyntax)
    case `let`(LetSyntax)
    case rule(RuleSyntax)
}

/// `input NAME: TYPE[?]`
struct InputSyntax: Sendable {
    var name: String
    var nameSpan: Span
    var type: TypeSyntax
    var optional: Bool
    /// False when the declaration did not parse: the name is known, its type is not.
    var valid: Bool
}

/// The type written in an input declaration.
enum TypeSyntax: Sendable {
    case int, float, bool, string, duration
    /// A union of string literals, in written order.
    case enumeration([String])
    /// The declaration did not parse.
    case invalid
}

/// `let NAME = EXPR`
struct LetSyntax: Sendable {
    var name: String
    var nameSpan: Span
    /// Nil when the expression did not parse.
    var value: Expression?
}

/// What a rule does when it fires.
enum RuleAction: Sendable, Hashable {
    case score(Int64)
    case block, review, stepUp
}

/// `score ±N CODE when EXPR`, `block|review|step_up CODE when EXPR`
struct RuleSyntax: Sendable {
    var action: RuleAction
    var code: String
    var codeSpan: Span
    var condition: Expression
}

/// An expression; `span` points at the token diagnostics name (the operator of
/// a binary or unary expression, a function's name, the literal or name itself),
/// `start` at the expression's first token.
struct Expression: Sendable {
    indirect enum Kind: Sendable {
        case int(Int64)
        case float(Double)
        case string(String)
        case bool(Bool)
        case duration(Int64)
        case name(String)
        case call(String, [Expression])
        case unary(UnaryOperator, Expression)
        case binary(BinaryOperator, Expression, Expression)
        case list([Expression])
    }

    var kind: Kind
    var span: Span
    var start: Span
    /// Height of the tree: later phases recurse over it, so the parser bounds it.
    let depth: Int

    init(kind: Kind, span: Span, start: Span) {
        self.kind = kind
        self.span = span
        self.start = start
        switch kind {
        case .unary(_, let operand): depth = operand.depth + 1
        case .binary(_, let left, let right): depth = max(left.depth, right.depth) + 1
        case .call(_, let items), .list(let items): depth = (items.map(\.depth).max() ?? 0) + 1
        default: depth = 1
        }
    }

    /// The deepest expression the parser accepts; far beyond any real policy,
    /// well within the stack of any thread that compiles one.
    static let maximumDepth = 200
}

enum UnaryOperator: String, Sendable {
    case negate = "-", plus = "+", not
}

enum BinaryOperator: String, Sendable {
    case or, and
    case equal = "==", notEqual = "!=", less = "<", lessEqual = "<=", greater = ">", greaterEqual = ">="
    case `in`, notIn = "not in"
    case coalesce = "??"
    case add = "+", subtract = "-", multiply = "*", divide = "/", remainder = "%"

    var isComparison: Bool {
        switch self {
        case .equal, .notEqual, .less, .lessEqual, .greater, .greaterEqual, .in, .notIn: true
        default: false
        }
    }
}
