import Foundation
import GRDB

/// Counts the transactions committed on a database's writer connection.
final class CommitCounter: TransactionObserver, @unchecked Sendable {
    // Guards `commits`.
    private let lock = NSLock()
    private var commits = 0

    var count: Int { lock.withLock { commits } }

    func observes(eventsOfKind eventKind: DatabaseEventKind) -> Bool { true }
    func databaseDidChange(with event: DatabaseEvent) {}
    func databaseDidCommit(_ db: Database) { lock.withLock { commits += 1 } }
    func databaseDidRollback(_ db: Database) {}
}
