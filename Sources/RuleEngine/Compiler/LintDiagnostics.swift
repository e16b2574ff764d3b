/// Every warning of the lint pass, built in one place.
struct LintDiagnostics {
    let source: SourceText
    private(set) var list: [Diagnostic] = []

    init(source: SourceText) { self.source = source }

    mutating func neverFires(_ code: String, alwaysMissing: Bool, _ span: Span) {
        let why = alwaysMissing ? "always missing" : "always false"
        list.append(source.diagnostic(.warning, "rule `\(code)` can never fire: its condition is \(why)", at: span))
    }

    mutating func unreadInput(_ name: String, _ span: Span) {
        list.append(source.diagnostic(.warning, "input `\(name)` is not read by any rule", at: span))
    }
}
