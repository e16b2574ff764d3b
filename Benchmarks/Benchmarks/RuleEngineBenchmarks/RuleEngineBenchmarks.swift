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
    let frames = defaultPolicySignals(count: frameCount).map { signals in
        let frame = policy.makeFrame()
        do { try frame.load(signals) } catch { fatalError("benchmark signals rejected: \(error)") }
        return frame
    }

    Benchmark("Evaluate default policy x 10,000 frames") { benchmark in
        for _ in benchmark.scaledIterations {
            var checksum = 0
            for frame in frames { checksum &+= policy.evaluate(frame).risk }
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
