import Foundation

/// The agreement corpus written by Scripts/phone_metadata/corpus.py: inputs
/// with libphonenumber's (Python's) answers.
struct Corpus {
    struct Header: Decodable {
        let source: String
        let version: String
        let records: Int
    }

    struct Record: Decodable {
        let `class`: String
        let input: String
        let region: String?
        let ok: Bool
        let error: String?
        let e164: String?
        let valid: Bool?
        let country: String?
        let country_code: Int?
        let type: String?
        let carrier: String?
    }

    let header: Header
    let records: [Record]

    /// Beside its generator, outside the test target (SwiftPM warns about
    /// non-source files in a target folder).
    static let url = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Scripts/phone_metadata/corpus/libphonenumber_corpus.jsonl")

    static func load() throws -> Corpus {
        let text = try String(contentsOf: url, encoding: .utf8)
        let lines = text.split(separator: "\n")
        let decoder = JSONDecoder()
        let header = try decoder.decode(Header.self, from: Data(lines[0].utf8))
        let records = try lines.dropFirst().map { try decoder.decode(Record.self, from: Data($0.utf8)) }
        return Corpus(header: header, records: records)
    }
}
