import Foundation

/// One line of the anchors' `data/reference.json`: `[decision, risk, [score codes]]`.
struct ReferenceResult: Decodable, Equatable {
    /// `pass`, `step_up`, `review` or `block`.
    var decision: String
    /// The clamped risk.
    var risk: Int
    /// The score rules' codes that fired, in rule order.
    var reasons: [String]

    init(decision: String, risk: Int, reasons: [String]) {
        self.decision = decision
        self.risk = risk
        self.reasons = reasons
    }

    init(from decoder: any Decoder) throws {
        var triple = try decoder.unkeyedContainer()
        decision = try triple.decode(String.self)
        risk = try triple.decode(Int.self)
        reasons = try triple.decode([String].self)
        guard triple.isAtEnd else {
            throw DecodingError.dataCorruptedError(in: triple, debugDescription: "more than three members")
        }
    }

    /// Reads the whole reference file.
    /// - Parameter path: the file.
    /// - Throws: `HarnessError` when it is unreadable or not the expected shape.
    static func load(_ path: String) throws(HarnessError) -> [ReferenceResult] {
        guard let data = FileManager.default.contents(atPath: path) else { throw .unreadable(path: path) }
        do {
            return try JSONDecoder().decode([ReferenceResult].self, from: data)
        } catch {
            throw .referenceFile(path: path, reason: String(describing: error))
        }
    }
}

extension ReferenceResult: CustomStringConvertible {
    var description: String { "\(decision) risk \(risk) [\(reasons.joined(separator: ","))]" }
}
