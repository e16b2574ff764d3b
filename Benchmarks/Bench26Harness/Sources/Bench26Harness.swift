import Foundation

/// Times PhoneRisk's compiled bench-26 program in process, the way the
/// anchors time theirs, after checking all answers against the reference.
/// Prints one JSON object on stdout; exits 1 when any input disagrees.
///
/// ```
/// Bench26Harness bench26.rules data/inputs.json data/reference.json --passes 20 --reps 5
/// ```
@main
struct Bench26Harness {
    /// What the harness prints: the agreement check and the timings.
    struct Report: Encodable {
        var engine = "phonerisk"
        var policy: String
        var check: AgreementCheck
        var evaluate: Timing
        /// Walking the frames without evaluating: the loop's own cost.
        var floor: Timing
        /// The first 100 frames cycled to the same count: the evaluation without
        /// the cache misses of 10,000 frames (information, not the headline).
        var hot: Timing
        /// Refilling every frame from its JSON text, one pass per repetition: the decoding
        /// half of `phonerisk eval` (information; decoding is far slower than evaluating).
        var decode: Timing
    }

    static func main() {
        do {
            let options = try HarnessOptions(arguments: Array(CommandLine.arguments.dropFirst()))
            let bench = try LoadedBench(options)
            let check = AgreementCheck(bench)
            let policy = bench.policy, frames = bench.frames
            let evaluate = Timing(count: frames.count, passes: options.passes, reps: options.reps) {
                TimedLoops.evaluateAll(policy, frames)
            }
            let floor = Timing(count: frames.count, passes: options.passes, reps: options.reps) {
                TimedLoops.walkAll(frames)
            }
            let hotFrames = (0..<frames.count).map { frames[$0 % min(100, frames.count)] }
            let hot = Timing(count: hotFrames.count, passes: options.passes, reps: options.reps) {
                TimedLoops.evaluateAll(policy, hotFrames)
            }
            let bytes = bench.inputBytes, ranges = bench.inputRanges
            let decode = Timing(count: frames.count, passes: 1, reps: options.reps) {
                TimedLoops.loadAll(frames, bytes, ranges)
            }
            let report = Report(policy: "\(policy.name) version \(policy.version)", check: check, evaluate: evaluate,
                                floor: floor, hot: hot, decode: decode)
            let encoder = JSONEncoder()
            encoder.keyEncodingStrategy = .convertToSnakeCase
            encoder.outputFormatting = [.sortedKeys]
            FileHandle.standardOutput.write(try encoder.encode(report) + Data("\n".utf8))
            if !check.allAgree {
                FileHandle.standardError.write(Data("Bench26Harness: disagrees with the reference: \(check.firstMismatch ?? "")\n".utf8))
                exit(1)
            }
        } catch let error as HarnessError {
            FileHandle.standardError.write(Data("Bench26Harness: \(error)\n".utf8))
            exit(error.exitStatus)
        } catch {
            FileHandle.standardError.write(Data("Bench26Harness: cannot write the report: \(error)\n".utf8))
            exit(2)
        }
    }
}
