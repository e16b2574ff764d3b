/// The arithmetic of the language, shared by constant folding and the
/// evaluator so that both give the same answer. Nil means *missing*: integer
/// overflow and division by zero never trap.
enum Arithmetic {
    @inline(__always)
    static func integer(_ op: ArithmeticOperator, _ a: Int64, _ b: Int64) -> Int64? {
        switch op {
        case .add: let (r, o) = a.addingReportingOverflow(b); return o ? nil : r
        case .subtract: let (r, o) = a.subtractingReportingOverflow(b); return o ? nil : r
        case .multiply: let (r, o) = a.multipliedReportingOverflow(by: b); return o ? nil : r
        case .divide:
            if b == 0 { return nil }
            let (r, o) = a.dividedReportingOverflow(by: b); return o ? nil : r
        case .remainder:
            if b == 0 { return nil }
            // The remainder of Int64.min by -1 is 0; only the intermediate quotient overflows.
            if b == -1 { return 0 }
            return a % b
        }
    }

    @inline(__always)
    static func float(_ op: ArithmeticOperator, _ a: Double, _ b: Double) -> Double? {
        switch op {
        case .add: return a + b
        case .subtract: return a - b
        case .multiply: return a * b
        case .divide: return b == 0 ? nil : a / b
        case .remainder: return b == 0 ? nil : a.truncatingRemainder(dividingBy: b)
        }
    }

    @inline(__always)
    static func negate(_ a: Int64) -> Int64? {
        let (r, o) = Int64(0).subtractingReportingOverflow(a); return o ? nil : r
    }

    @inline(__always)
    static func absolute(_ a: Int64) -> Int64? { a < 0 ? negate(a) : a }

    @inline(__always)
    static func compare<T: Comparable>(_ op: ComparisonOperator, _ a: T, _ b: T) -> Bool {
        switch op {
        case .equal: a == b
        case .notEqual: a != b
        case .less: a < b
        case .lessEqual: a <= b
        case .greater: a > b
        case .greaterEqual: a >= b
        }
    }
}
