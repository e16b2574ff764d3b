/// Every diagnostic of the type checker, built in one place.
struct CheckerDiagnostics {
    let source: SourceText
    private(set) var list: [Diagnostic] = []

    init(source: SourceText) { self.source = source }

    private mutating func error(_ message: String, _ span: Span) {
        list.append(source.diagnostic(.error, message, at: span))
    }

    private func line(_ span: Span) -> Int { source.position(of: span.start).line }

    mutating func unknownName(_ name: String, _ span: Span, candidates: [String]) {
        error("unknown name `\(name)`\(NameSuggestion.hint(for: name, among: candidates))", span)
    }
    mutating func usedBeforeDeclaration(_ name: String, _ span: Span, declaredAt: Span) {
        error("`\(name)` is used before its declaration on line \(line(declaredAt)); declare it first", span)
    }
    mutating func unknownFunction(_ name: String, _ span: Span, candidates: [String]) {
        error("unknown function `\(name)`\(NameSuggestion.hint(for: name, among: candidates)) (functions: \(candidates.sorted().joined(separator: ", ")))", span)
    }
    mutating func argumentCount(_ function: String, expected: Int, got: Int, _ span: Span) {
        error("`\(function)` takes \(expected) argument\(expected == 1 ? "" : "s"), got \(got)", span)
    }
    mutating func argumentTypes(_ function: String, wants: String, got: [ValueType], _ span: Span) {
        error("`\(function)` takes \(wants), got \(got.map(\.described).joined(separator: " and "))", span)
    }
    mutating func operatorTypes(_ op: BinaryOperator, _ left: ValueType, _ right: ValueType, _ span: Span) {
        let hint: String = switch op {
        case .add, .subtract: " (`\(op.rawValue)` works on numbers, or on two durations)"
        case .multiply, .divide, .remainder: " (`\(op.rawValue)` works on numbers)"
        case .less, .lessEqual, .greater, .greaterEqual: " (`\(op.rawValue)` compares two numbers or two durations)"
        case .equal, .notEqual: " (both sides must have the same type; ints and floats mix)"
        case .and, .or: " (`\(op.rawValue)` works on bools)"
        case .coalesce: " (both sides must have the same type)"
        case .in, .notIn: " (the items must have the type of the left side)"
        }
        error("`\(op.rawValue)` cannot take \(left.described) and \(right.described)\(hint)", span)
    }
    mutating func unaryType(_ op: UnaryOperator, _ operand: ValueType, _ span: Span) {
        let wants = op == .not ? "a bool" : "a number or duration"
        error("`\(op.rawValue)` takes \(wants), got \(operand.described)", span)
    }
    mutating func notACase(_ literal: String, cases: [String], _ span: Span) {
        error("\"\(literal)\" is not a case of the enumeration (cases: \(cases.map { "\"\($0)\"" }.joined(separator: ", ")))\(NameSuggestion.closest(to: literal, among: cases).map { "; did you mean \"\($0)\"?" } ?? "")", span)
    }
    mutating func listItemType(_ item: ValueType, first: ValueType, _ span: Span) {
        error("list items must all have one type: this item is \(item.described), the first is \(first.described)", span)
    }
    mutating func listItemNotLiteral(_ span: Span) {
        error("a list item must be a literal (a number, string, bool or duration)", span)
    }
    mutating func inNeedsList(_ right: ValueType, _ span: Span) {
        error("`in` needs a list literal or a let bound to one on its right, got \(right.described)", span)
    }
    mutating func nonBoolCondition(_ code: String, _ type: ValueType, _ span: Span) {
        error("the condition of `\(code)` must be bool, got \(type.described)", span)
    }
    mutating func duplicateInput(_ name: String, first: Span, _ span: Span) {
        error("input `\(name)` is already declared on line \(line(first))", span)
    }
    mutating func duplicateName(_ name: String, first: Span, _ span: Span) {
        error("`\(name)` is already declared on line \(line(first)); a let needs a name of its own", span)
    }
    mutating func duplicateCode(_ code: String, first: Span, _ span: Span) {
        error("reason code `\(code)` is already used on line \(line(first)); every reason code must be unique", span)
    }
    mutating func duplicateCase(_ name: String, _ value: String, _ span: Span) {
        error("the enumeration of `\(name)` lists \"\(value)\" more than once", span)
    }
    mutating func riskDeclared(_ span: Span) {
        error("`risk` is built in and cannot be declared", span)
    }
    mutating func riskInScoreRule(_ span: Span) {
        error("a score rule cannot read `risk`: risk is the sum of the score rules (it would be a cycle)", span)
    }
    mutating func riskThroughLet(_ name: String, _ span: Span) {
        error("a score rule cannot read `risk`, and the let `\(name)` reads it (it would be a cycle)", span)
    }
}
