import Testing
@testable import RuleEngine

/// Keys and values are matched by bytes only where that equals `String` comparison; these
/// pin the cases where it does not (canonical equivalence, escapes, invalid UTF-8) and the
/// byte-level number and duration readers against the standard library's.
@Suite("Byte-level JSON decoding agrees with String semantics")
struct ByteLevelDecodingTests {
    private let policy: CompiledPolicy

    init() throws {
        policy = try compile("""
            policy bytes version 1
            input count: int
            input ratio: float?
            input age: duration?
            input label: "caf\\u{e9}" | "K" | "plain"?
            input carrier.name: string?
            input other: string?
            score 1 CAFE when label == "caf\\u{e9}"
            score 1 SAME when carrier.name == other
            score 1 KNOWN when other in ["\\u{212A}", "EE"]
            score 1 RATIO when ratio > 0.5
            score 1 YOUNG when age < 1d
            score 1 MANY when count > 9
            """)
    }

    private func reasons(_ json: String) throws -> [String] { try policy.evaluate(json: json).reasons }

    private func error(_ json: String, strict: Bool = false) -> String? {
        do {
            _ = try policy.evaluate(json: json, strict: strict)
            return nil
        } catch {
            return error.message
        }
    }

    @Test func canonicallyEquivalentTextMatchesCasesAndPolicyStrings() throws {
        #expect(try reasons(#"{"count": 1, "label": "cafe\u0301"}"#) == ["CAFE"])
        #expect(try reasons(#"{"count": 1, "label": "café"}"#) == ["CAFE"])
        // U+212A KELVIN SIGN is canonically equivalent to the ASCII letter K, both ways.
        #expect(try reasons(#"{"count": 1, "label": "\u212a"}"#) == [])
        #expect(try reasons(#"{"count": 1, "other": "K"}"#) == ["KNOWN"])
        #expect(error(#"{"count": 1, "label": "k"}"#) == #"input 'label': "k" is not one of "café", "K", "plain""#)
    }

    @Test func frameLocalStringsCompareAsStrings() throws {
        #expect(try reasons(#"{"count": 1, "carrier": {"name": "zz"}, "other": "z\u007a"}"#) == ["SAME"])
        #expect(try reasons(#"{"count": 1, "carrier": {"name": "e\u0301"}, "other": "\u00e9"}"#) == ["SAME"])
        #expect(try reasons(#"{"count": 1, "carrier": {"name": "\ud83d\ude00"}, "other": "😀"}"#) == ["SAME"])
        #expect(try reasons(#"{"count": 1, "carrier": {"name": "zz"}, "other": "zZ"}"#) == [])
    }

    @Test func duplicateKeysAreFoundWhateverTheirSpelling() {
        #expect(error(#"{"count": 1, "c\u006funt": 2}"#) == "duplicate key 'count' in the JSON object")
        #expect(error(#"{"count": 1, "x": 1, "\u0078": 2}"#) == "duplicate key 'x' in the JSON object")
        #expect(error(#"{"count": 1, "K": 1, "\u212a": 2}"#) == "duplicate key 'K' in the JSON object")
        #expect(error(#"{"count": 1, "carrier": {"name": "a"}, "carrier.name": "b"}"#)
            == "input 'carrier.name' is given more than once (a nested key and a dotted key name the same input)")
        #expect(error(#"{"count": 1, "carrier": {"x": 1, "x": 2}}"#) == "duplicate key 'carrier.x' in the JSON object")
    }

    @Test func escapedAndDottedKeysResolveLikeTheirPlainSpelling() throws {
        #expect(try reasons(#"{"c\u006funt": 10}"#) == ["MANY"])
        #expect(try reasons(#"{"count": 1, "carrier.name": "EE", "other": "EE"}"#) == ["SAME", "KNOWN"])
        #expect(error(#"{"count": 1, "carrier..name": 1}"#, strict: true) == "undeclared input 'carrier..name' (strict mode)")
        #expect(error(#"{"count": 1, "carrier": {"zz": {"q": 1}}}"#, strict: true) == "undeclared input 'carrier.zz.q' (strict mode)")
    }

    @Test func durationsReadFromBytesFollowTheContract() throws {
        #expect(try reasons(#"{"count": 1, "age": "36m"}"#) == ["YOUNG"])
        #expect(try reasons(#"{"count": 1, "age": "2d"}"#) == [])
        for bad in ["+5s", "5", "s", "1.5h", "١s", "99999999999999999999s", "106751991167301d"] {
            #expect(error(#"{"count": 1, "age": "\#(bad)"}"#)?.hasPrefix("input 'age' must be a duration") == true, "\(bad)")
        }
    }

    @Test func integersAreReadLikeInt64OfTheirText() {
        for text in ["0", "-0", "7", "-7", "999999999999999999", "-99999999999999999", "9223372036854775807", "-9223372036854775808", "9223372036854775808",
                     "-9223372036854775809", "12345678901234567890123"] {
            let parsed = Array(text.utf8).withUnsafeBufferPointer { SignalDecoder.integer($0.baseAddress!, $0.count) }
            #expect(parsed == Int64(text), "\(text)")
        }
    }

    @Test func decimalsTakenByTheFastPathEqualDoubleOfTheirText() {
        var state: UInt64 = 0x5EED
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        var fast = 0
        for _ in 0..<20_000 {
            var text = next(4) == 0 ? "-" : ""
            let whole = next(10)
            text += whole == 0 ? "0" : String(next(9) + 1) + String((0..<whole).map { _ in Character(String(next(10))) })
            if next(5) != 0 { text += "." + String((0..<(next(24) + 1)).map { _ in Character(String(next(10))) }) }
            let value = Array(text.utf8).withUnsafeBufferPointer {
                SignalDecoder.double($0.baseAddress!, $0.count, integral: !text.contains("."))
            }
            guard let value else { continue }
            fast += 1
            #expect(value.bitPattern == Double(text)!.bitPattern, "\(text)")
        }
        #expect(fast > 10_000)
    }

    @Test func floatsOutsideTheFastPathStillParse() throws {
        #expect(try reasons(#"{"count": 1, "ratio": 6e-1}"#) == ["RATIO"])
        #expect(try reasons(#"{"count": 1, "ratio": 0.50000000000000000001}"#) == [])
        #expect(try reasons(#"{"count": 1, "ratio": 1e400}"#) == ["RATIO"])
        #expect(try reasons(#"{"count": 1, "ratio": -0.0}"#) == [])
    }
}
