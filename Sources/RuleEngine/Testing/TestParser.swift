/// Parses a `.tests` file (RULES.md, "Tests"), reporting every syntax error:
/// after an error it resynchronises at the next `test` or `defaults`.
struct TestParser {
    private var cursor: TokenCursor
    private(set) var diagnostics: TestDiagnostics

    init(source: SourceText) {
        var lexer = Lexer(source: source)
        cursor = TokenCursor(tokens: lexer.tokenize())
        diagnostics = TestDiagnostics(source: source)
        diagnostics.append(lexer.diagnostics.list)
    }

    mutating func parse() -> TestFileSyntax {
        var file = TestFileSyntax()
        var sawDefaults = false
        while !cursor.atEnd {
            let before = cursor.index
            do throws(ParseFailure) {
                if cursor.check(.defaults) {
                    let keyword = cursor.advance()
                    if sawDefaults { diagnostics.duplicateDefaults(keyword.span) }
                    sawDefaults = true
                    file.defaults += try assignments()
                } else if cursor.check(.test) {
                    file.tests.append(try testCase())
                } else {
                    fail("`test` or `defaults`")
                    throw ParseFailure()
                }
            } catch {
                if cursor.index == before { _ = cursor.advance() }
                cursor.synchronize { $0 == .test || $0 == .defaults }
            }
        }
        return file
    }

    private mutating func fail(_ what: String) {
        if case .invalid = cursor.current.kind { return }
        diagnostics.expected(what, found: cursor.current)
    }

    private mutating func assignments() throws(ParseFailure) -> [AssignmentSyntax] {
        var list: [AssignmentSyntax] = []
        repeat { list.append(try assignment()) } while cursor.match(.comma)
        return list
    }

    private mutating func assignment() throws(ParseFailure) -> AssignmentSyntax {
        guard case .name(let name) = cursor.current.kind else { fail("an input name"); throw ParseFailure() }
        let nameSpan = cursor.advance().span
        guard cursor.match(.assign) else { fail("`=` after `\(name)`"); throw ParseFailure() }
        let start = cursor.current.span
        let negative = cursor.match(.minus)
        let token = cursor.advance()
        let span = negative ? start.through(token.span) : token.span
        let value: LiteralValue?
        switch token.kind {
        case .int(let number): value = .int(negative ? -number : number)
        case .float(let number): value = .float(negative ? -number : number)
        case .duration(let seconds): value = .duration(negative ? -seconds : seconds)
        case .string(let text) where !negative: value = .string(text)
        case .keyword(.true) where !negative: value = .bool(true)
        case .keyword(.false) where !negative: value = .bool(false)
        case .name("missing") where !negative: value = nil
        case .invalid: throw ParseFailure()
        default:
            diagnostics.expected("a literal value or `missing`", found: token)
            throw ParseFailure()
        }
        return AssignmentSyntax(name: name, nameSpan: nameSpan, value: value, valueSpan: span)
    }

    private mutating func testCase() throws(ParseFailure) -> TestCaseSyntax {
        let keyword = cursor.advance()
        guard case .string(let name) = cursor.current.kind else { fail("the test's name in quotes"); throw ParseFailure() }
        _ = cursor.advance()
        var test = TestCaseSyntax(name: name, span: keyword.span)
        guard cursor.match(.leftBrace) else { fail("`{`"); throw ParseFailure() }
        while !cursor.match(.rightBrace) {
            if cursor.atEnd || cursor.check(.test) || cursor.check(.defaults) {
                fail("`}` to close the test")
                return test
            }
            do throws(ParseFailure) {
                if cursor.match(.given) {
                    test.givens += try assignments()
                } else if cursor.check(.expect) {
                    test.expectations.append(try expectation())
                } else {
                    fail("`given`, `expect` or `}`")
                    throw ParseFailure()
                }
            } catch {
                // Resume at the next line of the test so that its other lines are still checked.
                while !cursor.atEnd, !cursor.check(.given), !cursor.check(.expect), !cursor.check(.rightBrace),
                      !cursor.check(.test), !cursor.check(.defaults) {
                    _ = cursor.advance()
                }
            }
        }
        return test
    }

    private mutating func expectation() throws(ParseFailure) -> ExpectationSyntax {
        let span = cursor.advance().span
        let token = cursor.advance()
        switch token.kind {
        case .name("pass"): return ExpectationSyntax(kind: .verdict(.pass), span: span)
        case .keyword(.stepUp): return ExpectationSyntax(kind: .verdict(.stepUp), span: span)
        case .keyword(.review): return ExpectationSyntax(kind: .verdict(.review), span: span)
        case .keyword(.block): return ExpectationSyntax(kind: .verdict(.block), span: span)
        case .name("error"): return ExpectationSyntax(kind: .error, span: span)
        case .name("decided_by"):
            let code = try code()
            return ExpectationSyntax(kind: .decidedBy(code.0), span: span, codes: [code])
        case .name("risk"):
            let op: ComparisonOperator
            switch cursor.advance().kind {
            case .symbol(.equal): op = .equal
            case .symbol(.notEqual): op = .notEqual
            case .symbol(.less): op = .less
            case .symbol(.lessEqual): op = .lessEqual
            case .symbol(.greater): op = .greater
            case .symbol(.greaterEqual): op = .greaterEqual
            default:
                diagnostics.expected("a comparison (`==` `!=` `<` `<=` `>` `>=`)", found: cursor.previous)
                throw ParseFailure()
            }
            let negative = cursor.match(.minus)
            guard case .int(let value) = cursor.current.kind else { fail("an integer"); throw ParseFailure() }
            _ = cursor.advance()
            return ExpectationSyntax(kind: .risk(op, negative ? -value : value), span: span)
        case .name("reasons"):
            if cursor.match(.equal) {
                guard cursor.match(.leftBracket) else { fail("`[`"); throw ParseFailure() }
                var codes: [(String, Span)] = []
                if !cursor.check(.rightBracket) {
                    repeat { codes.append(try code()) } while cursor.match(.comma)
                }
                guard cursor.match(.rightBracket) else { fail("`]` or `,`"); throw ParseFailure() }
                return ExpectationSyntax(kind: .exactly(codes.map(\.0)), span: span, codes: codes)
            }
            let which = cursor.advance()
            guard which.kind == .name("include") || which.kind == .name("exclude") else {
                diagnostics.expected("`include`, `exclude` or `==` after `reasons`", found: which)
                throw ParseFailure()
            }
            var codes: [(String, Span)] = []
            repeat { codes.append(try code()) } while cursor.match(.comma)
            let kind: ExpectationSyntax.Kind = which.kind == .name("include") ? .include(codes.map(\.0)) : .exclude(codes.map(\.0))
            return ExpectationSyntax(kind: kind, span: span, codes: codes)
        default:
            diagnostics.expected("`pass`, `step_up`, `review`, `block`, `decided_by`, `reasons`, `risk` or `error`", found: token)
            throw ParseFailure()
        }
    }

    private mutating func code() throws(ParseFailure) -> (String, Span) {
        guard case .code(let code) = cursor.current.kind else { fail("a reason code"); throw ParseFailure() }
        return (code, cursor.advance().span)
    }
}
