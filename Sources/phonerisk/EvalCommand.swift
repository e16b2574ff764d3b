import ArgumentParser
import Foundation
import RuleEngine

/// `phonerisk eval --policy FILE [--strict] [--explain] [INPUT]`: evaluates a policy on JSON signals.
struct EvalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "Evaluate a policy on signals: one JSON object, or many, one per line.",
        discussion: """
            Prints one JSON result per input line, in order: \
            {"decision","risk","reasons","decided_by","policy","version"}. A line that fails prints \
            {"error": MESSAGE, "line": N}; the other lines still run and the exit status is 1. \
            Blank lines are skipped (but counted for line numbers). Input is read in large \
            chunks and answered as it arrives, so pipes, FIFOs and process substitution work \
            and memory stays small whatever the input's size.
            """
    )

    @Option(name: .long, help: "The policy file (*.rules); default $PHONERISK_POLICY, else Rules/phone_verification.rules.")
    var policy: String?

    @Flag(name: .long, help: "Reject keys the policy does not declare.")
    var strict = false

    @Flag(name: .long, help: "Add each rule's value (true/false/missing) and the inputs it read.")
    var explain = false

    @Argument(help: "A file of JSON objects, one per line; '-' or nothing reads stdin.")
    var input: String?

    func run() throws {
        let path = policy ?? ProcessInfo.processInfo.environment["PHONERISK_POLICY"] ?? "Rules/phone_verification.rules"
        guard let compiled = try PolicyFiles.compile(path) else { throw ExitCode.failure }
        var descriptor = STDIN_FILENO
        if let input, input != "-" {
            guard let opened = Self.openForReading(input) else { throw Self.unreadable(input) }
            descriptor = opened
        }
        defer { if descriptor != STDIN_FILENO { close(descriptor) } }
        var evaluator = SignalLineEvaluator(policy: compiled, strict: strict, explain: explain)
        var output: [UInt8] = []
        output.reserveCapacity(Self.flushSize + 64 * 1024)
        var reader = ChunkedInput(descriptor: descriptor)
        let complete = try reader.forEachChunk { chunk, final in
            let used = evaluator.evaluate(chunk, final: final, into: &output)
            if output.count >= Self.flushSize { try Self.flush(&output) }
            return used
        }
        try Self.flush(&output)
        guard complete else { throw Self.unreadable(input ?? "-") }
        if evaluator.failedLines > 0 { throw ExitCode.failure }
    }

    /// Output is written in blocks of about this size: few system calls, bounded memory.
    private static let flushSize = 256 * 1024

    private static func unreadable(_ input: String) -> ExitCode {
        StandardError.write("phonerisk: cannot read '\(input)': no such file or not readable")
        return ExitCode.failure
    }
}
