/// A few ``PostgresLane``s: each job goes to the least busy one, so
/// independent reads and small writes run side by side.
final class PostgresLanePool: Sendable {
    let lanes: [PostgresLane]

    init(lanes: [PostgresLane]) {
        precondition(!lanes.isEmpty, "a lane pool needs at least one lane")
        self.lanes = lanes
    }

    /// Runs `body` on the least busy lane.
    func run<T: Sendable>(_ body: @escaping @Sendable (PostgresSession) throws -> T) async throws -> T {
        try await lanes.min { $0.load < $1.load }!.run(body)
    }

    /// Closes every lane.
    func close() async {
        for lane in lanes {
            await lane.close()
        }
    }
}
