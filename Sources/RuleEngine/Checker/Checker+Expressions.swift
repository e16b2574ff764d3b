/// The result of checking one expression.
struct Checked {
    var expression: TypedExpression
    var type: ValueType
    /// The items, when the expression is a list (literal or let).
    var list: [(Constant, Span)]? = nil
    /// The value and span, when the expression is a string literal (for enumeration case checks).
    var literal: (String, Span)? = nil

    static let failed = Checked(expression: .constant(.missing), type: .error)
}

extension Checker {
    mutating func checkExpression(_ expression: Expression) -> Checked {
        switch expression.kind {
        case .int(let value): return Checked(expression: .constant(.int(value)), type: .int)
        case .float(let value): return Checked(expression: .constant(.float(value)), type: .float)
        case .bool(let value): return Checked(expression: .constant(.bool(value)), type: .bool)
        case .duration(let value): return Checked(expression: .constant(.int(value)), type: .duration)
        case .string(let value):
            return Checked(expression: .constant(.string(value)), type: .string, literal: (value, expression.span))
        case .name(let name): return checkName(name, expression.span)
        case .list(let items):
            let (element, constants) = checkList(items)
            if element == .error { return .failed }
            return Checked(expression: .constant(.missing), type: .list(element), list: constants)
        case .unary(let op, let operand): return checkUnary(op, operand, expression.span)
        case .binary(let op, let left, let right): return checkBinary(op, left, right, expression.span)
        case .call(let name, let arguments): return checkCall(name, arguments, expression.span)
        }
    }

    private mutating func checkName(_ name: String, _ span: Span) -> Checked {
        if name == "risk" {
            if inScoreRule { diagnostics.riskInScoreRule(span); return .failed }
            readsRisk = true
            return Checked(expression: .risk, type: .int)
        }
        if let index = inputIndex[name] {
            let type = inputs[index].type
            return type == .error ? .failed : Checked(expression: .input(index), type: type)
        }
        if let index = letIndex[name] {
            let value = lets[index]
            if value.type == .error { return .failed }
            if value.readsRisk {
                if inScoreRule { diagnostics.riskThroughLet(name, span); return .failed }
                readsRisk = true
            }
            return Checked(expression: .letValue(index), type: value.type, list: value.listItems)
        }
        if poisoned.contains(name) { return .failed }
        if let later = allDeclared[name] {
            diagnostics.usedBeforeDeclaration(name, span, declaredAt: later)
        } else {
            diagnostics.unknownName(name, span, candidates: declaredNames)
        }
        return .failed
    }

    private var declaredNames: [String] { Array(inputIndex.keys) + Array(letIndex.keys) + ["risk"] }

    /// The items of a list literal, all of one type; nil element type for `[]`, `.error` after a reported error.
    mutating func checkList(_ items: [Expression]) -> (ValueType?, [(Constant, Span)]) {
        var element: ValueType?
        var constants: [(Constant, Span)] = []
        var failed = false
        for item in items {
            guard let (constant, type) = literalValue(item) else {
                if case .list = item.kind {} else if checkExpression(item).type == .error { failed = true; continue }
                diagnostics.listItemNotLiteral(item.start)
                failed = true
                continue
            }
            if let first = element, first != type {
                diagnostics.listItemType(type, first: first, item.start)
                failed = true
                continue
            }
            element = type
            constants.append((constant, item.start))
        }
        return (failed ? .error : element, constants)
    }

    private func literalValue(_ item: Expression) -> (Constant, ValueType)? {
        switch item.kind {
        case .int(let value): return (.int(value), .int)
        case .float(let value): return (.float(value), .float)
        case .duration(let value): return (.int(value), .duration)
        case .string(let value): return (.string(value), .string)
        case .bool(let value): return (.bool(value), .bool)
        case .unary(let op, let operand) where op != .not:
            guard let (constant, type) = literalValue(operand), type.isNumber || type == .duration else { return nil }
            guard op == .negate else { return (constant, type) }
            switch constant {
            case .int(let value): return (.int(-value), type)
            case .float(let value): return (.float(-value), type)
            default: return nil
            }
        default: return nil
        }
    }

