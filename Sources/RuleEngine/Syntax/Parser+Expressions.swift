/// Expressions, by precedence from loosest to tightest: `or`; `and`; `not`;
/// comparison (not chainable); `??`; `+ -`; `* / %`; unary `- +`; primary.
extension Parser {
    mutating func parseExpression() throws(ParseFailure) -> Expression {
        try nest()
        defer { nesting -= 1 }
        return try bounded(try parseOr())
    }

    /// Counts one level of recursion, refusing input nested deeper than the phases can follow.
    private mutating func nest() throws(ParseFailure) {
        nesting += 1
        if nesting > Expression.maximumDepth {
            diagnostics.nestedTooDeeply(cursor.current.span)
            throw ParseFailure()
        }
    }

    /// Refuses an expression tree taller than the phases can follow (long operator chains).
    private mutating func bounded(_ expression: Expression) throws(ParseFailure) -> Expression {
        guard expression.depth <= Expression.maximumDepth else {
            diagnostics.nestedTooDeeply(expression.span)
            throw ParseFailure()
        }
        return expression
    }

    private mutating func parseOr() throws(ParseFailure) -> Expression {
        var left = try parseAnd()
        while cursor.check(.or) {
            let op = cursor.advance().span
            left = try bounded(Expression(kind: .binary(.or, left, try parseAnd()), span: op, start: left.start))
        }
        return left
    }

    private mutating func parseAnd() throws(ParseFailure) -> Expression {
        var left = try parseNot()
        while cursor.check(.and) {
            let op = cursor.advance().span
            left = try bounded(Expression(kind: .binary(.and, left, try parseNot()), span: op, start: left.start))
        }
        return left
    }

    private mutating func parseNot() throws(ParseFailure) -> Expression {
        guard cursor.check(.not), cursor.peek(1).kind != .keyword(.in) else { return try parseComparison() }
        let op = cursor.advance().span
        try nest()
        defer { nesting -= 1 }
        return Expression(kind: .unary(.not, try parseNot()), span: op, start: op)
    }

    private mutating func comparisonOperator() -> BinaryOperator? {
        switch cursor.current.kind {
        case .symbol(.equal): .equal
        case .symbol(.notEqual): .notEqual
        case .symbol(.less): .less
        case .symbol(.lessEqual): .lessEqual
        case .symbol(.greater): .greater
        case .symbol(.greaterEqual): .greaterEqual
        case .keyword(.in): .in
        case .keyword(.not) where cursor.peek(1).kind == .keyword(.in): .notIn
        default: nil
        }
    }

    private mutating func parseComparison() throws(ParseFailure) -> Expression {
        let left = try parseCoalesce()
        guard let op = comparisonOperator() else { return left }
        let opSpan = cursor.advance().span
        if op == .notIn { _ = cursor.advance() }
        let right = try parseCoalesce()
        if let chained = comparisonOperator() {
            diagnostics.chainedComparison(chained.rawValue, cursor.current.span)
            throw ParseFailure()
        }
        return Expression(kind: .binary(op, left, right), span: opSpan, start: left.start)
    }

    private mutating func parseCoalesce() throws(ParseFailure) -> Expression {
        var left = try parseAdditive()
        while cursor.check(.coalesce) {
            let op = cursor.advance().span
            left = try bounded(Expression(kind: .binary(.coalesce, left, try parseAdditive()), span: op, start: left.start))
        }
        return left
    }

    private mutating func parseAdditive() throws(ParseFailure) -> Expression {
        var left = try parseMultiplicative()
        while true {
            let op: BinaryOperator
            if cursor.check(.plus) { op = .add } else if cursor.check(.minus) { op = .subtract } else { return left }
            let opSpan = cursor.advance().span
            left = try bounded(Expression(kind: .binary(op, left, try parseMultiplicative()), span: opSpan, start: left.start))
        }
    }

    private mutating func parseMultiplicative() throws(ParseFailure) -> Expression {
        var left = try parseUnary()
        while true {
            let op: BinaryOperator
            if cursor.check(.star) { op = .multiply } else if cursor.check(.slash) { op = .divide }
            else if cursor.check(.percent) { op = .remainder } else { return left }
            let opSpan = cursor.advance().span
            left = try bounded(Expression(kind: .binary(op, left, try parseUnary()), span: opSpan, start: left.start))
        }
    }

    private mutating func parseUnary() throws(ParseFailure) -> Expression {
        if cursor.check(.minus) || cursor.check(.plus) {
            let op: UnaryOperator = cursor.check(.minus) ? .negate : .plus
            let opSpan = cursor.advance().span
            try nest()
            defer { nesting -= 1 }
            return Expression(kind: .unary(op, try parseUnary()), span: opSpan, start: opSpan)
        }
        return try parsePrimary()
    }

    private mutating func parsePrimary() throws(ParseFailure) -> Expression {
        let token = cursor.current
        let span = token.span
        switch token.kind {
        case .int(let value): _ = cursor.advance(); return Expression(kind: .int(value), span: span, start: span)
        case .float(let value): _ = cursor.advance(); return Expression(kind: .float(value), span: span, start: span)
        case .duration(let value): _ = cursor.advance(); return Expression(kind: .duration(value), span: span, start: span)
        case .string(let value): _ = cursor.advance(); return Expression(kind: .string(value), span: span, start: span)
        case .keyword(.true): _ = cursor.advance(); return Expression(kind: .bool(true), span: span, start: span)
        case .keyword(.false): _ = cursor.advance(); return Expression(kind: .bool(false), span: span, start: span)
        case .name(let name):
            _ = cursor.advance()
            guard cursor.match(.leftParen) else { return Expression(kind: .name(name), span: span, start: span) }
            var arguments: [Expression] = []
            if !cursor.check(.rightParen) {
                repeat { arguments.append(try parseExpression()) } while cursor.match(.comma)
            }
            try expect(.rightParen, "`)` or `,` in the call of `\(name)`")
            return Expression(kind: .call(name, arguments), span: span, start: span)
        case .symbol(.leftParen):
            _ = cursor.advance()
            var inner = try parseExpression()
            try expect(.rightParen, "`)`")
            inner.start = span
            return inner
        case .symbol(.leftBracket):
            _ = cursor.advance()
            var items: [Expression] = []
            if !cursor.check(.rightBracket) {
                repeat { items.append(try parseExpression()) } while cursor.match(.comma)
            }
            try expect(.rightBracket, "`]` or `,` in the list")
            return Expression(kind: .list(items), span: span, start: span)
        case .invalid:
            throw ParseFailure()
        default:
            diagnostics.expected("an expression", found: token)
            throw ParseFailure()
        }
    }
}
