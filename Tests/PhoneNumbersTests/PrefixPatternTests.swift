import Testing
@testable import PhoneNumbers

/// Prefix patterns keep Python's `re.match` choice: the first alternative in
/// backtracking order wins, not the longest.
@Suite struct PrefixPatternTests {
    static func digits(_ text: String) -> [UInt8] { text.utf8.map { $0 - 0x30 } }

    @Test func firstAlternativeWinsOverALongerOne() throws {
        // "0|00": Python's re.match("0|00", "00…") ends after one digit.
        let pattern = MetadataTables.decodePrefixPattern("001/ 001001/")
        #expect(pattern.match(Self.digits("0012"))?.length == 1)
        #expect(pattern.match(Self.digits("2123")) == nil)
        // "0|180020" (GB): the second alternative when the first cannot match.
        let britain = MetadataTables.decodePrefixPattern("001/ 002100001001004001/")
        #expect(britain.match(Self.digits("1800201234"))?.length == 6)
        #expect(britain.match(Self.digits("1800211234")) == nil)
    }

    @Test func anchoredAlternativesMustEndTheNumber() throws {
        // "([2-9]\d{6})$|1" with its group span.
        let pattern = MetadataTables.decodePrefixPattern("3fc3ff3ff3ff3ff3ff3ff$/0-7 002/-")
        let whole = try #require(pattern.match(Self.digits("2345678")))
        #expect(whole.length == 7)
        #expect(whole.groups == [0..<7])
        let prefix = try #require(pattern.match(Self.digits("12345678")))
        #expect(prefix.length == 1)
        #expect(prefix.groups == [nil])
        #expect(pattern.match(Self.digits("23456789")) == nil)
    }

    @Test func transformRebuildsTheNumberFromGroups() throws {
        let pattern = MetadataTables.decodePrefixPattern("3fc3ff3ff3ff3ff3ff3ff$/0-7 002/-")
        let number = Self.digits("2345678")
        let match = try #require(pattern.match(number))
        let transform = NationalPrefixTransform(pieces: [.digit(3), .digit(4), .digit(5), .group(1)])
        #expect(transform.replacement(for: match, in: number) == Self.digits("3452345678"))
    }
}
