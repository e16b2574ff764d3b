import Testing
@testable import PhoneNumbers

/// Agreement with libphonenumber, the bar of issue 3: on the generated corpus,
/// whether the input parses, and then E.164, validity, region, calling code
/// and type must match Python's answers on at least 99.9% of the records.
@Suite struct CorpusAgreementTests {
    /// What went wrong on one record, named by the field that differs.
    struct Disagreement: CustomStringConvertible {
        let record: Corpus.Record
        let field: String
        let ours: String

        var description: String {
            "[\(record.class)] \(field): \(record.input.debugDescription) region \(record.region ?? "-") ours \(ours)"
        }
    }

    static func compare(_ record: Corpus.Record) -> Disagreement? {
        let parsed: PhoneNumber
        do {
            parsed = try PhoneNumber.parse(record.input, defaultRegion: record.region)
        } catch {
            return record.ok ? Disagreement(record: record, field: "parses", ours: "error \(error)") : nil
        }
        guard record.ok else { return Disagreement(record: record, field: "parses", ours: "parsed \(parsed.e164)") }
        let checks: [(String, String, String)] = [
            ("e164", parsed.e164, record.e164 ?? ""),
            ("valid", String(parsed.isValid), String(record.valid ?? false)),
            ("country", parsed.region ?? "nil", record.country ?? "nil"),
            ("country_code", String(parsed.countryCode), String(record.country_code ?? 0)),
            ("type", parsed.type.rawValue, record.type ?? ""),
        ]
        for (field, ours, theirs) in checks where ours != theirs {
            return Disagreement(record: record, field: field, ours: "\(ours) (libphonenumber \(theirs))")
        }
        return nil
    }

    /// The deliberate differences of docs/PHONE_NUMBERS.md ("Where PhoneNumbers
    /// differs"), by name; nil for a disagreement nothing explains.
    static func explanation(of disagreement: Disagreement) -> String? {
        guard disagreement.field == "parses" else { return nil }
        // libphonenumber reads letters as keypad digits ("1-800-FLOWERS") or drops them; PhoneRisk rejects them.
        if disagreement.ours.hasPrefix("error letters are not allowed") { return "letters rejected" }
        // libphonenumber only knows upper-case region codes; PhoneRisk accepts any case.
        if let region = disagreement.record.region, region != region.uppercased(), !disagreement.record.ok {
            return "region code in lower case"
        }
        return nil
    }

    @Test func agreesWithLibphonenumberOnAtLeast999Per1000() throws {
        let corpus = try Corpus.load()
        #expect(corpus.records.count == corpus.header.records)
        #expect(corpus.records.count > 9000)
        let disagreements = corpus.records.compactMap(Self.compare)
        let agreement = Double(corpus.records.count - disagreements.count) / Double(corpus.records.count)
        let byClass = Dictionary(grouping: disagreements) { "\($0.record.class)/\($0.field)" }
        for (key, items) in byClass.sorted(by: { $0.key < $1.key }) {
            print("disagreement class \(key): \(items.count)")
            for item in items.prefix(5) { print("  \(item)") }
        }
        print("agreement \(corpus.records.count - disagreements.count)/\(corpus.records.count) = \(agreement)")
        #expect(agreement >= 0.999)
        let unexplained = disagreements.filter { Self.explanation(of: $0) == nil }
        #expect(unexplained.isEmpty, "unexplained disagreements: \(unexplained.prefix(20))")
    }

    @Test func carrierNamesAgreeForValidMobileRanges() throws {
        let corpus = try Corpus.load()
        var compared = 0
        var mismatches: [String] = []
        for record in corpus.records where record.ok && record.valid == true {
            guard let parsed = try? PhoneNumber.parse(record.input, defaultRegion: record.region) else { continue }
            compared += 1
            if parsed.carrier != record.carrier {
                mismatches.append("\(record.input): \(parsed.carrier ?? "nil") vs \(record.carrier ?? "nil")")
            }
        }
        #expect(compared > 3000)
        #expect(mismatches.isEmpty, "\(mismatches.prefix(20))")
    }
}
