import Synchronization

extension Program {
    /// This program's JSON tables, built on first use and kept while the program lives.
    /// `EvaluationFrame.load(json:)` reaches them through its frame's program; the batch
    /// path (`SignalLineEvaluator`) looks them up once.
    var jsonTables: PolicyJSONTables { PolicyJSONTables.cache.tables(for: self) }
}

extension PolicyJSONTables {
    /// One table set per live program. A weak reference lets a reloaded policy's old
    /// program go; entries whose program is gone are dropped when a new one is added.
    static let cache = Cache()

    final class Cache: Sendable {
        private struct Held {
            weak var program: Program?
            let tables: PolicyJSONTables
        }

        private let held = Mutex<[ObjectIdentifier: Held]>([:])

        func tables(for program: Program) -> PolicyJSONTables {
            held.withLock { held in
                let key = ObjectIdentifier(program)
                if let entry = held[key], entry.program === program { return entry.tables }
                held = held.filter { $0.value.program != nil }
                let tables = PolicyJSONTables(program: program)
                held[key] = Held(program: program, tables: tables)
                return tables
            }
        }
    }
}
