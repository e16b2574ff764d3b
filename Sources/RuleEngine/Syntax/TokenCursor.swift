/// A position in a token list, shared by the policy and tests parsers.
struct TokenCursor {
    let tokens: [Token]
    private(set) var index = 0

    init(tokens: [Token]) { self.tokens = tokens }

    var current: Token { tokens[index] }
    var previous: Token { tokens[max(0, index - 1)] }
    func peek(_ ahead: Int) -> Token { tokens[min(index + ahead, tokens.count - 1)] }
    var atEnd: Bool { current.kind == .end }

    mutating func advance() -> Token {
        let token = tokens[index]
        if index < tokens.count - 1 { index += 1 }
        return token
    }

    func check(_ symbol: Symbol) -> Bool { current.kind == .symbol(symbol) }
    func check(_ keyword: Keyword) -> Bool { current.kind == .keyword(keyword) }

    mutating func match(_ symbol: Symbol) -> Bool {
        guard check(symbol) else { return false }
        _ = advance()
        return true
    }

    mutating func match(_ keyword: Keyword) -> Bool {
        guard check(keyword) else { return false }
        _ = advance()
        return true
    }

    /// Skips to the next token that starts a policy declaration (or the end).
    mutating func synchronize() {
        synchronize { $0.startsDeclaration }
    }

    /// Skips to the next keyword accepted by `stop` (or the end).
    mutating func synchronize(at stop: (Keyword) -> Bool) {
        while !atEnd {
            if case .keyword(let keyword) = current.kind, stop(keyword) { return }
            _ = advance()
        }
    }
}
