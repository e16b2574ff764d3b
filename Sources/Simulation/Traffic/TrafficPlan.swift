import Foundation
import PhoneNumbers

/// One thing a simulated user does after the create, `after` seconds after the previous one.
enum FlowStep: Sendable, Hashable {
    case resend(after: Int64)
    case wrongCode(after: Int64)
    case rightCode(after: Int64)
    case cancel(after: Int64)
}

/// One verification flow as drawn from its population before the run: the same plan whatever
/// policy the service runs, so two policies are compared on identical traffic.
struct PlannedFlow: Sendable {
    let index: Int
    let population: Int
    let label: PopulationLabel
    let startsAt: Date
    let number: String
    let account: Int
    let ipCountry: String?
    let steps: [FlowStep]
}

/// An account the flows use, opened `age` seconds before its first flow.
struct PlannedAccount: Sendable {
    let age: Int64
}

/// Everything a scenario's run does, drawn from the seed.
struct TrafficPlan: Sendable {
    var flows: [PlannedFlow] = []
    var accounts: [PlannedAccount] = []
    /// What the fake Twilio knows of each number.
    var facts: [String: NumberFacts] = [:]
    /// Whose each number is.
    var owners: [String: PopulationLabel] = [:]

    /// Countries a traveller's IP may be in.
    private static let travelCountries = ["US", "GB", "DE", "FR", "ES", "IT", "NL", "BR", "IN", "MX", "CA", "AU", "JP", "TR", "PL", "AE", "TH", "SG"]

    /// Draws the traffic of `scenario` from `seed`.
    ///
    /// - Throws: ``ScenarioError`` when a population asks for numbers the metadata does not have.
    init(scenario: Scenario, seed: UInt64) throws(ScenarioError) {
        for (index, population) in scenario.populations.enumerated() {
            var generator = SeededGenerator(seed: seed, stream: UInt64(index) + 1)
            try add(population, index: index, scenario: scenario, generator: &generator)
        }
        flows.sort { ($0.startsAt, $0.index) < ($1.startsAt, $1.index) }
    }

    private mutating func add(_ population: Population, index: Int, scenario: Scenario, generator: inout SeededGenerator) throws(ScenarioError) {
        let field = "populations[\(index)].numbers"
        let needed = (population.flows + population.numbers.flowsPerNumber - 1) / population.numbers.flowsPerNumber
        let numbers = try drawNumbers(population.numbers, count: needed, file: scenario.file, field: field, generator: &generator)
        for number in numbers {
            let parsed = try? PhoneNumber.parse(number)
            let carrier = population.carrier
            facts[number] = NumberFacts(
                lineType: carrier.lineType ?? NumberFacts.twilioLineType(for: parsed?.type ?? .unknown),
                carrierName: carrier.carrierName ?? parsed?.carrier, mcc: carrier.mcc, mnc: carrier.mnc,
                simSwappedAt: nil, callForwarding: carrier.callForwarding,
                pumpingRiskScore: Int(generator.uniform(carrier.pumpingRiskScore.range)),
                numberBlocked: carrier.numberBlocked, lineStatus: carrier.lineStatus, sendError: carrier.sendError)
            owners[number] = population.label
        }
        let starts = arrivals(population.arrival, count: population.flows, generator: &generator).sorted()
        let firstAccount = accounts.count
        let accountCount = population.accounts.count ?? population.flows
        for _ in 0..<accountCount {
            accounts.append(PlannedAccount(age: generator.uniform(population.accounts.age.range)))
        }
        for (position, offset) in starts.enumerated() {
            let number = numbers[position / population.numbers.flowsPerNumber]
            let startsAt = scenario.start.addingTimeInterval(TimeInterval(offset))
            if let age = population.carrier.simSwapAge, facts[number]?.simSwappedAt == nil {
                facts[number]?.simSwappedAt = startsAt.addingTimeInterval(-TimeInterval(generator.uniform(age.range)))
            }
            let home = (try? PhoneNumber.parse(number))?.region.flatMap { $0 == "001" ? nil : $0 }
            let ipCountry: String?
            switch generator.pick(population.ipCountry) {
            case .home: ipCountry = home
            case .none: ipCountry = nil
            case .fixed(let code): ipCountry = code
            case .other:
                let choices = Self.travelCountries.filter { $0 != home }
                ipCountry = choices[Int(generator.uniform(0...Int64(choices.count - 1)))]
            }
            flows.append(PlannedFlow(
                index: flows.count, population: index, label: population.label, startsAt: startsAt, number: number,
                account: firstAccount + position % accountCount, ipCountry: ipCountry,
                steps: Self.steps(population.behavior, generator: &generator)))
        }
    }

