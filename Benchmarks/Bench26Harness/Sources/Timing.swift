import Foundation
import RuleEngine

/// Per-evaluation times of one timed series, like the anchors report them.
struct Timing: Encodable {
    var medianNs: Double
    var minNs: Double
    var maxNs: Double
    var samplesNs: [Double]
    /// Median of the same repetitions in thread CPU time: on a shared machine, wall time
    /// also counts the slices other processes take, which CPU time leaves out.
    var cpuMedianNs: Double
    var evalsPerRep: Int
    var reps: Int
    /// Folds every outcome, so that no evaluation can be optimised away.
    var checksum: UInt64

    /// Times `body` the anchors' way: one untimed warm-up pass over the set,
    /// then `reps` repetitions of `passes` passes, each divided by its evaluations.
    /// - Parameters:
    ///   - count: inputs per pass.
    ///   - passes: passes per repetition.
    ///   - reps: repetitions.
    ///   - body: runs one pass of `count` evaluations and returns their checksum.
    init(count: Int, passes: Int, reps: Int, body: () -> UInt64) {
        var checksum = body()
        var samples: [Double] = [], cpuSamples: [Double] = []
        for _ in 0..<reps {
            let start = Self.nanoseconds(CLOCK_MONOTONIC), cpuStart = Self.nanoseconds(CLOCK_THREAD_CPUTIME_ID)
            for _ in 0..<passes { checksum &+= body() }
            let cpuEnd = Self.nanoseconds(CLOCK_THREAD_CPUTIME_ID), end = Self.nanoseconds(CLOCK_MONOTONIC)
            samples.append(Double(end - start) / Double(passes * count))
            cpuSamples.append(Double(cpuEnd - cpuStart) / Double(passes * count))
        }
        let sorted = samples.sorted()
        medianNs = Self.median(sorted)
        cpuMedianNs = Self.median(cpuSamples.sorted())
        minNs = sorted[0]
        maxNs = sorted[sorted.count - 1]
        samplesNs = samples
        evalsPerRep = passes * count
        self.reps = reps
        self.checksum = checksum
    }

    private static func median(_ sorted: [Double]) -> Double {
        sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
    }

    /// Reads `clock`: CLOCK_MONOTONIC is the clock the C baseline times with.
    private static func nanoseconds(_ clock: clockid_t) -> UInt64 {
        var now = timespec()
        clock_gettime(clock, &now)
        return UInt64(now.tv_sec) * 1_000_000_000 + UInt64(now.tv_nsec)
    }
}

/// The timed loops, kept out of line so that the optimiser cannot merge
/// passes or hoist work out of them.
enum TimedLoops {
    /// One pass: evaluate every pre-filled frame, folding each outcome as the C baseline does.
    @inline(never)
    static func evaluateAll(_ policy: CompiledPolicy, _ frames: [EvaluationFrame]) -> UInt64 {
        var checksum: UInt64 = 0
        for frame in frames {
            let outcome = policy.evaluate(frame)
            checksum &+= UInt64(outcome.risk) &* 31 &+ UInt64(outcome.verdict.severity) &* 1_000_003 &+ UInt64(outcome.decidingRule ?? 0)
        }
        return checksum
    }

    /// One pass of `phonerisk eval`'s decoding: refill every frame from its JSON text.
    /// Counts refusals (none: the same texts were accepted before timing).
    @inline(never)
    static func loadAll(_ frames: [EvaluationFrame], _ bytes: [UInt8], _ ranges: [Range<Int>]) -> UInt64 {
        var refused: UInt64 = 0
        for (frame, range) in zip(frames, ranges) {
            do { try frame.load(json: bytes[range]) } catch { refused += 1 }
        }
        return refused
    }

    /// The floor: the same walk over the frames without evaluating them.
    @inline(never)
    static func walkAll(_ frames: [EvaluationFrame]) -> UInt64 {
        var checksum: UInt64 = 0
        for frame in frames { checksum &+= UInt64(UInt(bitPattern: ObjectIdentifier(frame).hashValue) & 1) }
        return checksum
    }
}
