// Fuzzes the policy language front end: lexer, parser, checker and compiler
// (`CompiledPolicy(source:file:)`), then the `.tests` parser and checker
// (`PolicyTestRunner`), then the evaluator over whatever compiled.
//
// Input: a policy source, optionally followed by a NUL byte and a `.tests`
// file. The tests run against the fuzzed policy when it compiles, otherwise
// against the default policy, so the tests parser is exercised on every input.

import FuzzSupport
import DefaultPolicy
import RuleEngine

private let defaultPolicy: CompiledPolicy = {
    do {
        return try CompiledPolicy(source: DefaultPolicy.source, file: DefaultPolicy.fileName)
    } catch {
        fatalError("the default policy must compile: \(error)")
    }
}()

/// libFuzzer's entry point for this target (see FuzzSupport).
@_cdecl("PolicyFuzzer_main")
public func policyFuzzerMain(_ argc: CInt, _ argv: LibFuzzer.Arguments) -> CInt {
    // Compile the default policy before fuzzing so its cost is not timed against the first input.
    _ = defaultPolicy
    return LibFuzzer.run(argc, argv, policyFuzzerTestOneInput)
}

/// Runs one fuzz input; libFuzzer treats a crash or a failed precondition as a finding.
@_cdecl("LLVMFuzzerTestOneInput")
public func policyFuzzerTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = UnsafeBufferPointer(start: data, count: size)
    let separator = bytes.firstIndex(of: 0)
    let source = String(decoding: bytes[..<(separator ?? bytes.endIndex)], as: UTF8.self)
    let tests = separator.map { String(decoding: bytes[($0 + 1)...], as: UTF8.self) }

    var policy = defaultPolicy
    do {
        policy = try CompiledPolicy(source: source, file: "fuzz.rules")
        // Every input missing: the evaluator's three-valued paths, coalescing and defaults.
        let frame = policy.makeFrame()
        let outcome = policy.evaluate(frame)
        _ = policy.result(outcome, in: frame).jsonLine()
    } catch {
        // A rejected policy must still say why, in words a user can read.
        precondition(!error.description.isEmpty, "a compile error with no message")
    }
    if let tests {
        let report = PolicyTestRunner.run(tests: tests, file: "fuzz.tests", policy: policy)
        _ = report.failureReport
    }
    return 0
}
