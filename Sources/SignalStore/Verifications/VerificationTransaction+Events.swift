extension VerificationTransaction {
    /// Records a behaviour event in this transaction, so it commits or rolls back with the verification's own writes.
    ///
    /// - Parameters:
    ///   - event: the event.
    ///   - log: the SQLite event log of this database.
    public func record(_ event: BehaviorEvent, in log: SQLiteBehaviorEventLog) throws {
        try log.record(event, in: db)
    }
}
