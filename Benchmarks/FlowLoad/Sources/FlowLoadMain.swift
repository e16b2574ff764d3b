import AsyncHTTPClient
import Foundation

/// FlowLoad: complete sandbox verification flows (create + confirm) against a running
/// `phonerisk serve`, a warm-up and then a timed phase at a fixed number of flows in flight.
/// `Benchmarks/flows` starts the server and runs this; see Benchmarks/README.md.
@main
struct FlowLoadMain {
    static func main() async {
        let options: LoadOptions
        do {
            options = try LoadOptions.parse(Array(CommandLine.arguments.dropFirst()))
        } catch {
            if let message = error.message { FileHandle.standardError.write(Data("FlowLoad: \(message)\n".utf8)) }
            FileHandle.standardError.write(Data((LoadOptions.usage + "\n").utf8))
            exit(error.message == nil ? 0 : 64)
        }
        if let count = options.listNumbers {
            let pool = NumberPool.make(count: count, perRegion: options.perRegion, seed: options.seed)
            print(pool.numbers.joined(separator: "\n"))
            exit(0)
        }
        var configuration = HTTPClient.Configuration()
        configuration.connectionPool = .init(
            idleTimeout: .seconds(60), concurrentHTTP1ConnectionsPerHostSoftLimit: options.concurrency)
        let http = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
        let status: Int32
        do {
            let report = try await run(options, client: ServiceClient(http: http, baseURL: options.baseURL, key: options.key))
            print(try report.json())
            status = report.flowsFailed == 0 && report.warmupFlowsFailed == 0 ? 0 : 1
        } catch {
            FileHandle.standardError.write(Data("FlowLoad: \(error)\n".utf8))
            status = 1
        }
        try? await http.shutdown()
        exit(status)
    }

    private static func run(_ options: LoadOptions, client: ServiceClient) async throws -> LoadReport {
        let pool = NumberPool.make(count: options.maxFlows, perRegion: options.perRegion, seed: options.seed)
        guard !pool.numbers.isEmpty else { throw SetupError(message: "no valid mobile numbers could be generated") }
        let accountCount = (pool.numbers.count + options.flowsPerAccount - 1) / options.flowsPerAccount
        let accounts = try await AccountPool.make(count: accountCount, client: client, concurrency: options.concurrency)
        let runner = FlowRunner(
            client: client, accounts: accounts, numbers: pool.numbers, flowsPerAccount: options.flowsPerAccount,
            concurrency: options.concurrency, code: options.code, schedule: FlowSchedule(limit: pool.numbers.count))
        let (warmup, _) = await runner.runPhase(until: .now + .seconds(options.warmup))
        // The markers let `./flows` sample the server's CPU time over exactly the timed phase.
        FileHandle.standardError.write(Data("FlowLoad: timed phase starts\n".utf8))
        let cpuBefore = processCPUSeconds()
        let (timed, elapsed) = await runner.runPhase(until: .now + .seconds(options.duration))
        let cpu = processCPUSeconds() - cpuBefore
        FileHandle.standardError.write(Data("FlowLoad: timed phase ends\n".utf8))
        return LoadReport(
            concurrency: options.concurrency, warmupSeconds: options.warmup, durationSeconds: options.duration,
            elapsedSeconds: elapsed.seconds, flowsCompleted: timed.completed, flowsFailed: timed.failed,
            flowsPerSecond: Double(timed.completed) / elapsed.seconds,
            create: .init(timed.createLatencies), confirm: .init(timed.confirmLatencies),
            statuses: timed.statuses, outcomes: timed.outcomes,
            warmupFlowsCompleted: warmup.completed, warmupFlowsFailed: warmup.failed,
            stoppedAtMaxFlows: runner.schedule.started >= runner.schedule.limit, accounts: accounts.count,
            numbers: pool.numbers.count, regions: pool.regions, largestRegionShare: pool.largestShare,
            generatorCPUSeconds: cpu)
    }
}
