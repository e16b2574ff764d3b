import Foundation
import Synchronization

/// Makes the accounts the flows use, before anything is timed.
enum AccountPool {
    /// Creates `count` accounts with `concurrency` requests in flight.
    ///
    /// - Parameters:
    ///   - count: How many accounts.
    ///   - client: The service.
    ///   - concurrency: Requests in flight at once.
    /// - Returns: Their ids.
    /// - Throws: `SetupError` on the first answer that is not a 200 account.
    static func make(count: Int, client: ServiceClient, concurrency: Int) async throws -> [String] {
        let schedule = FlowSchedule(limit: count)
        let ids = try await withThrowingTaskGroup(of: [String].self) { group in
            for _ in 0..<max(1, min(concurrency, count)) {
                group.addTask {
                    let decoder = JSONDecoder()
                    var made: [String] = []
                    while schedule.take() != nil {
                        let answer = try await client.createAccount()
                        let body = Data(answer.body.readableBytesView)
                        guard answer.status == 200, let account = try? decoder.decode(ObjectReply.self, from: body)
                        else {
                            throw SetupError(
                                message: "POST /v1/accounts answered \(answer.status): "
                                    + String(decoding: body.prefix(300), as: UTF8.self))
                        }
                        made.append(account.id)
                    }
                    return made
                }
            }
            var all: [String] = []
            for try await part in group { all += part }
            return all
        }
        return ids
    }
}

/// The run could not start; the message says which step failed and why.
struct SetupError: Error, CustomStringConvertible {
    /// What went wrong, for people.
    var message: String

    var description: String { message }
}
