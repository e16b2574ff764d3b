/// Compiler pass: evaluates every sub-expression whose operands are known at
/// compile time, with exactly the evaluator's semantics (missing included),
/// inlines lets that fold to a constant, and simplifies `and`/`or` with a
/// constant side by Kleene logic (`false and x` is false, `true or x` is true).
struct ConstantFolding {
    /// Folds every let (in order, so later lets see earlier constants) and rule condition.
    func run(_ policy: inout CheckedPolicy) {
        var folded: [TypedExpression] = []
        for index in policy.lets.indices {
            let value = fold(policy.lets[index].value, lets: folded)
            policy.lets[index].value = value
            folded.append(value)
        }
        for index in policy.rules.indices {
            policy.rules[index].condition = fold(policy.rules[index].condition, lets: folded)
        }
    }

    func fold(_ expression: TypedExpression, lets: [TypedExpression]) -> TypedExpression {
        let recurse = { (e: TypedExpression) in fold(e, lets: lets) }
        switch expression {
        case .constant, .input, .risk:
            return expression
        case .letValue(let index):
            if index < lets.count, case .constant = lets[index] { return lets[index] }
            return expression
        case .widen(let a):
            let a = recurse(a)
            guard case .constant(let c) = a else { return .widen(a) }
            if case .int(let value) = c { return .constant(.float(Double(value))) }
            return .constant(c)
        case .negate(let kind, let a):
            let a = recurse(a)
            guard case .constant(let c) = a else { return .negate(kind, a) }
            switch c {
            case .int(let value): return .constant(Arithmetic.negate(value).map(Constant.int) ?? .missing)
            case .float(let value): return .constant(.float(-value))
            default: return .constant(.missing)
            }
        case .absolute(let kind, let a):
            let a = recurse(a)
            guard case .constant(let c) = a else { return .absolute(kind, a) }
            switch c {
            case .int(let value): return .constant(Arithmetic.absolute(value).map(Constant.int) ?? .missing)
            case .float(let value): return .constant(.float(Swift.abs(value)))
            default: return .constant(.missing)
            }
        case .arithmetic(let op, let kind, let a, let b):
            let a = recurse(a), b = recurse(b)
            if case .constant(.missing) = a { return .constant(.missing) }
            if case .constant(.missing) = b { return .constant(.missing) }
            guard case .constant(let x) = a, case .constant(let y) = b else { return .arithmetic(op, kind, a, b) }
            switch (x, y) {
            case (.int(let l), .int(let r)): return .constant(Arithmetic.integer(op, l, r).map(Constant.int) ?? .missing)
            case (.float(let l), .float(let r)): return .constant(Arithmetic.float(op, l, r).map(Constant.float) ?? .missing)
            default: return .constant(.missing)
            }
        case .minimum(let kind, let a, let b), .maximum(let kind, let a, let b):
            let isMinimum = { if case .minimum = expression { true } else { false } }()
            let a = recurse(a), b = recurse(b)
            if case .constant(.missing) = a { return .constant(.missing) }
            if case .constant(.missing) = b { return .constant(.missing) }
            guard case .constant(let x) = a, case .constant(let y) = b else {
                return isMinimum ? .minimum(kind, a, b) : .maximum(kind, a, b)
            }
            switch (x, y) {
            case (.int(let l), .int(let r)): return .constant(.int(isMinimum ? Swift.min(l, r) : Swift.max(l, r)))
            case (.float(let l), .float(let r)): return .constant(.float(isMinimum ? Swift.min(l, r) : Swift.max(l, r)))
            default: return .constant(.missing)
            }
        case .compare(let op, let kind, let a, let b):
            let a = recurse(a), b = recurse(b)
            if case .constant(.missing) = a { return .constant(.missing) }
            if case .constant(.missing) = b { return .constant(.missing) }
            guard case .constant(let x) = a, case .constant(let y) = b else { return .compare(op, kind, a, b) }
            switch (x, y) {
            case (.int(let l), .int(let r)): return .constant(.bool(Arithmetic.compare(op, l, r)))
            case (.float(let l), .float(let r)): return .constant(.bool(Arithmetic.compare(op, l, r)))
            case (.bool(let l), .bool(let r)): return .constant(.bool(op == .equal ? l == r : l != r))
            case (.string(let l), .string(let r)): return .constant(.bool(op == .equal ? l == r : l != r))
            default: return .constant(.missing)
            }
        case .and(let a, let b):
            let a = recurse(a), b = recurse(b)
            if case .constant(.bool(false)) = a { return a }
            if case .constant(.bool(false)) = b { return b }
            if case .constant(.bool(true)) = a { return b }
            if case .constant(.bool(true)) = b { return a }
            if case .constant(.missing) = a, case .constant(.missing) = b { return a }
            return .and(a, b)
        case .or(let a, let b):
            let a = recurse(a), b = recurse(b)
            if case .constant(.bool(true)) = a { return a }
            if case .constant(.bool(true)) = b { return b }
            if case .constant(.bool(false)) = a { return b }
            if case .constant(.bool(false)) = b { return a }
            if case .constant(.missing) = a, case .constant(.missing) = b { return a }
            return .or(a, b)
        case .not(let a):
            let a = recurse(a)
            switch a {
            case .constant(.bool(let value)): return .constant(.bool(!value))
            case .constant: return .constant(.missing)
            default: return .not(a)
            }
        case .present(let a):
            let a = recurse(a)
            guard case .constant(let c) = a else { return .present(a) }
            return .constant(.bool(c != .missing))
        case .coalesce(let a, let b):
            let a = recurse(a), b = recurse(b)
            if case .constant(let c) = a { return c == .missing ? b : a }
            if case .constant(.missing) = b { return a }
            return .coalesce(a, b)
        case .member(let a, let kind, let items, let negated):
            let a = recurse(a)
            guard case .constant(let c) = a else { return .member(a, kind, items, negated: negated) }
            if c == .missing { return .constant(.missing) }
            return .constant(.bool(items.contains(c) != negated))
        case .startsWith(let a, let b):
            let a = recurse(a), b = recurse(b)
            if case .constant(.missing) = a { return .constant(.missing) }
            if case .constant(.missing) = b { return .constant(.missing) }
            guard case .constant(.string(let s)) = a, case .constant(.string(let p)) = b else { return .startsWith(a, b) }
            return .constant(.bool(s.utf8.starts(with: p.utf8)))
        }
    }
}
