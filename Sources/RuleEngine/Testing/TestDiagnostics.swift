/// Every diagnostic about a `.tests` file (syntax, and checks against its policy), built in one place.
struct TestDiagnostics {
    let source: SourceText
    private(set) var list: [Diagnostic] = []

    init(source: SourceText) { self.source = source }

    mutating func append(_ diagnostics: [Diagnostic]) { list += diagnostics }

    private mutating func error(_ message: String, _ span: Span) {
        list.append(source.diagnostic(.error, message, at: span))
    }

    mutating func expected(_ what: String, found token: Token) {
        error("expected \(what), found \(token.kind.described)", token.span)
    }
    mutating func duplicateDefaults(_ span: Span) {
        error("a tests file may hold only one `defaults` line", span)
    }
    mutating func unknownInput(_ name: String, _ span: Span, candidates: [String]) {
        error("unknown input `\(name)`: the policy does not declare it\(NameSuggestion.hint(for: name, among: candidates))", span)
    }
    mutating func unknownCode(_ code: String, _ span: Span, candidates: [String]) {
        error("unknown reason code `\(code)`: no rule of the policy has it\(NameSuggestion.hint(for: code, among: candidates))", span)
    }
    mutating func wrongValueType(_ name: String, _ type: InputType, got: LiteralValue, _ span: Span) {
        error("input `\(name)` is \(type.described), got \(got.described)", span)
    }
    mutating func notACase(_ name: String, _ value: String, cases: [String], _ span: Span) {
        error("\(JSONText.quoted(value)) is not a case of `\(name)` (cases: \(cases.map(JSONText.quoted).joined(separator: ", ")))", span)
    }
}

extension InputType {
    /// The type with an article, for messages: "an int", "a duration", "an enumeration "a" | "b"".
    var described: String {
        switch self {
        case .int: "an int"
        case .float: "a float"
        case .bool: "a bool"
        case .string: "a string"
        case .duration: "a duration"
        case .enumeration: "the enumeration \(self)"
        }
    }
}
