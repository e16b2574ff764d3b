import Testing
@testable import PhoneNumbers

/// The plain-ASCII fast path reads exactly what the general text handling reads.
@Suite struct WrittenNumberTests {
    @Test func fastPathAgreesWithTheGeneralPathOnEveryCorpusInput() throws {
        let corpus = try Corpus.load()
        var compared = 0
        for record in corpus.records {
            let fast = Result { () throws(PhoneNumberParseError) in try WrittenNumber(reading: record.input) }
            let general = Result { () throws(PhoneNumberParseError) in try WrittenNumber(generalReading: record.input) }
            switch (fast, general) {
            case (.success(let a), .success(let b)):
                #expect(a.digits == b.digits && a.plusPrefixed == b.plusPrefixed, "\(record.input.debugDescription)")
            case (.failure(let a), .failure(let b)):
                #expect(a == b, "\(record.input.debugDescription)")
            default:
                Issue.record("paths disagree on \(record.input.debugDescription): \(fast) vs \(general)")
            }
            compared += 1
        }
        #expect(compared == corpus.records.count)
    }

    @Test(arguments: ["(+44) 7400 123456", "+44 (0) 7400-123.456", "[+1] 650/253/0000", "  +1 650 253 0000  "])
    func punctuationAroundTheNumberIsDropped(text: String) throws {
        let written = try WrittenNumber(reading: text)
        #expect(written.plusPrefixed)
        #expect(try WrittenNumber(generalReading: text).digits == written.digits)
    }
}
