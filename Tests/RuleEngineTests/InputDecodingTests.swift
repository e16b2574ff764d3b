import Testing
@testable import RuleEngine

@Suite("JSON and typed signals fill frames strictly, with precise errors")
struct InputDecodingTests {
    private let policy: CompiledPolicy

    init() throws {
        policy = try compile("""
            policy inputs version 1
            input count: int
            input ratio: float?
            input flag: bool?
            input carrier.name: string?
            input carrier.line_type: "mobile" | "landline"?
            input age: duration?
            score 1 COUNT when count > 0
            score 1 RATIO when ratio > 0.5
            score 1 FLAG when flag
            score 1 NAMED when present(carrier.name)
            score 1 MOBILE when carrier.line_type == "mobile"
            score 1 YOUNG when age < 1d
            """)
    }

    private func error(_ json: String, strict: Bool = false) -> String? {
        do {
            _ = try policy.evaluate(json: json, strict: strict)
            return nil
        } catch {
            return error.message
        }
    }

    private func reasons(_ json: String, strict: Bool = false) throws -> [String] {
        try policy.evaluate(json: json, strict: strict).reasons
    }

    @Test func nestedAndDottedKeysMixAndNullIsMissing() throws {
        #expect(try reasons(#"{"count": 1, "carrier": {"name": "EE"}, "carrier.line_type": "mobile", "age": null}"#)
                == ["COUNT", "NAMED", "MOBILE"])
    }

    @Test func durationsAreSecondsOrUnitStrings() throws {
        #expect(try reasons(#"{"count": 0, "age": 86399}"#) == ["YOUNG"])
        #expect(try reasons(#"{"count": 0, "age": "23h"}"#) == ["YOUNG"])
        #expect(try reasons(#"{"count": 0, "age": "1d"}"#) == [])
        #expect(try reasons(#"{"count": 0, "age": -5}"#) == ["YOUNG"])
    }

    @Test func intsMustBeIntegerLiteralsThatFitIn64Bits() throws {
        #expect(try reasons(#"{"count": -9223372036854775808}"#) == [])
        #expect(error(#"{"count": 5.0}"#) == "input 'count' must be an int (64-bit integer), got 5.0")
        #expect(error(#"{"count": 1e3}"#) == "input 'count' must be an int (64-bit integer), got 1e3")
        #expect(error(#"{"count": 9223372036854775808}"#) == "input 'count' must be an int (64-bit integer), got 9223372036854775808")
        #expect(try reasons(#"{"count": 0, "ratio": 1}"#) == ["RATIO"])
    }

    @Test(arguments: [
        (#"{"count": 1, "flag": "true"}"#, "input 'flag' must be true or false, got \"true\""),
        (#"{"count": 1, "carrier": {"name": 42}}"#, "input 'carrier.name' must be a string, got 42"),
        (#"{"count": 1, "carrier": {"line_type": "Mobile"}}"#, "input 'carrier.line_type': \"Mobile\" is not one of \"mobile\", \"landline\""),
        (#"{"count": 1, "carrier": {"line_type": ["mobile"]}}"#, "input 'carrier.line_type' must be one of \"mobile\", \"landline\", got a list"),
        (#"{"count": 1, "age": "1h30m"}"#, "input 'age' must be a duration (a number of seconds, or a string like \"90s\", \"15m\", \"36h\", \"7d\"), got \"1h30m\""),
        (#"{"count": 1, "age": "1.5h"}"#, "input 'age' must be a duration (a number of seconds, or a string like \"90s\", \"15m\", \"36h\", \"7d\"), got \"1.5h\""),
        (#"{"count": 1, "age": 1.5}"#, "input 'age' must be a duration (a number of seconds, or a string like \"90s\", \"15m\", \"36h\", \"7d\"), got 1.5"),
        (#"{"count": {"value": 1}}"#, "input 'count' must be an int (64-bit integer), got an object"),
        (#"{"ratio": 1}"#, "missing required input 'count'"),
        (#"{"count": null}"#, "missing required input 'count'"),
        (#"{"count": 1, "carrier": {"name": "a"}, "carrier.name": "b"}"#, "input 'carrier.name' is given more than once (a nested key and a dotted key name the same input)"),
        (#"{"count": 1, "count": 2}"#, "duplicate key 'count' in the JSON object"),
        (#"{"count": 1,}"#, "invalid JSON at column 13: expected a string key"),
        (#"{"count": 1} x"#, "invalid JSON at column 14: unexpected text after the value"),
        (#"[1]"#, "the signals must be a JSON object, got a list"),
        (#"{"count": 1, "carrier": {"name": "\ud800"}}"#, "invalid JSON at column 41: unpaired surrogate in \\u escape"),
    ])
    func wrongInputsNameTheInputAndWhatWasExpected(json: String, message: String) {
        #expect(error(json) == message)
    }

    @Test func undeclaredKeysAreIgnoredUnlessStrict() throws {
        let json = #"{"count": 1, "device": {"id": "x"}, "carrier": {"mcc": "234"}, "note": null}"#
        #expect(try reasons(json) == ["COUNT"])
        #expect(error(json, strict: true) == "undeclared input 'device.id' (strict mode)")
        #expect(error(#"{"count": 1, "note": null}"#, strict: true) == "undeclared input 'note' (strict mode)")
        #expect(error(#"{"count": 1, "carrier": {"mcc": "234"}}"#, strict: true) == "undeclared input 'carrier.mcc' (strict mode)")
    }

    @Test func malformedAndUnusualJSONIsReportedPrecisely() throws {
        let deep = String(repeating: "[", count: 70) + String(repeating: "]", count: 70)
        #expect(error(#"{"count": 1, "x": \#(deep)}"#) == "invalid JSON at column 82: nested more than 64 levels deep")
        #expect(error(#"{"count": 1, "x": [1, {"a": tru}]}"#) == "invalid JSON at column 29: invalid literal")
        #expect(error(#"{"count": 1"#) == "invalid JSON at column 12: unexpected end of input")
        #expect(error(#"{"count": 01}"#) == "invalid JSON at column 12: expected ',' or '}' in an object")
        #expect(error("") == "invalid JSON at column 1: unexpected end of input")
        #expect(try reasons(#"{"count": 1, "carrier": 5}"#) == ["COUNT"])
        #expect(error(#"{"count": 1, "carrier": 5}"#, strict: true) == "undeclared input 'carrier' (strict mode)")
        #expect(error(#"{"count": 1, "carrier": {"extra": {}}}"#, strict: true) == "undeclared input 'carrier.extra' (strict mode)")
        #expect(error(#"{"count": 1, "flags": {}}"#, strict: true) == "undeclared input 'flags' (strict mode)")
    }

    @Test func jsonStringEscapesAreDecoded() throws {
        let named = try compile("""
            policy p version 1
            input name: string
            score 1 HIT when name == "a\\"b\\\\c\\n\\u{1F4F1}"
            """)
        #expect(try named.evaluate(json: #"{"name": "a\"b\\c\n\ud83d\udcf1"}"#).reasons == ["HIT"])
    }

    @Test func typedSignalsFollowTheSameRules() throws {
        #expect(try policy.evaluate(["count": .int(1), "ratio": .int(1), "age": .duration(seconds: 5)]).reasons == ["COUNT", "RATIO", "YOUNG"])
        #expect(throws: PolicyInputError(message: "input 'age' must be a duration (a number of seconds, or a string like \"90s\", \"15m\", \"36h\", \"7d\"), got 5", input: "age")) {
            try policy.evaluate(["count": .int(1), "age": .int(5)])
        }
        #expect(throws: PolicyInputError(message: "undeclared input 'extra' (strict mode)", input: "extra")) {
            try policy.evaluate(["count": .int(1), "extra": .bool(true)], strict: true)
        }
        #expect(throws: PolicyInputError(message: "missing required input 'count'", input: "count")) {
            try policy.evaluate([:])
        }
    }

    @Test func aReusedFrameForgetsThePreviousInput() throws {
        let frame = policy.makeFrame()
        try frame.load(json: #"{"count": 1, "flag": true, "carrier": {"name": "one-off"}}"#)
        #expect(policy.reasons(in: frame).isEmpty)
        _ = policy.evaluate(frame)
        #expect(policy.reasons(in: frame) == ["COUNT", "FLAG", "NAMED"])
        try frame.load(json: #"{"count": 0}"#)
        #expect(policy.result(policy.evaluate(frame), in: frame).reasons == [])
    }
}
