/// The type of a declared input.
public enum InputType: Sendable, Hashable, CustomStringConvertible {
    /// A 64-bit integer.
    case int
    /// A double-precision number.
    case float
    /// `true` or `false`.
    case bool
    /// Any string.
    case string
    /// Whole seconds (JSON: a number of seconds or a string like `"36h"`).
    case duration
    /// One of the listed strings.
    case enumeration([String])

    /// The type as written in a policy: `int`, `"a" | "b"`.
    public var description: String {
        switch self {
        case .int: "int"
        case .float: "float"
        case .bool: "bool"
        case .string: "string"
        case .duration: "duration"
        case .enumeration(let cases): cases.map { "\"\($0)\"" }.joined(separator: " | ")
        }
    }
}

/// One `input` declaration of a compiled policy.
public struct PolicyInput: Sendable, Hashable {
    /// The dotted name, e.g. `carrier.line_type`.
    public var name: String
    /// The declared type.
    public var type: InputType
    /// True when declared with `?`: the caller may leave it missing.
    public var optional: Bool
}

/// What a rule does when its condition is true.
public enum RuleKind: Sendable, Hashable {
    /// Adds the points (possibly negative) to the risk.
    case score(Int64)
    /// Decision rule with this verdict (`stepUp`, `review` or `block`).
    case decision(Verdict)
}

/// One rule of a compiled policy, in file order.
public struct PolicyRule: Sendable, Hashable {
    /// The reason code, e.g. `SIM_SWAP_3D`.
    public var code: String
    /// Score or decision.
    public var kind: RuleKind
    /// The inputs its condition reads, directly or through lets, in declaration order.
    public var inputs: [String]
}
