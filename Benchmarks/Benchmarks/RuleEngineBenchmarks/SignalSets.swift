import RuleEngine
import SeededRandom

extension Array {
    func pick(_ generator: inout SplitMix64) -> Element { self[Int(generator.next() % UInt64(count))] }
}

/// `count` varied signal sets for the default policy, both stages: mostly clean
/// mobile numbers, with VoIP, premium, SIM swaps, ports, bursts, foreign IPs,
/// unknown trust and fast code entry mixed in, so every kind of rule fires somewhere.
func defaultPolicySignals(count: Int, seed: UInt64 = 2026) -> [[String: SignalValue]] {
    var g = SplitMix64(seed: seed)
    let lineTypes = ["mobile", "mobile", "mobile", "mobile", "landline", "fixed_voip", "non_fixed_voip", "unknown", "premium", "personal"]
    let phoneTypes = ["mobile", "mobile", "mobile", "fixed_line_or_mobile", "voip", "fixed_line", "toll_free", "premium_rate"]
    let countries = ["GB", "GB", "GB", "US", "DE", "FR", "NG", "PK", "IE", "BD"]
    let carriers = ["234", "310", "262", "901", "621"]
    // Policy v2's traffic and lookup signals come from a generator of their own, so the signals above stay
    // the ones every earlier figure was measured on.
    var t = SplitMix64(seed: seed &+ 1)
    return (0..<count).map { _ in
        let confirm = g.next() % 2 == 0
        let country = countries.pick(&g)
        var signals: [String: SignalValue] = [
            "stage": .string(confirm ? "confirm" : "create"),
            "phone.valid": .bool(g.next() % 50 != 0),
            "phone.country": .string(country),
            "phone.country_code": .int([44, 1, 49, 33, 234, 92, 353, 880, 882].pick(&g)),
            "phone.type": .string(phoneTypes.pick(&g)),
            "carrier.line_type": .string(lineTypes.pick(&g)),
            "account.age": .duration(seconds: Int64(g.next() % (86_400 * 400))),
            "behavior.attempts_1h": .int(Int64(g.next() % 8)),
            "behavior.attempts_24h": .int(Int64(g.next() % 16)),
            "behavior.country_sends_1h": .int(Int64(g.next() % 1500)),
            "behavior.accounts_per_phone_30d": .int(Int64(g.next() % 5)),
            "behavior.phones_per_account_30d": .int(Int64(g.next() % 8)),
            "behavior.failed_codes": .int(confirm ? Int64(g.next() % 6) : 0),
            "behavior.resends": .int(confirm ? Int64(g.next() % 4) : 0),
        ]
        if g.next() % 5 != 0 { signals["trust_score"] = .int(Int64(g.next() % 1001)) }
        if g.next() % 3 != 0 { signals["ip.country"] = .string(g.next() % 4 == 0 ? countries.pick(&g) : country) }
        if g.next() % 2 == 0 { signals["carrier.mcc"] = .string(carriers.pick(&g)) }
        if g.next() % 4 == 0 { signals["sim_swap.age"] = .duration(seconds: Int64(g.next() % (86_400 * 30))) }
        if g.next() % 3 == 0 {
            signals["carrier.ported"] = .bool(g.next() % 2 == 0)
            signals["carrier.ported_age"] = .duration(seconds: Int64(g.next() % (86_400 * 20)))
        }
        if g.next() % 3 == 0 { signals["call_forwarding"] = .bool(g.next() % 4 == 0) }
        if confirm, g.next() % 5 != 0 { signals["behavior.code_entry"] = .duration(seconds: Int64(g.next() % 60)) }
        if !confirm {
            // The create stage's traffic counters: mostly quiet, now and then a busy block, prefix or country;
            // conversions are missing while a cohort is too small.
            let busy = t.next() % 10 == 0
            signals["behavior.block_requests_10m"] = .int(Int64(t.next() % (busy ? 40 : 3)))
            signals["behavior.block_requests_1h"] = .int(Int64(t.next() % (busy ? 200 : 10)))
            signals["behavior.block_numbers_10m"] = .int(Int64(1 + t.next() % (busy ? 6 : 2)))
            signals["behavior.prefix_requests_10m"] = .int(Int64(t.next() % (busy ? 60 : 12)))
            signals["behavior.prefix_request_ratio_1h"] = .int(Int64(t.next() % (busy ? 3_000 : 250)))
            signals["behavior.country_request_ratio_1h"] = .int(Int64(t.next() % (busy ? 800 : 200)))
            if t.next() % 2 == 0 { signals["behavior.network_requests_1h"] = .int(Int64(t.next() % (busy ? 100 : 40))) }
            for name in ["behavior.prefix_conversion_1h", "behavior.prefix_conversion_24h",
                         "behavior.country_conversion_1h", "behavior.country_conversion_24h"] where t.next() % 3 != 0 {
                signals[name] = .int(Int64(busy ? t.next() % 60 : 40 + t.next() % 61))
            }
            if t.next() % 3 == 0 { signals["carrier.sms_pumping_score"] = .int(Int64(t.next() % 101)) }
            if t.next() % 50 == 0 { signals["carrier.number_blocked"] = .bool(true) }
            if t.next() % 3 == 0 { signals["carrier.line_status"] = .string(t.next() % 20 == 0 ? "inactive" : "active") }
        }
        return signals
    }
}

/// A generated policy of `rules` rules over 20 inputs of every type, for compile-time benchmarks.
func generatedPolicy(rules: Int, seed: UInt64 = 1000) -> String {
    var g = SplitMix64(seed: seed)
    var text = "policy generated version 1\n"
    for index in 0..<5 { text += "input count\(index): int\ninput ratio\(index): float?\n" }
    for index in 0..<4 { text += "input age\(index): duration?\ninput name\(index): string?\n" }
    text += "input line: \"mobile\" | \"landline\" | \"voip\" | \"premium\"\ninput flag: bool?\n"
    text += "let busy = count0 + count1 * 2 > 40\n"
    for index in 0..<rules {
        let condition: String
        switch g.next() % 6 {
        case 0: condition = "count\(g.next() % 5) > \(g.next() % 100) and not busy"
        case 1: condition = "ratio\(g.next() % 5) * 2.5 >= \(g.next() % 10).5 or flag"
        case 2: condition = "age\(g.next() % 4) < \(g.next() % 30 + 1)d"
        case 3: condition = "name\(g.next() % 4) in [\"a\(g.next() % 9)\", \"b\", \"c\"] or starts_with(name0 ?? \"\", \"x\")"
        case 4: condition = "line in [\"voip\", \"premium\"] and count\(g.next() % 5) % 7 == \(g.next() % 7)"
        default: condition = "max(count\(g.next() % 5), count\(g.next() % 5)) - min(count2, 3) > \(g.next() % 50)"
        }
        let head = index % 10 == 9 ? ["block", "review", "step_up"].pick(&g) : "score +\(g.next() % 300)"
        text += "\(head) R\(index) when \(condition)\n"
    }
    return text + "review HIGH when risk >= 700\n"
}
