/// One lexical token of a policy or tests file.
struct Token: Sendable {
    enum Kind: Sendable, Equatable {
        case name(String)
        case code(String)
        case int(Int64)
        case float(Double)
        case duration(Int64)
        case string(String)
        case keyword(Keyword)
        case symbol(Symbol)
        /// A token the lexer already reported (bad number, unterminated string, stray character).
        case invalid
        case end
    }

    var kind: Kind
    var span: Span
}

/// The reserved words of the language (RULES.md, "Lexical rules").
enum Keyword: String, Sendable {
    case policy, version, input, `let`, score, when, block, review
    case stepUp = "step_up"
    case test, given, expect, defaults, and, or, not, `in`, `true`, `false`
    case int, float, bool, string, duration

    /// Keywords that start a declaration: the parser resynchronises at them after an error.
    var startsDeclaration: Bool {
        switch self {
        case .policy, .input, .let, .score, .block, .review, .stepUp, .test, .defaults: true
        default: false
        }
    }
}

/// Punctuation and operators.
enum Symbol: String, Sendable {
    case colon = ":", pipe = "|", question = "?", assign = "=", comma = ","
    case leftParen = "(", rightParen = ")", leftBracket = "[", rightBracket = "]"
    case leftBrace = "{", rightBrace = "}"
    case plus = "+", minus = "-", star = "*", slash = "/", percent = "%"
    case equal = "==", notEqual = "!=", less = "<", lessEqual = "<=", greater = ">", greaterEqual = ">="
    case coalesce = "??"
}

extension Token.Kind {
    /// How the token reads in a message: "`when`", "name `x`", "end of file".
    var described: String {
        switch self {
        case .name(let name): "name `\(name)`"
        case .code(let code): "reason code `\(code)`"
        case .int(let value): "number `\(value)`"
        case .float(let value): "number `\(value)`"
        case .duration: "duration"
        case .string: "string"
        case .keyword(let keyword): "`\(keyword.rawValue)`"
        case .symbol(let symbol): "`\(symbol.rawValue)`"
        case .invalid: "invalid token"
        case .end: "end of file"
        }
    }
}
