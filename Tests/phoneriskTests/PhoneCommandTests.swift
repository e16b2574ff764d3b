import Foundation
import Testing

/// `phonerisk phone`, run as the built binary.
@Suite struct PhoneCommandTests {
    static func run(_ arguments: [String], stdin: String = "", environment: [String: String] = [:]) async throws -> BuiltCommand.Run {
        try await BuiltCommand.run(["phone"] + arguments, stdin: stdin, environment: environment)
    }

    @Test func argumentsAreAnsweredInOrderWithKeysInTheDocumentedOrder() async throws {
        let result = try await Self.run(["+44 7400 123456", "+44 1234", "+1-800-FLOWERS", "+12015550123"])
        #expect(result.status == 0)
        #expect(result.stdout == """
            {"input":"+44 7400 123456","valid":true,"e164":"+447400123456","country":"GB","country_code":44,"type":"mobile","carrier":"Three"}
            {"input":"+44 1234","valid":false,"e164":"+441234","country":null,"country_code":44,"type":"unknown","carrier":null}
            {"input":"+1-800-FLOWERS","valid":false,"error":"letters are not allowed (found 'F')"}
            {"input":"+12015550123","valid":true,"e164":"+12015550123","country":"US","country_code":1,"type":"fixed_line_or_mobile","carrier":null}

            """)
    }

    @Test func standardInputIsAnsweredLineByLineIncludingBlankLines() async throws {
        let result = try await Self.run(["--region", "GB"], stdin: "07400 123456\n\n+80012345678\r\n\"quoted\"\\\n020 7031 3000")
        #expect(result.status == 0)
        let lines = result.stdout.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        #expect(lines.count == 5)
        #expect(lines[0].hasPrefix(#"{"input":"07400 123456","valid":true,"e164":"+447400123456","country":"GB""#))
        #expect(lines[1] == #"{"input":"","valid":false,"error":"the input is empty"}"#)
        #expect(lines[2] == #"{"input":"+80012345678","valid":true,"e164":"+80012345678","country":"001","country_code":800,"type":"toll_free","carrier":null}"#)
        #expect(lines[3].hasPrefix(#"{"input":"\"quoted\"\\","valid":false,"error":"#))
        #expect(lines[4] == #"{"input":"020 7031 3000","valid":true,"e164":"+442070313000","country":"GB","country_code":44,"type":"fixed_line","carrier":null}"#)
    }

    @Test func withoutARegionOnlyPlusFormsParse() async throws {
        let result = try await Self.run(["07400 123456", "+44 7400 123456"])
        #expect(result.status == 0)
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.first?.contains(#""error":"a national number needs a region"#) == true)
        #expect(lines.last?.contains(#""valid":true"#) == true)
    }

    @Test func regionMayComeFromTheEnvironment() async throws {
        let result = try await Self.run(["07400 123456"], environment: ["PHONERISK_REGION": "GB"])
        #expect(result.stdout.contains(#""e164":"+447400123456""#))
    }

    @Test func anUnknownRegionIsAUsageError() async throws {
        let result = try await Self.run(["--region", "XX", "+44 7400 123456"])
        #expect(result.status == 64)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("unknown region 'XX'"))
    }

    @Test func helpDescribesTheOutput() async throws {
        let result = try await Self.run(["--help"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("--region"))
        #expect(result.stdout.contains("country_code"))
    }
}
