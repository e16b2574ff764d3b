/// The answers of the carrier packages of one number, one slot per package,
/// so the warm path fills them without a dictionary.
struct CarrierAnswers: Sendable {
    private var lineType: CarrierFacts?
    private var simSwap: CarrierFacts?
    private var callForwarding: CarrierFacts?
    private var smsPumpingRisk: CarrierFacts?
    private var lineStatus: CarrierFacts?

    /// The answer of `field`; `nil` when it was not asked or cannot tell.
    subscript(field: CarrierField) -> CarrierFacts? {
        get {
            switch field {
            case .lineType: lineType
            case .simSwap: simSwap
            case .callForwarding: callForwarding
            case .smsPumpingRisk: smsPumpingRisk
            case .lineStatus: lineStatus
            }
        }
        set {
            switch field {
            case .lineType: lineType = newValue
            case .simSwap: simSwap = newValue
            case .callForwarding: callForwarding = newValue
            case .smsPumpingRisk: smsPumpingRisk = newValue
            case .lineStatus: lineStatus = newValue
            }
        }
    }

    /// The packages merged in ``CarrierField`` order (line type first: its
    /// fields win), or `nil` when none answered.
    var merged: CarrierFacts? {
        var merged: CarrierFacts?
        for field in CarrierField.allCases {
            guard let facts = self[field] else { continue }
            merged = merged?.filling(from: facts) ?? facts
        }
        return merged
    }
}