    private static func steps(_ behavior: Behavior, generator: inout SeededGenerator) -> [FlowStep] {
        var steps: [FlowStep] = []
        if generator.chance(behavior.resendProbability) {
            for _ in 0..<generator.uniform(behavior.resends.range) {
                steps.append(.resend(after: generator.uniform(behavior.resendInterval.range)))
            }
        }
        if generator.chance(behavior.wrongCodeProbability) {
            for _ in 0..<generator.uniform(behavior.wrongCodes.range) {
                steps.append(.wrongCode(after: generator.uniform(behavior.codeEntry.range)))
            }
        }
        if generator.chance(behavior.confirmProbability) {
            steps.append(.rightCode(after: generator.uniform(behavior.codeEntry.range)))
        } else if generator.chance(behavior.cancelProbability) {
            steps.append(.cancel(after: generator.uniform(behavior.codeEntry.range)))
        }
        return steps
    }

    private func arrivals(_ arrival: Arrival, count: Int, generator: inout SeededGenerator) -> [Int64] {
        let span = arrival.to - arrival.from
        switch arrival.shape {
        case .uniform:
            return (0..<count).map { _ in arrival.from + generator.uniform(0...(span - 1)) }
        case .even:
            return (0..<count).map { arrival.from + Int64((Double(span) * (Double($0) + 0.5) / Double(count)).rounded(.down)) }
        case .diurnal:
            return (0..<count).map { _ in
                while true {
                    let offset = arrival.from + generator.uniform(0...(span - 1))
                    let hour = Double(offset % 86_400) / 3_600
                    let density = 0.6 + 0.4 * cos(2 * Double.pi * (hour - 14) / 24)
                    if Double.random(in: 0..<1, using: &generator) < density { return offset }
                }
            }
        }
    }

    private func drawNumbers(
        _ source: NumberSource, count: Int, file: String, field: String, generator: inout SeededGenerator
    ) throws(ScenarioError) -> [String] {
        var drawn: [String] = []
        var seen = Set<String>()
        func fresh(_ number: String) -> Bool { facts[number] == nil && !seen.contains(number) }
        func keep(_ number: String) {
            drawn.append(number)
            seen.insert(number)
        }
        func random(_ region: String, _ code: Int?) throws(ScenarioError) -> PhoneNumber {
            for _ in 0..<50 {
                guard let number = PhoneNumberMetadata.randomNumber(region: region, callingCode: code, type: source.type, using: &generator) else {
                    break
                }
                if fresh(number.e164) { return number }
            }
            throw ScenarioError(file: file, field: field, problem: "the phone metadata has no \(source.type.rawValue) numbers for \(code.map { "+\($0)" } ?? region)")
        }
        func following(_ start: String) throws(ScenarioError) {
            var value = UInt64(start.dropFirst()) ?? 0
            var misses = 0
            while drawn.count < count {
                if let number = try? PhoneNumber.parse("+\(value)"), number.isValid, fresh(number.e164) {
                    keep(number.e164)
                    misses = 0
                } else {
                    misses += 1
                    if misses > 10_000 {
                        throw ScenarioError(file: file, field: field, problem: "no valid numbers follow \(start) (\(drawn.count) of \(count) found)")
                    }
                }
                value += 1
            }
        }
        switch source.origin {
        case .first(let start):
            try following(start)
        case .callingCode(let code):
            if source.sequential {
                try following(try random("001", code).e164)
            } else {
                while drawn.count < count { keep(try random("001", code).e164) }
            }
        case .regions(let weights):
            let ordered = weights.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
            if source.sequential {
                try following(try random(generator.pick(ordered), nil).e164)
            } else {
                while drawn.count < count { keep(try random(generator.pick(ordered), nil).e164) }
            }
        }
        return drawn
    }
}
