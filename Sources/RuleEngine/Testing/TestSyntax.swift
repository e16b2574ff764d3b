/// The syntax tree of a `.tests` file.
struct TestFileSyntax: Sendable {
    var defaults: [AssignmentSyntax] = []
    var tests: [TestCaseSyntax] = []
}

/// `NAME = VALUE` in `defaults` or `given`; `value` nil means `missing`.
struct AssignmentSyntax: Sendable {
    var name: String
    var nameSpan: Span
    var value: LiteralValue?
    var valueSpan: Span
}

/// A literal written in a tests file.
enum LiteralValue: Sendable {
    case int(Int64), float(Double), bool(Bool), string(String), duration(Int64)

    var described: String {
        switch self {
        case .int: "an int"
        case .float: "a float"
        case .bool: "a bool"
        case .string: "a string"
        case .duration: "a duration"
        }
    }
}

struct TestCaseSyntax: Sendable {
    var name: String
    var span: Span
    var givens: [AssignmentSyntax] = []
    var expectations: [ExpectationSyntax] = []
}

struct ExpectationSyntax: Sendable {
    enum Kind: Sendable {
        case verdict(Verdict)
        case decidedBy(String)
        case include([String])
        case exclude([String])
        case exactly([String])
        case risk(ComparisonOperator, Int64)
        case error
    }

    var kind: Kind
    /// The `expect` keyword.
    var span: Span
    /// The reason codes named, with their spans, for checking against the policy.
    var codes: [(String, Span)] = []
}
