/// Every diagnostic the lexer and parser report, built in one place.
struct SyntaxDiagnostics {
    let source: SourceText
    private(set) var list: [Diagnostic] = []

    init(source: SourceText) { self.source = source }

    private mutating func error(_ message: String, _ span: Span) {
        list.append(source.diagnostic(.error, message, at: span))
    }

    mutating func unterminatedString(_ span: Span) {
        error("unterminated string: a string must end with `\"` on the same line", span)
    }
    mutating func invalidEscape(_ escape: String, _ span: Span) {
        error("invalid escape `\\\(escape)` in string (use \\\" \\\\ \\n \\t or \\u{HEX})", span)
    }
    mutating func numberTooLarge(_ text: String, _ span: Span) {
        error("number `\(text)` is too large for int (64-bit, at most 9223372036854775807)", span)
    }
    mutating func durationTooLarge(_ text: String, _ span: Span) {
        error("duration `\(text)` is too large: its seconds do not fit in 64 bits", span)
    }
    mutating func malformedNumber(_ text: String, _ span: Span) {
        error("malformed number `\(text)` (numbers are `42`, `2.5`, or durations like `90s`, `15m`, `36h`, `7d`)", span)
    }
    mutating func unexpectedCharacter(_ character: Unicode.Scalar, _ span: Span) {
        let shown = character.properties.isWhitespace || character.value < 0x20 ? "U+\(String(character.value, radix: 16, uppercase: true))" : "\(character)"
        error("unexpected character `\(shown)`", span)
    }
    mutating func invalidName(_ text: String, _ span: Span) {
        error("invalid name `\(text)`: names are lower-case segments `[a-z_][a-z0-9_]*` joined by `.`; reason codes are `[A-Z][A-Z0-9_]*`", span)
    }
    mutating func missingHeader(_ span: Span) {
        error("missing header: a policy must start with `policy NAME version N`", span)
    }
    mutating func badVersion(_ span: Span) {
        error("the policy version must be a positive integer", span)
    }
    mutating func expected(_ what: String, found token: Token) {
        error("expected \(what), found \(token.kind.described)", token.span)
    }
    mutating func nestedTooDeeply(_ span: Span) {
        error("expression nested too deeply (more than \(Expression.maximumDepth) levels); split it into lets", span)
    }
    mutating func chainedComparison(_ op: String, _ span: Span) {
        error("comparisons cannot be chained: `\(op)` follows another comparison (use `and`)", span)
    }
}
