import Foundation

/// The JSON report of one run, printed on stdout for `./flows`.
struct LoadReport: Encodable {
    /// Latency of one route over the timed phase, in milliseconds.
    struct Latency: Encodable {
        var count: Int
        var p50: Double?
        var p99: Double?
        var max: Double?

        /// Nearest-rank percentiles of `samples`.
        init(_ samples: [Double]) {
            let sorted = samples.sorted()
            count = sorted.count
            p50 = Self.percentile(0.50, of: sorted)
            p99 = Self.percentile(0.99, of: sorted)
            max = sorted.last
        }

        private static func percentile(_ fraction: Double, of sorted: [Double]) -> Double? {
            guard !sorted.isEmpty else { return nil }
            let rank = Int((fraction * Double(sorted.count)).rounded(.up))
            return sorted[Swift.max(0, Swift.min(sorted.count, rank) - 1)]
        }
    }

    var concurrency: Int
    var warmupSeconds: Double
    var durationSeconds: Double
    /// From the timed phase's start until its last flow ended.
    var elapsedSeconds: Double
    var flowsCompleted: Int
    var flowsFailed: Int
    var flowsPerSecond: Double
    var create: Latency
    var confirm: Latency
    /// Answers by route and status over the timed phase.
    var statuses: [String: Int]
    /// Completed flows by create decision → final status.
    var outcomes: [String: Int]
    var warmupFlowsCompleted: Int
    var warmupFlowsFailed: Int
    /// True when the run hit `--max-flows` before its deadline.
    var stoppedAtMaxFlows: Bool
    var accounts: Int
    var numbers: Int
    var regions: Int
    var largestRegionShare: Int
    /// CPU seconds the generator itself used during the timed phase (it shares the cores
    /// with the server).
    var generatorCPUSeconds: Double

    enum CodingKeys: String, CodingKey {
        case concurrency, create, confirm, statuses, outcomes, accounts, numbers, regions
        case warmupSeconds = "warmup_s", durationSeconds = "duration_s", elapsedSeconds = "elapsed_s"
        case flowsCompleted = "flows_completed", flowsFailed = "flows_failed", flowsPerSecond = "flows_per_s"
        case warmupFlowsCompleted = "warmup_flows_completed", warmupFlowsFailed = "warmup_flows_failed"
        case stoppedAtMaxFlows = "stopped_at_max_flows", largestRegionShare = "largest_region_share"
        case generatorCPUSeconds = "generator_cpu_s"
    }

    /// The report as one line of JSON with sorted keys.
    func json() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(self), as: UTF8.self)
    }
}

/// CPU seconds (user + system) this process has used so far.
func processCPUSeconds() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    func seconds(_ time: timeval) -> Double { Double(time.tv_sec) + Double(time.tv_usec) / 1e6 }
    return seconds(usage.ru_utime) + seconds(usage.ru_stime)
}
