import RuleEngine

/// Everything that stops the harness, each with the context for a precise message.
enum HarnessError: Error, CustomStringConvertible {
    /// The command line is wrong (exit 64).
    case usage(String)
    /// A file cannot be read.
    case unreadable(path: String)
    /// The policy does not compile.
    case policy(path: String, PolicyCompileError)
    /// The inputs file is not a JSON array of objects.
    case inputsFile(path: String, reason: String)
    /// The reference file is not `[[decision, risk, [codes]], …]`.
    case referenceFile(path: String, reason: String)
    /// Input and reference counts differ.
    case countMismatch(inputs: Int, reference: Int)
    /// One input was rejected by the policy.
    case input(index: Int, PolicyInputError)

    var description: String {
        switch self {
        case .usage(let reason): reason.isEmpty ? HarnessOptions.usage : "\(reason)\n\(HarnessOptions.usage)"
        case .unreadable(let path): "cannot read '\(path)'"
        case .policy(let path, let error): "policy '\(path)' does not compile:\n\(error)"
        case .inputsFile(let path, let reason): "inputs '\(path)': \(reason)"
        case .referenceFile(let path, let reason): "reference '\(path)': \(reason)"
        case .countMismatch(let inputs, let reference): "\(inputs) inputs but \(reference) reference results"
        case .input(let index, let error): "input #\(index) rejected: \(error.message)"
        }
    }

    /// The exit status: 64 for usage errors, 2 for setup failures.
    var exitStatus: Int32 {
        if case .usage = self { return 64 }
        return 2
    }
}
