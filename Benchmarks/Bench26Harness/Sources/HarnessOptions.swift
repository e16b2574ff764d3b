/// The command line of the bench-26 harness:
/// `Bench26Harness POLICY INPUTS.json REFERENCE.json [--passes N] [--reps N]`.
///
/// Timing follows the anchors (`common.py`, `c/policy_bench.c`): one untimed
/// warm-up pass, then `reps` repetitions of `passes` passes over every input.
struct HarnessOptions {
    /// The policy file (`bench26.rules`).
    var policyPath: String
    /// The anchors' `data/inputs.json`: one JSON array of input objects.
    var inputsPath: String
    /// The anchors' `data/reference.json`: `[decision, risk, [score codes]]` per input.
    var referencePath: String
    /// Passes over the whole input set per timed repetition (anchors: 20).
    var passes = 20
    /// Timed repetitions (anchors: 5).
    var reps = 5

    static let usage = "usage: Bench26Harness POLICY INPUTS.json REFERENCE.json [--passes N] [--reps N]"

    /// Reads the arguments (without the program name).
    /// - Parameter arguments: the command-line words after the executable.
    /// - Throws: `HarnessError.usage` naming the word that is wrong.
    init(arguments: [String]) throws(HarnessError) {
        var positional: [String] = []
        var passes = 20, reps = 5
        var words = arguments[...]
        while let word = words.popFirst() {
            switch word {
            case "--passes", "--reps":
                guard let text = words.popFirst(), let count = Int(text), count > 0 else {
                    throw .usage("\(word) needs a positive whole number")
                }
                if word == "--passes" { passes = count } else { reps = count }
            case "-h", "--help":
                throw .usage("")
            default:
                guard !word.hasPrefix("--") else { throw .usage("unknown option '\(word)'") }
                positional.append(word)
            }
        }
        guard positional.count == 3 else {
            throw .usage("expected POLICY, INPUTS and REFERENCE paths, got \(positional.count) path(s)")
        }
        policyPath = positional[0]
        inputsPath = positional[1]
        referencePath = positional[2]
        self.passes = passes
        self.reps = reps
    }
}
