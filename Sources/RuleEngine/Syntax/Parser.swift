/// Thrown inside the parser to abandon the current declaration after its error was reported.
struct ParseFailure: Error {}

/// Parses a policy file into a `PolicySyntax`, reporting every syntax error:
/// after an error it resynchronises at the next declaration keyword.
struct Parser {
    var cursor: TokenCursor
    var diagnostics: SyntaxDiagnostics
    /// Current recursion depth of expression parsing.
    var nesting = 0

    init(source: SourceText) {
        var lexer = Lexer(source: source)
        cursor = TokenCursor(tokens: lexer.tokenize())
        diagnostics = lexer.diagnostics
    }

    /// The whole file. Declarations that failed to parse are left out (inputs and
    /// lets keep their name, marked invalid, so that uses of them do not cascade).
    mutating func parsePolicy() -> PolicySyntax {
        var policy = PolicySyntax(name: "", version: 0, declarations: [])
        parseHeader(into: &policy)
        while !cursor.atEnd {
            let before = cursor.index
            do throws(ParseFailure) {
                if let declaration = try parseDeclaration() { policy.declarations.append(declaration) }
                if !cursor.atEnd, !startsDeclaration(cursor.current) {
                    if case .invalid = cursor.current.kind { throw ParseFailure() }
                    diagnostics.expected("a declaration (`input`, `let`, `score`, `block`, `review` or `step_up`)", found: cursor.current)
                    throw ParseFailure()
                }
            } catch {
                if cursor.index == before { _ = cursor.advance() }
                cursor.synchronize()
            }
        }
        return policy
    }

    private func startsDeclaration(_ token: Token) -> Bool {
        if case .keyword(let keyword) = token.kind { return keyword.startsDeclaration }
        return false
    }

    private mutating func parseHeader(into policy: inout PolicySyntax) {
        guard cursor.check(.policy) else {
            diagnostics.missingHeader(cursor.current.span)
            return
        }
        _ = cursor.advance()
        guard case .name(let name) = cursor.current.kind else {
            diagnostics.expected("the policy name", found: cursor.current)
            cursor.synchronize()
            return
        }
        _ = cursor.advance()
        policy.name = name
        guard cursor.match(.version) else {
            diagnostics.expected("`version`", found: cursor.current)
            cursor.synchronize()
            return
        }
        guard case .int(let version) = cursor.current.kind, version > 0, version <= Int64(Int32.max) else {
            diagnostics.badVersion(cursor.current.span)
            _ = cursor.advance()
            cursor.synchronize()
            return
        }
        _ = cursor.advance()
        policy.version = Int(version)
    }

    private mutating func parseDeclaration() throws(ParseFailure) -> Declaration? {
        let token = cursor.current
        switch token.kind {
        case .keyword(.input): return .input(try parseInput())
        case .keyword(.let): return try parseLet()
        case .keyword(.score), .keyword(.block), .keyword(.review), .keyword(.stepUp): return .rule(try parseRule())
        case .keyword(.policy):
            diagnostics.expected("a declaration (the `policy` header comes once, first)", found: token)
            throw ParseFailure()
        case .invalid:
            throw ParseFailure()
        default:
            diagnostics.expected("a declaration (`input`, `let`, `score`, `block`, `review` or `step_up`)", found: token)
            throw ParseFailure()
        }
    }

    private mutating func parseInput() throws(ParseFailure) -> InputSyntax {
        _ = cursor.advance()
        let (name, nameSpan) = try expectName("the input's name")
        var input = InputSyntax(name: name, nameSpan: nameSpan, type: .invalid, optional: false, valid: false)
        do throws(ParseFailure) {
            try expect(.colon, "`:` after the input's name")
            input.type = try parseType()
            input.optional = cursor.match(.question)
            input.valid = true
        } catch {
            cursor.synchronize()
        }
        return input
    }

    private mutating func parseType() throws(ParseFailure) -> TypeSyntax {
        let token = cursor.advance()
        switch token.kind {
        case .keyword(.int): return .int
        case .keyword(.float): return .float
        case .keyword(.bool): return .bool
        case .keyword(.string): return .string
        case .keyword(.duration): return .duration
        case .string(let first):
            var cases = [first]
            while cursor.match(.pipe) {
                guard case .string(let next) = cursor.current.kind else {
                    diagnostics.expected("a string literal (an enumeration case)", found: cursor.current)
                    throw ParseFailure()
                }
                _ = cursor.advance()
                cases.append(next)
            }
            return .enumeration(cases)
        default:
            diagnostics.expected("a type (`int`, `float`, `bool`, `string`, `duration` or \"a\" | \"b\")", found: token)
            throw ParseFailure()
        }
    }

    private mutating func parseLet() throws(ParseFailure) -> Declaration {
        _ = cursor.advance()
        let (name, nameSpan) = try expectName("the let's name")
        do throws(ParseFailure) {
            try expect(.assign, "`=` after the let's name")
            let value = try parseExpression()
            return .let(LetSyntax(name: name, nameSpan: nameSpan, value: value))
        } catch {
            cursor.synchronize()
            return .let(LetSyntax(name: name, nameSpan: nameSpan, value: nil))
        }
    }

    private mutating func parseRule() throws(ParseFailure) -> RuleSyntax {
        let keyword = cursor.advance()
        var action: RuleAction
        switch keyword.kind {
        case .keyword(.block): action = .block
        case .keyword(.review): action = .review
        case .keyword(.stepUp): action = .stepUp
        default: action = .score(try parsePoints())
        }
        guard case .code(let code) = cursor.current.kind else {
            diagnostics.expected("a reason code (like `LOW_TRUST`)", found: cursor.current)
            throw ParseFailure()
        }
        let codeSpan = cursor.advance().span
        guard cursor.match(.when) else {
            diagnostics.expected("`when` after the reason code", found: cursor.current)
            throw ParseFailure()
        }
        return RuleSyntax(action: action, code: code, codeSpan: codeSpan, condition: try parseExpression())
    }

    private mutating func parsePoints() throws(ParseFailure) -> Int64 {
        let negative = cursor.check(.minus)
        if negative || cursor.check(.plus) { _ = cursor.advance() }
        guard case .int(let points) = cursor.current.kind else {
            if case .invalid = cursor.current.kind { throw ParseFailure() }
            diagnostics.expected("the score's points (an integer like `+400` or `-200`)", found: cursor.current)
            throw ParseFailure()
        }
        _ = cursor.advance()
        return negative ? -points : points
    }

    mutating func expectName(_ what: String) throws(ParseFailure) -> (String, Span) {
        guard case .name(let name) = cursor.current.kind else {
            if case .invalid = cursor.current.kind { throw ParseFailure() }
            diagnostics.expected(what, found: cursor.current)
            throw ParseFailure()
        }
        return (name, cursor.advance().span)
    }

    mutating func expect(_ symbol: Symbol, _ what: String) throws(ParseFailure) {
        guard cursor.match(symbol) else {
            if case .invalid = cursor.current.kind { throw ParseFailure() }
            diagnostics.expected(what, found: cursor.current)
            throw ParseFailure()
        }
    }
}
