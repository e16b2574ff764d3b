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
            Blank lines are skipped (but counted for line numbers).
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
        let bytes: [UInt8]
        if let input, input != "-" {
            guard let data = FileManager.default.contents(atPath: input) else {
                PolicyFiles.standardError("phonerisk: cannot read '\(input)': no such file or not readable")
                throw ExitCode.failure
            }
            bytes = Array(data)
        } else {
            bytes = Array(FileHandle.standardInput.readDataToEndOfFile())
        }
        let frame = compiled.makeFrame()
        var output = ""
        output.reserveCapacity(64 * 1024)
        var failed = false
        var lineNumber = 0
        var start = 0
        while start < bytes.count {
            var end = start
            while end < bytes.count, bytes[end] != UInt8(ascii: "\n") { end += 1 }
            lineNumber += 1
            var line = bytes[start..<end]
            start = end + 1
            while let last = line.last, last == UInt8(ascii: "\r") { line = line.dropLast() }
            if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { continue }
            do {
                try frame.load(json: line, strict: strict)
                let outcome = compiled.evaluate(frame)
                let result = compiled.result(outcome, in: frame)
                output += result.jsonLine(explanation: explain ? compiled.explain(frame) : nil)
            } catch {
                failed = true
                output += error.jsonLine(line: lineNumber)
            }
            output += "\n"
            if output.utf8.count >= 60 * 1024 { Self.write(&output) }
        }
        Self.write(&output)
        if failed { throw ExitCode.failure }
    }

    private static func write(_ output: inout String) {
        FileHandle.standardOutput.write(Data(output.utf8))
        output.removeAll(keepingCapacity: true)
    }
}
