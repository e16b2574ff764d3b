import Foundation
import Synchronization

/// Hands out flow indexes to the workers, never more than `limit` in all.
final class FlowSchedule: Sendable {
    private let next = Atomic<Int>(0)
    /// The most flows the run may start.
    let limit: Int

    /// - Parameter limit: The most flows the run may start.
    init(limit: Int) { self.limit = limit }

    /// The next flow's index, or nil once `limit` flows have started.
    func take() -> Int? {
        let index = next.add(1, ordering: .relaxed).oldValue
        return index < limit ? index : nil
    }

    /// Flows started so far.
    var started: Int { min(next.load(ordering: .relaxed), limit) }
}

/// Runs complete flows (create a sandbox verification, confirm it at once) with a fixed
/// number in flight.
struct FlowRunner: Sendable {
    let client: ServiceClient
    /// Account ids made before timing; flow `i` uses account `i / flowsPerAccount`.
    let accounts: [String]
    /// One number per flow.
    let numbers: [String]
    let flowsPerAccount: Int
    let concurrency: Int
    let code: String
    let schedule: FlowSchedule

    /// Runs flows until `deadline` (flows already started finish), or until the schedule
    /// runs out.
    ///
    /// - Parameter deadline: No flow starts after it.
    /// - Returns: What every worker saw, and the time from the start until the last flow ended.
    func runPhase(until deadline: ContinuousClock.Instant) async -> (FlowRecorder, Duration) {
        let start = ContinuousClock.now
        let recorder = await withTaskGroup(of: FlowRecorder.self) { group in
            for _ in 0..<concurrency {
                group.addTask { await self.work(until: deadline) }
            }
            var merged = FlowRecorder()
            for await part in group { merged.merge(part) }
            return merged
        }
        return (recorder, ContinuousClock.now - start)
    }

    private func work(until deadline: ContinuousClock.Instant) async -> FlowRecorder {
        var recorder = FlowRecorder()
        let decoder = JSONDecoder()
        while ContinuousClock.now < deadline, let index = schedule.take() {
            await flow(index, into: &recorder, decoder: decoder)
        }
        return recorder
    }

    private func flow(_ index: Int, into recorder: inout FlowRecorder, decoder: JSONDecoder) async {
        let account = accounts[index / flowsPerAccount]
        var route = "create"
        do {
            let created = try await client.createVerification(account: account, number: numbers[index])
            recorder.createLatencies.append(created.latency.milliseconds)
            recorder.statuses["create \(created.status)", default: 0] += 1
            guard created.status == 200 else {
                recorder.failed += 1
                return
            }
            let verification = try decoder.decode(ObjectReply.self, from: Data(created.body.readableBytesView))
            route = "confirm"
            let confirmed = try await client.confirm(account: account, verification: verification.id, code: code)
            recorder.confirmLatencies.append(confirmed.latency.milliseconds)
            recorder.statuses["confirm \(confirmed.status)", default: 0] += 1
            guard confirmed.status == 200 else {
                recorder.failed += 1
                return
            }
            let final = try decoder.decode(ObjectReply.self, from: Data(confirmed.body.readableBytesView))
            let outcome = "\(verification.risk?.decision ?? "?") → \(final.status ?? "?")"
            recorder.outcomes[outcome, default: 0] += 1
            recorder.completed += 1
        } catch is DecodingError {
            recorder.statuses["\(route) unreadable answer", default: 0] += 1
            recorder.failed += 1
        } catch {
            recorder.statuses["\(route) transport error", default: 0] += 1
            recorder.failed += 1
        }
    }
}
