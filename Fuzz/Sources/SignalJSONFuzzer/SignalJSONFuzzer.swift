// Fuzzes the JSON signal decoder (`EvaluationFrame.load(json:strict:)`), which
// reads one object of signals straight into a frame, then evaluates it.
//
// Input: one JSON document. It is loaded, lenient and strict, into the frames
// of two policies: the default policy (nested and dotted names, enumerations,
// optional durations) and a policy with one input of every type, some of them
// required. Frames are reused across inputs as the CLI and server reuse them,
// so a `reset` that leaves state behind shows up as a wrong result.

import FuzzSupport
import DefaultPolicy
import RuleEngine

/// One input of every type the language has, required and optional, nested
/// two deep and dotted, so every decoding branch has a declared target.
private let everyTypeSource = """
    policy every_type version 1

    input count: int
    input ratio: float?
    input flag: bool?
    input name: string?
    input age: duration?
    input level: "low" | "medium" | "high"
    input a.b.c: int?
    input a.b.d: string?
    input a.e: duration?
    input list.size: int?

    score +100 MANY      when count > 10 and ratio >= 0.5
    score +50  FLAGGED   when flag ?? false
    score +50  NAMED     when name == "x"
    score +200 YOUNG     when age < 1d
    score +10  NESTED    when a.b.c % 3 == 1 or a.b.d != "y" or a.e > 90s
    block      HIGH      when level == "high" and present(list.size)
    review     RISKY     when risk >= 300
    """

private func compile(_ source: String, _ file: String) -> CompiledPolicy {
    do {
        return try CompiledPolicy(source: source, file: file)
    } catch {
        fatalError("fuzz policy \(file) must compile: \(error)")
    }
}

private let policies = [
    compile(DefaultPolicy.source, DefaultPolicy.fileName),
    compile(everyTypeSource, "every_type.rules"),
]

// libFuzzer calls the entry point from one thread only, one input at a time.
nonisolated(unsafe) private let frames = policies.map { $0.makeFrame() }

/// libFuzzer's entry point for this target (see FuzzSupport).
@_cdecl("SignalJSONFuzzer_main")
public func signalJSONFuzzerMain(_ argc: CInt, _ argv: LibFuzzer.Arguments) -> CInt {
    // Compile the policies before fuzzing so their cost is not timed against the first input.
    _ = frames
    return LibFuzzer.run(argc, argv, signalJSONFuzzerTestOneInput)
}

/// Runs one fuzz input; libFuzzer treats a crash or a failed precondition as a finding.
@_cdecl("LLVMFuzzerTestOneInput")
public func signalJSONFuzzerTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = UnsafeBufferPointer(start: data, count: size)
    for (policy, frame) in zip(policies, frames) {
        var lenientResult: PolicyResult?
        for strict in [false, true] {
            do {
                try frame.load(json: bytes, strict: strict)
                let result = policy.result(policy.evaluate(frame), in: frame)
                precondition((0...1000).contains(result.risk), "risk \(result.risk) outside 0...1000")
                _ = result.jsonLine()
                if strict {
                    // Strict mode only adds refusals; what it accepts it must decide the same way.
                    precondition(result == lenientResult, "strict and lenient decoding disagree")
                }
                if !strict { lenientResult = result }
            } catch {
                precondition(!error.description.isEmpty, "an input error with no message")
            }
        }
    }
    return 0
}