    private mutating func checkUnary(_ op: UnaryOperator, _ operandSyntax: Expression, _ span: Span) -> Checked {
        let operand = checkExpression(operandSyntax)
        if operand.type == .error { return .failed }
        switch op {
        case .not:
            guard operand.type == .bool else { diagnostics.unaryType(op, operand.type, span); return .failed }
            return Checked(expression: .not(operand.expression), type: .bool)
        case .negate, .plus:
            guard operand.type.isNumber || operand.type == .duration else {
                diagnostics.unaryType(op, operand.type, span)
                return .failed
            }
            if op == .plus { return Checked(expression: operand.expression, type: operand.type) }
            return Checked(expression: .negate(operand.type.kind, operand.expression), type: operand.type)
        }
    }

    private mutating func checkBinary(_ op: BinaryOperator, _ leftSyntax: Expression, _ rightSyntax: Expression, _ span: Span) -> Checked {
        let left = checkExpression(leftSyntax)
        let right = checkExpression(rightSyntax)
        if left.type == .error || right.type == .error { return .failed }
        if op == .in || op == .notIn { return checkMembership(op, left, right, span) }
        if left.type.isList || right.type.isList {
            diagnostics.operatorTypes(op, left.type, right.type, span)
            return .failed
        }
        switch op {
        case .and, .or:
            guard left.type == .bool, right.type == .bool else { break }
            let expression: TypedExpression = op == .and ? .and(left.expression, right.expression) : .or(left.expression, right.expression)
            return Checked(expression: expression, type: .bool)
        case .add, .subtract, .multiply, .divide, .remainder:
            let arithmetic: ArithmeticOperator = switch op {
            case .add: .add
            case .subtract: .subtract
            case .multiply: .multiply
            case .divide: .divide
            default: .remainder
            }
            if left.type == .duration, right.type == .duration, op == .add || op == .subtract {
                return Checked(expression: .arithmetic(arithmetic, .int, left.expression, right.expression), type: .duration)
            }
            guard let (kind, a, b) = numeric(left, right) else { break }
            return Checked(expression: .arithmetic(arithmetic, kind, a, b), type: kind == .int ? .int : .float)
        case .less, .lessEqual, .greater, .greaterEqual, .equal, .notEqual:
            let comparison: ComparisonOperator = switch op {
            case .less: .less
            case .lessEqual: .lessEqual
            case .greater: .greater
            case .greaterEqual: .greaterEqual
            case .equal: .equal
            default: .notEqual
            }
            if left.type == .duration, right.type == .duration {
                return Checked(expression: .compare(comparison, .int, left.expression, right.expression), type: .bool)
            }
            if let (kind, a, b) = numeric(left, right) {
                return Checked(expression: .compare(comparison, kind, a, b), type: .bool)
            }
            guard op == .equal || op == .notEqual else { break }
            if left.type == .bool, right.type == .bool {
                return Checked(expression: .compare(comparison, .bool, left.expression, right.expression), type: .bool)
            }
            guard left.type.isText, right.type.isText else { break }
            guard casesMatch(left, right), casesMatch(right, left) else { return .failed }
            return Checked(expression: .compare(comparison, .string, left.expression, right.expression), type: .bool)
        case .coalesce:
            if left.type == right.type { return Checked(expression: .coalesce(left.expression, right.expression), type: left.type) }
            if let (kind, a, b) = numeric(left, right) {
                return Checked(expression: .coalesce(a, b), type: kind == .int ? .int : .float)
            }
            guard left.type.isText, right.type.isText else { break }
            guard casesMatch(left, right), casesMatch(right, left) else { return .failed }
            var type = ValueType.string
            if case .enumeration = left.type, right.literal != nil { type = left.type }
            if case .enumeration = right.type, left.literal != nil { type = right.type }
            return Checked(expression: .coalesce(left.expression, right.expression), type: type)
        case .in, .notIn:
            break
        }
        diagnostics.operatorTypes(op, left.type, right.type, span)
        return .failed
    }

    /// Both sides numeric: the representation and the operands with the int side widened when the other is a float.
    private func numeric(_ left: Checked, _ right: Checked) -> (ValueKind, TypedExpression, TypedExpression)? {
        guard left.type.isNumber, right.type.isNumber else { return nil }
        if left.type == .int, right.type == .int { return (.int, left.expression, right.expression) }
        return (.float, left.type == .int ? .widen(left.expression) : left.expression,
                right.type == .int ? .widen(right.expression) : right.expression)
    }

