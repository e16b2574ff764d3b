/// Resolves names and checks types of a parsed policy, reporting every error.
struct Checker {
    var diagnostics: CheckerDiagnostics
    private(set) var inputs: [CheckedInput] = []
    private(set) var lets: [CheckedLet] = []
    private(set) var rules: [CheckedRule] = []
    var inputIndex: [String: Int] = [:]
    var letIndex: [String: Int] = [:]
    /// Names of declarations that failed to parse or check: uses of them are not reported again.
    var poisoned: Set<String> = []
    /// Every declared name with its span, including later ones, for "used before its declaration".
    var allDeclared: [String: Span] = [:]
    /// True while checking a score rule's condition (where `risk` is forbidden).
    var inScoreRule = false
    /// The let being checked, if any (its `risk` reads are recorded).
    var readsRisk = false

    static let functions = ["present", "starts_with", "min", "max", "abs"]

    init(source: SourceText) { diagnostics = CheckerDiagnostics(source: source) }

    mutating func check(_ syntax: PolicySyntax) -> CheckedPolicy {
        for declaration in syntax.declarations {
            switch declaration {
            case .input(let input): if allDeclared[input.name] == nil { allDeclared[input.name] = input.nameSpan }
            case .let(let value): if allDeclared[value.name] == nil { allDeclared[value.name] = value.nameSpan }
            case .rule: break
            }
        }
        var codes: [String: Span] = [:]
        for declaration in syntax.declarations {
            switch declaration {
            case .input(let input): declare(input)
            case .let(let value): declare(value)
            case .rule(let rule):
                if let first = codes[rule.code] {
                    diagnostics.duplicateCode(rule.code, first: first, rule.codeSpan)
                } else {
                    codes[rule.code] = rule.codeSpan
                }
                checkRule(rule)
            }
        }
        return CheckedPolicy(name: syntax.name, version: syntax.version, inputs: inputs, lets: lets, rules: rules)
    }

    private var declaredNames: [String] { Array(inputIndex.keys) + Array(letIndex.keys) + ["risk"] }

    private mutating func declare(_ input: InputSyntax) {
        if input.name == "risk" { diagnostics.riskDeclared(input.nameSpan); return }
        if let first = inputIndex[input.name] {
            diagnostics.duplicateInput(input.name, first: inputs[first].nameSpan, input.nameSpan)
            return
        }
        if let first = letIndex[input.name] {
            diagnostics.duplicateName(input.name, first: lets[first].nameSpan, input.nameSpan)
            return
        }
        let type: ValueType
        switch input.type {
        case .int: type = .int
        case .float: type = .float
        case .bool: type = .bool
        case .string: type = .string
        case .duration: type = .duration
        case .enumeration(let cases):
            var seen: Set<String> = []
            for value in cases where !seen.insert(value).inserted {
                diagnostics.duplicateCase(input.name, value, input.nameSpan)
            }
            type = .enumeration(cases)
        case .invalid: type = .error
        }
        if !input.valid { poisoned.insert(input.name) }
        inputIndex[input.name] = inputs.count
        inputs.append(CheckedInput(name: input.name, nameSpan: input.nameSpan, type: type, optional: input.optional))
    }

    private mutating func declare(_ syntax: LetSyntax) {
        if syntax.name == "risk" { diagnostics.riskDeclared(syntax.nameSpan); return }
        if let first = inputIndex[syntax.name] {
            diagnostics.duplicateName(syntax.name, first: inputs[first].nameSpan, syntax.nameSpan)
            return
        }
        if let first = letIndex[syntax.name] {
            diagnostics.duplicateName(syntax.name, first: lets[first].nameSpan, syntax.nameSpan)
            return
        }
        var checked = CheckedLet(name: syntax.name, nameSpan: syntax.nameSpan, type: .error,
                                 value: .constant(.missing), listItems: nil, readsRisk: false)
        if let value = syntax.value {
            readsRisk = false
            inScoreRule = false
            if case .list(let items) = value.kind {
                let (element, constants) = checkList(items)
                checked.type = element.map { $0 == .error ? .error : .list($0) } ?? .list(nil)
                checked.listItems = constants
            } else {
                let result = checkExpression(value)
                checked.type = result.type
                checked.value = result.expression
            }
            checked.readsRisk = readsRisk
        }
        if checked.type == .error { poisoned.insert(syntax.name) }
        letIndex[syntax.name] = lets.count
        lets.append(checked)
    }

    private mutating func checkRule(_ rule: RuleSyntax) {
        inScoreRule = { if case .score = rule.action { true } else { false } }()
        readsRisk = false
        let result = checkExpression(rule.condition)
        inScoreRule = false
        if result.type != .bool, result.type != .error {
            diagnostics.nonBoolCondition(rule.code, result.type, rule.condition.start)
        }
        rules.append(CheckedRule(action: rule.action, code: rule.code, codeSpan: rule.codeSpan,
                                 condition: result.expression, conditionStart: rule.condition.start))
    }
}
