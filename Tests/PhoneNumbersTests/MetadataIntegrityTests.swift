import Foundation
import Testing
@testable import PhoneNumbers

/// The committed data is what the generator wrote from the release it records.
@Suite struct MetadataIntegrityTests {
    static let generatedFile = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Sources/PhoneNumbers/Generated/MetadataPayload+Data.swift")

    static func fnv1a64(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01B3
        }
        return hash
    }

    @Test func payloadMatchesTheChecksumRecordedAtGeneration() {
        #expect(Self.fnv1a64(MetadataPayload.text) == MetadataPayload.checksum)
    }

    @Test func corpusPayloadAndHeaderRecordTheSameSourceVersion() throws {
        let corpus = try Corpus.load()
        #expect(corpus.header.source == "phonenumbers")
        #expect(corpus.header.version == PhoneNumberMetadata.sourceVersion)
        let generated = try String(contentsOf: Self.generatedFile, encoding: .utf8)
        #expect(generated.contains("`phonenumbers` \(PhoneNumberMetadata.sourceVersion)."))
        #expect(PhoneNumberMetadata.sourceVersion.split(separator: ".").count == 3)
    }

    @Test func everyRegionAndCallingCodeDecodes() {
        let tables = MetadataTables.shared
        #expect(PhoneNumberMetadata.supportedRegions.count == 245)
        #expect(PhoneNumberMetadata.isSupportedRegion("gb"))
        #expect(!PhoneNumberMetadata.isSupportedRegion("ZZ"))
        #expect(tables.regions(callingCode: 1).first?.id == "US")
        #expect(tables.regions(callingCode: 44).map(\.id) == ["GB", "GG", "IM", "JE"])
        #expect(tables.regions(callingCode: 800).map(\.id) == ["001"])
        #expect(tables.regions(callingCode: 0).isEmpty)
        #expect(tables.regions(callingCode: 999).isEmpty)
        for region in tables.regionsByID.values {
            #expect(region.automaton.transitions.count == region.automaton.accepts.count * 10)
            #expect(region.generalLengths != 0, "\(region.id) has no possible lengths")
        }
    }

    @Test func firstUseFromManyTasksAtOnceGivesOneAnswer() async {
        let answers = await withTaskGroup(of: String.self) { group in
            for _ in 0..<16 {
                group.addTask { (try? PhoneNumber.parse("+447400123456").e164) ?? "failed" }
            }
            return await group.reduce(into: Set<String>()) { $0.insert($1) }
        }
        #expect(answers == ["+447400123456"])
    }
}
