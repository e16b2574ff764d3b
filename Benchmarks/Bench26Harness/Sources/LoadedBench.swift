import Foundation
import RuleEngine

/// Bench-26 ready to run: the compiled policy, one frame per input (carved
/// from one block by `makeFrames`) filled once (so that decoding stays out of
/// the timed loop, as the C baseline interns its strings before timing), and
/// the reference results.
struct LoadedBench {
    let policy: CompiledPolicy
    let frames: [EvaluationFrame]
    let reference: [ReferenceResult]
    /// Indices (file order) of the score rules: the anchors list score codes only.
    let scoreRules: [Int]
    /// The inputs file's bytes and each input's range in them, for timing the decoder.
    let inputBytes: [UInt8]
    let inputRanges: [Range<Int>]

    /// Compiles the policy, splits and loads the inputs, reads the reference.
    /// - Parameter options: the paths.
    /// - Throws: `HarnessError` naming the file or input at fault.
    init(_ options: HarnessOptions) throws(HarnessError) {
        guard let source = try? String(contentsOfFile: options.policyPath, encoding: .utf8) else {
            throw .unreadable(path: options.policyPath)
        }
        do {
            policy = try CompiledPolicy(source: source, file: options.policyPath)
        } catch {
            throw .policy(path: options.policyPath, error)
        }
        guard let data = FileManager.default.contents(atPath: options.inputsPath) else {
            throw .unreadable(path: options.inputsPath)
        }
        let bytes = [UInt8](data)
        let ranges: [Range<Int>]
        do {
            ranges = try JSONArraySplitter.elements(of: bytes)
        } catch {
            throw .inputsFile(path: options.inputsPath, reason: error.reason)
        }
        // One block for all frames, so that a pass reads them in memory order (as the C
        // baseline reads its array of structs).
        let frames = policy.makeFrames(ranges.count)
        for (index, range) in ranges.enumerated() {
            do {
                try frames[index].load(json: bytes[range])
            } catch {
                throw .input(index: index, error)
            }
        }
        self.frames = frames
        inputBytes = bytes
        inputRanges = ranges
        reference = try ReferenceResult.load(options.referencePath)
        guard reference.count == frames.count else {
            throw .countMismatch(inputs: frames.count, reference: reference.count)
        }
        let rules = policy.rules
        scoreRules = rules.indices.filter { index in
            if case .score = rules[index].kind { return true }
            return false
        }
    }
}
