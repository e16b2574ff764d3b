import Foundation

/// What one Prove Human Assurance call (`POST /v3/verify`) said about a
/// number, as cached (kind `prove`, 24 hours). `proveId` and
/// `provePhoneAlias` are not kept.
public struct ProveAnswer: Sendable, Hashable, Codable {
    /// Prove's `success`; `false` is an answer, not an error.
    public var success: Bool
    /// Prove's `correlationId`, for the logs.
    public var correlationID: String?
    /// `identity.assuranceLevel` `AL-1`…`AL3` as −1…3; nil for anything else.
    public var assuranceLevel: Int?
    /// `evaluation.authentication.result` when `pass` or `fail`.
    public var authentication: String?
    /// `evaluation.risk.result` when `pass` or `fail`.
    public var risk: String?
    /// The failure codes listed under any evaluation category, ascending;
    /// nil when the answer had no `evaluation`.
    public var failureCodes: [String]?
    /// When the answer arrived; the 24-hour bounds of 9135 and 9136 count from it.
    public var answeredAt: Date

    /// Creates an answer.
    /// - Parameters:
    ///   - success: Prove's `success`.
    ///   - correlationID: Prove's `correlationId`.
    ///   - assuranceLevel: the assurance level, −1…3.
    ///   - authentication: the authentication result.
    ///   - risk: the risk result.
    ///   - failureCodes: the failure codes, nil without an evaluation.
    ///   - answeredAt: when the answer arrived.
    public init(
        success: Bool, correlationID: String? = nil, assuranceLevel: Int? = nil, authentication: String? = nil,
        risk: String? = nil, failureCodes: [String]? = nil, answeredAt: Date
    ) {
        self.success = success
        self.correlationID = correlationID
        self.assuranceLevel = assuranceLevel
        self.authentication = authentication
        self.risk = risk
        self.failureCodes = failureCodes.map(Self.ascending)
        self.answeredAt = answeredAt
    }

    /// Reads the body of a 200 from `/v3/verify`.
    /// - Parameters:
    ///   - body: the response body.
    ///   - answeredAt: when it arrived.
    /// - Throws: ``ProveFailure/unreadable(_:)`` for a body that is not JSON, a `success` that is not
    ///   true or false, or an `evaluation`, `identity` or `failureReasons` that is not an object.
    public init(body: Data, answeredAt: Date) throws(ProveFailure) {
        let wire: VerifyResponse
        do {
            wire = try JSONDecoder().decode(VerifyResponse.self, from: body)
        } catch {
            throw .unreadable("the /v3/verify answer is not Prove's JSON (\(body.count) bytes)")
        }
        var codes: [String]?
        if let evaluation = wire.evaluation {
            codes = Array(Set(evaluation.values.flatMap { $0.failureReasons?.keys.map { $0 } ?? [] }))
        }
        self.init(
            success: wire.success.value, correlationID: wire.correlationId,
            assuranceLevel: wire.identity?.assuranceLevel.flatMap(Self.assuranceLevels.firstIndex(of:)).map { $0 - 1 },
            authentication: wire.evaluation?["authentication"]?.result.flatMap(Self.verdict),
            risk: wire.evaluation?["risk"]?.result.flatMap(Self.verdict),
            failureCodes: codes, answeredAt: answeredAt)
    }

    private static let assuranceLevels = ["AL-1", "AL0", "AL1", "AL2", "AL3"]

    private static func verdict(_ text: String) -> String? {
        text == "pass" || text == "fail" ? text : nil
    }

    /// Numeric codes in numeric order, then any others in text order.
    static func ascending(_ codes: [String]) -> [String] {
        codes.sorted { left, right in
            switch (Int(left), Int(right)) {
            case (let l?, let r?): l < r
            case (.some, nil): true
            case (nil, .some): false
            case (nil, nil): left < right
            }
        }
    }
}

/// The parts of Prove's `V3VerifyResponse` that are read.
private struct VerifyResponse: Decodable {
    struct Identity: Decodable {
        var assuranceLevel: String?
    }

    struct Category: Decodable {
        var result: String?
        var failureReasons: [String: AnyValue]?
    }

    /// Any JSON value, unread (a failure reason's description is never kept).
    struct AnyValue: Decodable {
        init(from decoder: any Decoder) throws {}
    }

    /// `"true"`/`"false"` as Prove writes it, or a JSON boolean.
    struct Flag: Decodable {
        var value: Bool

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let flag = try? container.decode(Bool.self) {
                value = flag
                return
            }
            switch try container.decode(String.self) {
            case "true": value = true
            case "false": value = false
            default: throw DecodingError.dataCorruptedError(in: container, debugDescription: "success is neither true nor false")
            }
        }
    }

    var success: Flag
    var correlationId: String?
    var identity: Identity?
    var evaluation: [String: Category]?
}
