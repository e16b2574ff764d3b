/// The static type of an expression or input.
enum ValueType: Sendable, Equatable {
    case int, float, bool, string, duration
    /// An enumeration: a union of string literals. Two enumerations with the same cases are the same type.
    case enumeration([String])
    /// A list literal (or a let bound to one); nil element type for `[]`.
    indirect case list(ValueType?)
    /// The expression already failed to check: no further diagnostics about it.
    case error

    var isNumber: Bool { self == .int || self == .float }
    var isText: Bool {
        switch self {
        case .string, .enumeration: true
        default: false
        }
    }
    var isList: Bool { if case .list = self { true } else { false } }

    /// How values of this type are stored in a 64-bit slot.
    var kind: ValueKind {
        switch self {
        case .float: .float
        case .bool: .bool
        case .string, .enumeration: .string
        default: .int
        }
    }

    /// The type as a policy author writes it, for messages.
    var described: String {
        switch self {
        case .int: "int"
        case .float: "float"
        case .bool: "bool"
        case .string: "string"
        case .duration: "duration"
        case .enumeration(let cases): cases.map { "\"\($0)\"" }.joined(separator: " | ")
        case .list(let element): element.map { "a list of \($0.described)" } ?? "an empty list"
        case .error: "an invalid expression"
        }
    }
}

/// The representation of a value in a frame slot: ints, durations, reasons and
/// interned-string ids are 64-bit integers, floats are IEEE bits, bools 0 or 1.
enum ValueKind: Sendable, Hashable {
    case int, float, bool, string
}

/// A value known at compile time; `missing` is a constant too (e.g. `1 / 0`).
enum Constant: Sendable, Hashable {
    case int(Int64)
    case float(Double)
    case bool(Bool)
    case string(String)
    case missing
}
