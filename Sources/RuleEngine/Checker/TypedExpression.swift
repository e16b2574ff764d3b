/// A checked expression: names resolved to inputs and lets, every operator
/// resolved to the representation it works on, int-to-float widening explicit.
/// The compiler passes (folding, lint, code generation) work on this tree.
indirect enum TypedExpression: Sendable {
    case constant(Constant)
    /// Reads input number `index` (declaration order).
    case input(Int)
    /// Reads the value of let number `index`.
    case letValue(Int)
    /// The clamped risk; readable only by decision rules.
    case risk
    /// An int widened to a float.
    case widen(TypedExpression)
    case arithmetic(ArithmeticOperator, ValueKind, TypedExpression, TypedExpression)
    case negate(ValueKind, TypedExpression)
    case compare(ComparisonOperator, ValueKind, TypedExpression, TypedExpression)
    case and(TypedExpression, TypedExpression)
    case or(TypedExpression, TypedExpression)
    case not(TypedExpression)
    case present(TypedExpression)
    case coalesce(TypedExpression, TypedExpression)
    /// `x in [items]` (or `not in` when `negated`); items already in x's representation.
    case member(TypedExpression, ValueKind, [Constant], negated: Bool)
    case startsWith(TypedExpression, TypedExpression)
    case minimum(ValueKind, TypedExpression, TypedExpression)
    case maximum(ValueKind, TypedExpression, TypedExpression)
    case absolute(ValueKind, TypedExpression)

    /// The sub-expressions, for passes that walk the tree.
    var children: [TypedExpression] {
        switch self {
        case .constant, .input, .letValue, .risk: []
        case .widen(let a), .negate(_, let a), .not(let a), .present(let a), .absolute(_, let a), .member(let a, _, _, _): [a]
        case .arithmetic(_, _, let a, let b), .compare(_, _, let a, let b), .and(let a, let b), .or(let a, let b),
             .coalesce(let a, let b), .startsWith(let a, let b), .minimum(_, let a, let b), .maximum(_, let a, let b): [a, b]
        }
    }
}

enum ArithmeticOperator: Sendable, Hashable {
    case add, subtract, multiply, divide, remainder
}

enum ComparisonOperator: Sendable, Hashable {
    case equal, notEqual, less, lessEqual, greater, greaterEqual
}
