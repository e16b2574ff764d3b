/// Signals that cannot be evaluated: a missing required input, a value of the
/// wrong type, a string that is not a case of its enumeration, an undeclared
/// key in strict mode, or malformed JSON. The evaluation gives no decision.
///
/// ```swift
/// do { _ = try policy.evaluate(["trust_score": .int(700)]) }
/// catch { print(error.message) }   // missing required input 'phone.country'
/// ```
public struct PolicyInputError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The message, naming the input and saying what was expected.
    public var message: String
    /// The input (dotted name) the error is about, when there is one.
    public var input: String?

    /// The message.
    public var description: String { message }
}

/// Every input error, built in one place so that the JSON, typed-signal and
/// tests paths word them identically.
enum InputErrors {
    static func missingRequired(_ name: String) -> PolicyInputError {
        PolicyInputError(message: "missing required input '\(name)'", input: name)
    }

    static func notACase(_ name: String, _ value: String, cases: [String]) -> PolicyInputError {
        PolicyInputError(message: "input '\(name)': \(quoted(value)) is not one of \(cases.map(quoted).joined(separator: ", "))", input: name)
    }

    static func wrongType(_ name: String, _ type: InputType, got: String) -> PolicyInputError {
        PolicyInputError(message: "input '\(name)' must be \(expectation(type)), got \(got)", input: name)
    }

    static func undeclared(_ name: String) -> PolicyInputError {
        PolicyInputError(message: "undeclared input '\(name)' (strict mode)", input: name)
    }

    static func givenTwice(_ name: String) -> PolicyInputError {
        PolicyInputError(message: "input '\(name)' is given more than once (a nested key and a dotted key name the same input)", input: name)
    }

    static func duplicateKey(_ path: String) -> PolicyInputError {
        PolicyInputError(message: "duplicate key '\(path)' in the JSON object", input: nil)
    }

    static func invalidJSON(_ reason: String, column: Int) -> PolicyInputError {
        PolicyInputError(message: "invalid JSON at column \(column): \(reason)", input: nil)
    }

    static func notAnObject(got: String) -> PolicyInputError {
        PolicyInputError(message: "the signals must be a JSON object, got \(got)", input: nil)
    }

    static func expectation(_ type: InputType) -> String {
        switch type {
        case .int: "an int (64-bit integer)"
        case .float: "a number"
        case .bool: "true or false"
        case .string: "a string"
        case .duration: "a duration (a number of seconds, or a string like \"90s\", \"15m\", \"36h\", \"7d\")"
        case .enumeration(let cases): "one of \(cases.map(quoted).joined(separator: ", "))"
        }
    }

    /// A string as JSON writes it, for messages.
    static func quoted(_ value: String) -> String { JSONText.quoted(value) }
}
