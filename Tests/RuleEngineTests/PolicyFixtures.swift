@testable import RuleEngine

/// Compiles a policy written in a test, failing the test with the rendered diagnostics when it does not compile.
func compile(_ source: String, file: String = "test.rules") throws -> CompiledPolicy {
    try CompiledPolicy(source: source, file: file)
}

/// The diagnostics of a policy that must not compile.
func diagnostics(of source: String, file: String = "test.rules") -> [Diagnostic] {
    do {
        _ = try CompiledPolicy(source: source, file: file)
        return []
    } catch {
        return error.diagnostics
    }
}

/// `LINE:COLUMN` of each error, in order.
func errorPositions(of source: String) -> [String] {
    diagnostics(of: source).filter { $0.severity == .error }.map { "\($0.line):\($0.column)" }
}
