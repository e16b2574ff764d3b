import Benchmark
import DefaultPolicy
import RuleEngine

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .mallocCountTotal, .throughput],
        maxDuration: .seconds(3)
    )

    // Evaluation: one iteration evaluates all 10,000 pre-filled frames, so the
    // per-evaluation figures are the iteration's divided by 10,000. The harness
    // itself allocates a few times per iteration: compare with the baseline.
    let frameCount = 10_000
    guard let policy = try? CompiledPolicy(source: DefaultPolicy.source, file: DefaultPolicy.fileName) else {
        fatalError("the default policy does not compile")
    }
    // Frames carved from one block, as a batch kept in memory would use them.
    let frames = policy.makeFrames(frameCount)
    for (frame, signals) in zip(frames, defaultPolicySignals(count: frameCount)) {
        do { try frame.load(signals) } catch { fatalError("benchmark signals rejected: \(error)") }
    }

    // Evaluation must never allocate: `Thresholds/` holds 0 mallocs at p90 for this
    // benchmark, and any malloc at all fails `benchmark thresholds check`.
    let noAllocation = Benchmark.Configuration(thresholds: [.mallocCountTotal: .init(absolute: [.p90: 0])])
    Benchmark("Evaluate default policy x 10,000 frames", configuration: noAllocation) { benchmark in
        for _ in benchmark.scaledIterations {
            var checksum = 0
            for frame in frames { checksum &+= policy.evaluate(frame).risk }
            blackHole(checksum)
        }
    }

    // Bench-26, the anchors' policy (read at run time), over seeded inputs drawn
    // like the anchors' own; the same no-allocation threshold.
    let bench26 = bench26Policy()
    guard let bench26Compiled = try? CompiledPolicy(source: bench26.source, file: bench26.path) else {
        fatalError("\(bench26.path) does not compile")
    }
    let bench26Frames = bench26Compiled.makeFrames(frameCount)
    for (frame, signals) in zip(bench26Frames, bench26Signals(count: frameCount)) {
        do { try frame.load(signals) } catch { fatalError("bench-26 benchmark signals rejected: \(error)") }
    }
    Benchmark("Evaluate bench-26 x 10,000 frames", configuration: noAllocation) { benchmark in
        for _ in benchmark.scaledIterations {
            var checksum = 0
            for frame in bench26Frames { checksum &+= bench26Compiled.evaluate(frame).risk }
            blackHole(checksum)
        }
    }

    Benchmark("Baseline: iterate 10,000 frames without evaluating") { benchmark in
        for _ in benchmark.scaledIterations {
            var checksum = 0
            for frame in frames { checksum &+= ObjectIdentifier(frame).hashValue & 1 }
            blackHole(checksum)
        }
    }

    Benchmark("Compile default policy") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try? CompiledPolicy(source: DefaultPolicy.source, file: DefaultPolicy.fileName))
        }
    }

    let large = generatedPolicy(rules: 1000)
    Benchmark("Compile generated 1,000-rule policy") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try? CompiledPolicy(source: large, file: "generated.rules"))
        }
    }
}
