/// What one worker saw in one phase; workers' recorders are merged at the end, so the
/// hot loop takes no lock.
struct FlowRecorder: Sendable {
    /// Round-trip times of the verification creates, in milliseconds.
    var createLatencies: [Double] = []
    /// Round-trip times of the confirms, in milliseconds.
    var confirmLatencies: [Double] = []
    /// Answers by route and status, e.g. `"create 200"`, `"confirm 409"`, `"create transport error"`.
    var statuses: [String: Int] = [:]
    /// Outcomes of the flows that reached a confirm 200, by create decision → final status
    /// (e.g. `"pass → verified"`, `"pass → requires_step_up"`).
    var outcomes: [String: Int] = [:]
    /// Flows whose create and confirm both answered 200.
    var completed = 0
    /// Flows that stopped on a non-200 answer or a transport error.
    var failed = 0

    mutating func merge(_ other: FlowRecorder) {
        createLatencies += other.createLatencies
        confirmLatencies += other.confirmLatencies
        statuses.merge(other.statuses, uniquingKeysWith: +)
        outcomes.merge(other.outcomes, uniquingKeysWith: +)
        completed += other.completed
        failed += other.failed
    }
}

extension Duration {
    /// This duration in milliseconds.
    var milliseconds: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) * 1_000 + Double(attoseconds) / 1e15
    }

    /// This duration in seconds.
    var seconds: Double { milliseconds / 1_000 }
}
