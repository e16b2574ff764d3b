import Foundation
import RuleEngine
import SeededRandom

/// The bench-26 policy text, read at run time from the anchors folder beside the
/// repository (`../shared/bench/anchors/bench26.rules`), so that the build never
/// depends on it.
///
/// The folder is `$ANCHORS_DIR` when set (as for `Benchmarks/compare`), otherwise
/// the first `shared/bench/anchors` found walking up from the current directory
/// (the benchmark runs from `Benchmarks/`, the repository root or elsewhere inside it).
/// - Returns: the policy's path and text.
func bench26Policy() -> (path: String, source: String) {
    let fileManager = FileManager.default
    var folders: [String] = []
    if let configured = ProcessInfo.processInfo.environment["ANCHORS_DIR"], !configured.isEmpty {
        folders.append(configured)
    }
    var directory = URL(fileURLWithPath: fileManager.currentDirectoryPath)
    while directory.path != "/" {
        folders.append(directory.appendingPathComponent("shared/bench/anchors").path)
        directory.deleteLastPathComponent()
    }
    for folder in folders {
        let path = folder + "/bench26.rules"
        if let source = try? String(contentsOfFile: path, encoding: .utf8) { return (path, source) }
    }
    fatalError("""
        bench26.rules not found: looked in \(folders.map { $0 + "/bench26.rules" }.joined(separator: ", ")). \
        Run from inside the repository with the anchors at ../shared/bench/anchors, or set ANCHORS_DIR.
        """)
}

/// `count` bench-26 inputs drawn like the anchors' `gen_inputs.py`: the same
/// value sets, weights and rule boundaries (a quarter of the integers on a
/// boundary, `sim_swap_age_days` absent in about 30%, near-miss carrier names,
/// code entry times around 2.0 s). The draws come from `SplitMix64`, so the
/// set is fixed from run to run but is not the anchors' Mersenne Twister set.
func bench26Signals(count: Int, seed: UInt64 = 26) -> [[String: SignalValue]] {
    var g = SplitMix64(seed: seed)
    let lineTypes: [(String, Int)] = [
        ("mobile", 45), ("landline", 10), ("fixed_voip", 10), ("non_fixed_voip", 10),
        ("toll_free", 4), ("premium", 4), ("unknown", 17),
    ]
    let riskyCarriers = ["Pumpcell", "Shady Mobile", "Grey Route Ltd", "Intl Premium", "TestCarrierX"]
    let okCarriers = [
        "Verizon Wireless", "T-Mobile USA", "AT&T Mobility", "Vodafone UK", "Orange France",
        "Telefonica", "MTN Nigeria", "Jazz", "Grameenphone", "Telkomsel", "Viettel",
        "Bandwidth.com", "Twilio", "Google Voice", "Pumpcell Ltd", "shady mobile",
    ]
    let pumping = ["NG", "PK", "BD", "ID", "VN", "EG", "UZ", "KG"]
    let others = ["US", "GB", "DE", "FR", "CA", "AU", "IN", "BR", "MX", "JP", "ES", "IT", "NL", "SE", "ZA", "KE"]
    return (0..<count).map { _ in
        var signals: [String: SignalValue] = [:]
        signals["trust_score"] = .int(g.int(0...1000, boundaries: [0, 199, 200, 201, 499, 500, 501, 799, 800, 801, 1000]))
        signals["line_type"] = .string(g.weighted(lineTypes))
        signals["carrier"] = .string(g.chance(0.2) ? riskyCarriers.pick(&g) : okCarriers.pick(&g))
        let country = g.chance(0.3) ? pumping.pick(&g) : others.pick(&g)
        signals["country"] = .string(country)
        signals["ip_country"] = .string(g.chance(0.7) ? country : (pumping + others).pick(&g))
        signals["ported"] = .bool(g.chance(0.25))
        signals["ported_age_days"] = .int(g.int(0...400, boundaries: [0, 29, 30, 31]))
        if !g.chance(0.3) {
            signals["sim_swap_age_days"] = .int(
                g.chance(0.6) ? g.int(0...20, boundaries: [0, 2, 3, 13, 14], probability: 0.4) : g.int(0...900))
        }
        signals["attempts_1h"] = .int(g.chance(0.75) ? g.int(0...3) : g.int(0...8, boundaries: [3, 4]))
        signals["attempts_24h"] = .int(g.chance(0.8) ? g.int(0...12) : g.int(0...80, boundaries: [10, 11, 50, 51]))
        signals["failed_codes"] = .int(
            g.chance(0.75) ? [0, 0, 0, 1, 2].pick(&g) : g.int(0...6, boundaries: [0, 2, 3], probability: 0.4))
        signals["accounts_per_phone_30d"] = .int(g.chance(0.75) ? [1, 1, 2].pick(&g) : g.int(0...5, boundaries: [2, 3]))
        signals["code_entry_seconds"] = .float(
            g.chance(0.05) ? [1.999, 2.0, 2.001].pick(&g) : ((0.2 + g.unit() * 29.8) * 1000).rounded() / 1000)
        signals["account_age_days"] = .int(g.int(0...2000, boundaries: [0, 1, 365, 366]))
        signals["call_forwarding"] = .bool(g.chance(0.1))
        return signals
    }
}

extension SplitMix64 {
    /// A double in [0, 1), from the top 53 bits.
    mutating func unit() -> Double { Double(next() >> 11) * 0x1p-53 }

    mutating func chance(_ probability: Double) -> Bool { unit() < probability }

    /// A value in `range`, or, with `probability`, one of `boundaries`.
    mutating func int(_ range: ClosedRange<Int64>, boundaries: [Int64] = [], probability: Double = 0.25) -> Int64 {
        if !boundaries.isEmpty, chance(probability) { return boundaries.pick(&self) }
        return range.lowerBound + Int64(next() % UInt64(range.upperBound - range.lowerBound + 1))
    }

    mutating func weighted(_ pairs: [(String, Int)]) -> String {
        var draw = Int(next() % UInt64(pairs.reduce(0) { $0 + $1.1 }))
        for (value, weight) in pairs {
            if draw < weight { return value }
            draw -= weight
        }
        return pairs[pairs.count - 1].0
    }
}