    /// When `enumeration` is an enumeration and `other` a string literal, the literal must be one of its cases.
    private mutating func casesMatch(_ enumeration: Checked, _ other: Checked) -> Bool {
        guard case .enumeration(let cases) = enumeration.type, let (literal, span) = other.literal else { return true }
        guard cases.contains(literal) else {
            diagnostics.notACase(literal, cases: cases, span)
            return false
        }
        return true
    }

    private mutating func checkMembership(_ op: BinaryOperator, _ left: Checked, _ right: Checked, _ span: Span) -> Checked {
        guard case .list(let element) = right.type, let items = right.list else {
            if left.type.isList { diagnostics.operatorTypes(op, left.type, right.type, span) }
            else { diagnostics.inNeedsList(right.type, span) }
            return .failed
        }
        let negated = op == .notIn
        guard let element, !left.type.isList else {
            if left.type.isList { diagnostics.operatorTypes(op, left.type, right.type, span); return .failed }
            return Checked(expression: .member(left.expression, left.type.kind, [], negated: negated), type: .bool)
        }
        var subject = left.expression
        var kind = left.type.kind
        var constants = items.map(\.0)
        switch (left.type, element) {
        case (.int, .int), (.float, .float), (.duration, .duration), (.bool, .bool), (.string, .string):
            break
        case (.int, .float):
            subject = .widen(subject)
            kind = .float
        case (.float, .int):
            constants = constants.map { if case .int(let value) = $0 { .float(Double(value)) } else { $0 } }
        case (.enumeration(let cases), .string):
            var valid = true
            for (constant, itemSpan) in items {
                if case .string(let value) = constant, !cases.contains(value) {
                    diagnostics.notACase(value, cases: cases, itemSpan)
                    valid = false
                }
            }
            if !valid { return .failed }
        default:
            diagnostics.operatorTypes(op, left.type, right.type, span)
            return .failed
        }
        return Checked(expression: .member(subject, kind, constants, negated: negated), type: .bool)
    }

    private mutating func checkCall(_ name: String, _ argumentSyntax: [Expression], _ span: Span) -> Checked {
        guard Self.functions.contains(name) else {
            for argument in argumentSyntax { _ = checkExpression(argument) }
            diagnostics.unknownFunction(name, span, candidates: Self.functions)
            return .failed
        }
        let arguments = argumentSyntax.map { checkExpression($0) }
        let expected = name == "present" || name == "abs" ? 1 : 2
        guard arguments.count == expected else {
            diagnostics.argumentCount(name, expected: expected, got: arguments.count, span)
            return .failed
        }
        if arguments.contains(where: { $0.type == .error }) { return .failed }
        let types = arguments.map(\.type)
        switch name {
        case "present":
            guard !types[0].isList else { break }
            return Checked(expression: .present(arguments[0].expression), type: .bool)
        case "starts_with":
            guard types[0].isText, types[1].isText else {
                diagnostics.argumentTypes(name, wants: "two strings (or enumerations)", got: types, span)
                return .failed
            }
            return Checked(expression: .startsWith(arguments[0].expression, arguments[1].expression), type: .bool)
        case "min", "max":
            let build: (ValueKind, TypedExpression, TypedExpression) -> TypedExpression = name == "min"
                ? { .minimum($0, $1, $2) } : { .maximum($0, $1, $2) }
            if types[0] == .duration, types[1] == .duration {
                return Checked(expression: build(.int, arguments[0].expression, arguments[1].expression), type: .duration)
            }
            guard let (kind, a, b) = numeric(arguments[0], arguments[1]) else {
                diagnostics.argumentTypes(name, wants: "two numbers or two durations", got: types, span)
                return .failed
            }
            return Checked(expression: build(kind, a, b), type: kind == .int ? .int : .float)
        default:
            guard types[0].isNumber || types[0] == .duration else {
                diagnostics.argumentTypes(name, wants: "a number or a duration", got: types, span)
                return .failed
            }
            return Checked(expression: .absolute(types[0].kind, arguments[0].expression), type: types[0])
        }
        diagnostics.argumentTypes(name, wants: "a value (not a list)", got: types, span)
        return .failed
    }
}
