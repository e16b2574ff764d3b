import Foundation
import PhoneNumbers
import RuleEngine
import SignalStore

extension [String: SignalValue] {
    /// Adds `phone.*` from the number's metadata.
    mutating func addMetadata(of number: PhoneNumber) {
        self[SignalName.phoneValid] = .bool(number.isValid)
        // Every parsed number has one: "001" for non-geographic numbers, "ZZ" when no region fits.
        self[SignalName.phoneCountry] = .string(number.behaviorCountry)
        self[SignalName.phoneCountryCode] = .int(Int64(number.countryCode))
        self[SignalName.phoneType] = .string(number.type.rawValue)
    }

    /// Adds `carrier.*` (SMS pumping score, number blocked and line status
    /// included), `sim_swap.age` and `call_forwarding` from the lookup
    /// when it answered, else from the metadata (original carrier, derived
    /// line type).
    mutating func addCarrier(_ facts: CarrierFacts?, number: PhoneNumber, now: Date) {
        if let name = facts?.carrierName ?? number.carrier, !name.isEmpty {
            self[SignalName.carrierName] = .string(name)
        }
        // A lookup that answers "unknown" knows less than the metadata.
        let lineType = facts?.lineType.flatMap { $0 == .unknown ? nil : $0 } ?? LineType(derivedFrom: number.type)
        self[SignalName.carrierLineType] = .string(lineType.rawValue)
        guard let facts else { return }
        if let mcc = facts.mobileCountryCode { self[SignalName.carrierMCC] = .string(mcc) }
        if let mnc = facts.mobileNetworkCode { self[SignalName.carrierMNC] = .string(mnc) }
        if let ported = facts.ported { self[SignalName.carrierPorted] = .bool(ported) }
        if let portedAt = facts.portedAt {
            self[SignalName.carrierPortedAge] = .duration(seconds: now.seconds(since: portedAt))
        }
        if let swappedAt = facts.simSwappedAt {
            self[SignalName.simSwapAge] = .duration(seconds: now.seconds(since: swappedAt))
        }
        if let forwarding = facts.callForwarding { self[SignalName.callForwarding] = .bool(forwarding) }
        if let score = facts.smsPumpingScore { self[SignalName.carrierSMSPumpingScore] = .int(Int64(score)) }
        if let blocked = facts.numberBlocked { self[SignalName.carrierNumberBlocked] = .bool(blocked) }
        if let status = facts.lineStatus { self[SignalName.carrierLineStatus] = .string(status) }
    }

    /// Adds the windowed `behavior.*` counts.
    mutating func addBehavior(_ counts: BehaviorCounts) {
        self[SignalName.attempts1h] = .int(Int64(counts.attempts1h))
        self[SignalName.attempts24h] = .int(Int64(counts.attempts24h))
        self[SignalName.countrySends1h] = .int(Int64(counts.countrySends1h))
        self[SignalName.accountsPerPhone30d] = .int(Int64(counts.accountsPerPhone30d))
        self[SignalName.phonesPerAccount30d] = .int(Int64(counts.phonesPerAccount30d))
        if let traffic = counts.traffic { addTraffic(traffic) }
    }

    /// Adds the deployment-relative traffic signals; a count that cannot tell stays missing.
    mutating func addTraffic(_ traffic: TrafficCounts) {
        self[SignalName.blockRequests10m] = .int(Int64(traffic.blockRequests10m))
        self[SignalName.blockRequests1h] = .int(Int64(traffic.blockRequests1h))
        self[SignalName.prefixRequests10m] = .int(Int64(traffic.prefixRequests10m))
        self[SignalName.prefixRequests1h] = .int(Int64(traffic.prefixRequests1h))
        if let requests = traffic.networkRequests1h { self[SignalName.networkRequests1h] = .int(Int64(requests)) }
        self[SignalName.blockNumbers10m] = .int(Int64(traffic.blockNumbers10m))
        if let conversion = traffic.countryConversion1h { self[SignalName.countryConversion1h] = .percent(conversion) }
        if let conversion = traffic.countryConversion24h { self[SignalName.countryConversion24h] = .percent(conversion) }
        if let conversion = traffic.prefixConversion1h { self[SignalName.prefixConversion1h] = .percent(conversion) }
        if let conversion = traffic.prefixConversion24h { self[SignalName.prefixConversion24h] = .percent(conversion) }
        self[SignalName.countryRequestRatio1h] = .percent(traffic.countryRequestRatio1h)
        self[SignalName.prefixRequestRatio1h] = .percent(traffic.prefixRequestRatio1h)
    }
}

extension SignalValue {
    /// A ratio as whole percent, rounded down (0.256 → 25): the integer form the traffic signals take,
    /// so that policies compare them with integer constants, which the rule tables evaluate.
    static func percent(_ ratio: Double) -> SignalValue {
        .int(Int64((ratio * 100).rounded(.down)))
    }
}
