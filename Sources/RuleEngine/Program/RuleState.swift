/// One evaluation's rule state: the fired bits and risk sum (`RuleAccounting`)
/// and the largest decision key of the rules that fired. A local of the
/// evaluator, so the optimiser keeps it in registers.
struct RuleState<Rules: RuleAccounting> {
    var rules: Rules
    /// 0 while no decision rule fired; see `Program.decisionKey`.
    var best: Int64 = 0
    /// Per rule, for rules run by instructions: points and decision key.
    let points: UnsafeMutablePointer<Int64>
    let keys: UnsafeMutablePointer<Int64>

    /// Rule `rule`, run by instructions, saw a condition that is `value` when `known`,
    /// missing otherwise. Branch-free, so that data-dependent outcomes do not disturb
    /// the prediction of the dispatch jump (the program is the same sequence every evaluation).
    @inline(__always)
    mutating func decide(_ rule: Int, _ known: Bool, _ value: Bool) {
        let isKnown = UInt64(known ? 1 : 0)
        let isFired = isKnown & UInt64(value ? 1 : 0)
        rules.record(UInt64(rule), known: isKnown, fired: isFired)
        let mask = 0 &- Int64(bitPattern: isFired)
        rules.add(points[rule] & mask)
        best = Swift.max(best, keys[rule] & mask)
    }

    /// Runs rows `bounds` of a table of score rules: a fired row adds its points to the risk.
    @inline(__always)
    mutating func score<Row: TableRule>(_ table: UnsafeMutableBufferPointer<Row>, _ bounds: Range<Int>,
                                        _ v: UnsafeMutablePointer<Int64>, _ p: UnsafeMutablePointer<UInt8>) {
        run(table, bounds, v, p) { state, points in state.rules.add(points) }
    }

    /// Runs rows `bounds` of a table of decision rules: a fired row's key competes for `best`.
    @inline(__always)
    mutating func decide<Row: TableRule>(_ table: UnsafeMutableBufferPointer<Row>, _ bounds: Range<Int>,
                                         _ v: UnsafeMutablePointer<Int64>, _ p: UnsafeMutablePointer<UInt8>) {
        run(table, bounds, v, p) { state, key in state.best = Swift.max(state.best, key) }
    }

    /// Runs rows `bounds` of a table, recording each rule and handing `fold` the row's payload when it
    /// fired and 0 when not (branch-free: the mask is all ones or zero).
    @inline(__always)
    private mutating func run<Row: TableRule>(_ table: UnsafeMutableBufferPointer<Row>, _ bounds: Range<Int>,
                                              _ v: UnsafeMutablePointer<Int64>, _ p: UnsafeMutablePointer<UInt8>,
                                              fold: (inout RuleState, Int64) -> Void) {
        var row = table.baseAddress! + bounds.lowerBound
        let end = table.baseAddress! + bounds.upperBound
        while row < end {
            let action = row.pointee.action
            let (known, fired) = row.pointee.decide(v, p)
            rules.record(action.rule, known: known, fired: fired)
            fold(&self, action.payload & (0 &- Int64(bitPattern: fired)))
            row += 1
        }
    }
}
