/// The compilation pipeline: parse, check, then the named passes
/// (constant folding, lint, slot layout, code generation).
enum PolicyCompiler {
    struct Output {
        var program: Program
        var warnings: [Diagnostic]
    }

    static func compile(source text: String, file: String) throws(PolicyCompileError) -> Output {
        let source = SourceText(text, file: file)
        var parser = Parser(source: source)
        let syntax = parser.parsePolicy()
        var checker = Checker(source: source)
        var checked = checker.check(syntax)
        let errors = parser.diagnostics.list + checker.diagnostics.list
        if !errors.isEmpty { throw PolicyCompileError(diagnostics: errors) }

        ConstantFolding().run(&checked)
        var lint = LintDiagnostics(source: source)
        Lint().run(checked, into: &lint)
        var generator = CodeGenerator(policy: checked, layout: SlotLayout(checked))
        generator.run()
        return Output(program: Program(policy: checked, generator: generator), warnings: lint.list.sortedByPosition())
    }
}
