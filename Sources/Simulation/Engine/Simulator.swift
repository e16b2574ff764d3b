import Foundation
import Logging
import PhoneRiskServer
import PhoneVerification
import RuleEngine
import SignalStore

/// Runs a scenario's traffic through the verification service exactly as `serve` assembles it
/// (live mode, Twilio Verify and Lookup clients configured by `PHONERISK_TWILIO_*`), on a scratch
/// SQLite store, with Twilio played by a ``FakeTwilio`` on loopback and time played by a
/// ``SimulationClock``: a discrete-event loop takes each user's next action in simulated-time
/// order, one at a time, so a run depends on the seed alone.
///
/// ```swift
/// let scenario = try Scenario.load(file: "Scenarios/baseline_day.json")
/// let tally = try await Simulator.run(scenario, policy: try PolicyHolder().current, seed: 1)
/// tally.rates.pumpingSendsStopped   // 0.25
/// ```
public enum Simulator {
    /// Runs `scenario` under `policy`.
    ///
    /// - Parameters:
    ///   - scenario: The traffic.
    ///   - policy: The policy the service runs.
    ///   - seed: Seeds the traffic and the fake's codes; the same seed gives the same tally.
    /// - Returns: How each label's flows ended.
    /// - Throws: ``ScenarioError`` for numbers the metadata cannot supply; a store or server error.
    public static func run(_ scenario: Scenario, policy: CompiledPolicy, seed: UInt64) async throws -> Tally {
        let plan = try TrafficPlan(scenario: scenario, seed: seed)
        let clock = SimulationClock(start: scenario.start)
        let twilio = FakeTwilio(clock: clock.now, seed: seed)
        for (number, facts) in plan.facts { twilio.register(number, facts: facts) }
        let server = try await FakeTwilioServer.start(twilio)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("phonerisk-simulate-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let environment = [
                "PHONERISK_TWILIO_ACCOUNT_SID": twilio.credentials.accountSID,
                "PHONERISK_TWILIO_AUTH_TOKEN": twilio.credentials.authToken,
                "PHONERISK_TWILIO_VERIFY_SERVICE_SID": twilio.credentials.serviceSID,
                "PHONERISK_TWILIO_VERIFY_URL": server.baseURL,
                "PHONERISK_TWILIO_LOOKUP_URL": server.baseURL,
            ]
            let path = folder.appendingPathComponent("simulation.sqlite").path
            let store = try await ServiceStore.open(location: path, synchronous: .normal, environment: environment)
            var quiet = Logger(label: "phonerisk.simulate")
            quiet.logLevel = .critical
            var configuration = ServerConfiguration(databasePath: path, environment: environment, logger: quiet)
            configuration.clock = clock.now
            do {
                let service = try ServiceAssembly.verificationService(
                    store: store, policy: PolicyHolder(policy), configuration: configuration, logger: quiet)
                var run = Run(plan: plan, service: service, twilio: twilio, clock: clock)
                let tally = await run.play(settleAfter: TimeInterval(configuration.verification.codeTTLSeconds + 1))
                await store.close()
                await server.stop()
                return tally
            } catch {
                await store.close()
                throw error
            }
        } catch {
            await server.stop()
            throw error
        }
    }
}

/// One run's state: the event queue, each flow's record, the accounts opened so far.
private struct Run {
    let plan: TrafficPlan
    let service: VerificationService
    let twilio: FakeTwilio
    let clock: SimulationClock
    var queue = EventQueue()
    var records: [FlowRecord]
    var accountIDs: [Int: String] = [:]

    init(plan: TrafficPlan, service: VerificationService, twilio: FakeTwilio, clock: SimulationClock) {
        self.plan = plan
        self.service = service
        self.twilio = twilio
        self.clock = clock
        records = Array(repeating: FlowRecord(), count: plan.flows.count)
        for (position, flow) in plan.flows.enumerated() {
            queue.push(Event(at: flow.startsAt, flow: position, step: -1))
        }
    }

    /// Plays every event, then reads each verification's status `settleAfter` seconds after the last one.
    mutating func play(settleAfter: TimeInterval) async -> Tally {
        var last = plan.flows.first?.startsAt ?? Date(timeIntervalSince1970: 0)
        while let event = queue.pop() {
            clock.set(event.at)
            last = event.at
            let next = event.step < 0 ? await create(event.flow) : await perform(event.flow, step: event.step)
            if let next { schedule(event.flow, step: next, after: event.at) }
        }
        clock.set(last.addingTimeInterval(settleAfter))
        return await tally()
    }

    private mutating func schedule(_ flow: Int, step: Int, after time: Date) {
        let steps = plan.flows[flow].steps
        guard step < steps.count else { return }
        let delay: Int64
        switch steps[step] {
        case .resend(let after), .wrongCode(let after), .rightCode(let after), .cancel(let after): delay = after
        }
        queue.push(Event(at: time.addingTimeInterval(TimeInterval(delay)), flow: flow, step: step))
    }

    /// Opens the flow's account (in the simulated past, by its age) if it is not open yet.
    private mutating func account(for flow: PlannedFlow) async throws(APIError) -> String {
        if let id = accountIDs[flow.account] { return id }
        let now = clock.now()
        clock.set(now.addingTimeInterval(-TimeInterval(plan.accounts[flow.account].age)))
        defer { clock.set(now) }
        let id = try await service.createAccount(CreateAccountRequest(), mode: .live).id.uuidString.lowercased()
        accountIDs[flow.account] = id
        return id
    }

    /// The create; returns the first step to schedule, nil when the flow is over.
    private mutating func create(_ index: Int) async -> Int? {
        let flow = plan.flows[index]
        records[index].sendsRequested += 1
        do {
            let accountID = try await account(for: flow)
            records[index].accountID = accountID
            let started = try await service.createVerification(
                accountID: accountID,
                CreateVerificationRequest(phoneNumber: flow.number, context: flow.ipCountry.map { .init(ipCountry: $0) }),
                mode: .live)
            records[index].create = started.status.rawValue
            records[index].verificationID = started.id.uuidString.lowercased()
            records[index].decisions.insert(started.risk.decision)
            return started.status == .pending ? 0 : nil
        } catch {
            if error.code == .verificationBlocked, let verification = error.verification {
                records[index].create = VerificationStatus.blocked.rawValue
                records[index].verificationID = verification.id.uuidString.lowercased()
                records[index].decisions.insert(verification.risk.decision)
            } else {
                records[index].create = Self.refusal(error)
                records[index].refusals.append(Self.refusal(error))
            }
            return nil
        }
    }

    /// One step after the create; returns the next step to schedule, nil when the flow is over.
    private mutating func perform(_ index: Int, step: Int) async -> Int? {
        let flow = plan.flows[index]
        guard let accountID = records[index].accountID, let id = records[index].verificationID else { return nil }
        do {
            switch flow.steps[step] {
            case .resend:
                records[index].sendsRequested += 1
                _ = try await service.resend(accountID: accountID, id: id, mode: .live)
            case .wrongCode:
                let right = twilio.code(sentTo: flow.number) ?? "000000"
                let wrong = String(format: "%06d", ((Int(right) ?? 0) + 1 + step * 7_919) % 1_000_000)
                _ = try await service.confirm(accountID: accountID, id: id, ConfirmRequest(code: wrong), mode: .live)
            case .rightCode:
                guard let code = twilio.code(sentTo: flow.number) else { return nil }
                let confirmed = try await service.confirm(accountID: accountID, id: id, ConfirmRequest(code: code), mode: .live)
                records[index].decisions.insert(confirmed.risk.decision)
            case .cancel:
                _ = try await service.cancel(accountID: accountID, id: id, mode: .live)
            }
            return step + 1
        } catch {
            switch (flow.steps[step], error.code) {
            case (.wrongCode, .incorrectCode):
                return step + 1
            case (.wrongCode, .maxAttemptsReached):
                return nil
            case (.resend, .maxSendsReached), (.resend, .rateLimited), (.resend, .providerFailed):
                records[index].refusals.append(Self.refusal(error))
                return flow.steps[step...].firstIndex { if case .resend = $0 { false } else { true } }
            default:
                records[index].refusals.append(Self.refusal(error))
                return nil
            }
        }
    }

    private static func refusal(_ error: APIError) -> String { "\(error.status) \(error.code.rawValue)" }

    /// Reads every verification's status and counts the messages the fake sent.
    private func tally() async -> Tally {
        var tally = Tally()
        for (index, flow) in plan.flows.enumerated() {
            let record = records[index]
            var row = tally[flow.label]
            row.flows += 1
            row.create[record.create, default: 0] += 1
            var final = "refused"
            if let accountID = record.accountID, let id = record.verificationID {
                final = (try? await service.verification(accountID: accountID, id: id, mode: .live).status.rawValue) ?? "unreadable"
            }
            row.final[final, default: 0] += 1
            row.sendsRequested += record.sendsRequested
            if record.hasFriction { row.withFriction += 1 }
            if record.decisions.contains(.block) { row.blocked += 1 }
            if final == VerificationStatus.verified.rawValue { row.verified += 1 }
            tally[flow.label] = row
        }
        for (number, sent) in twilio.sentMessages {
            guard let label = plan.owners[number] else { continue }
            tally[label].smsSent += sent
        }
        return tally
    }
}

/// A user's next action at a simulated time.
private struct Event {
    let at: Date
    let flow: Int
    /// -1 for the create, else the index of the flow's step.
    let step: Int
    /// Ties broken by insertion order, so the run is repeatable.
    var sequence = 0

    func precedes(_ other: Event) -> Bool { (at, sequence) < (other.at, other.sequence) }
}

/// A binary min-heap of events by time.
private struct EventQueue {
    private var heap: [Event] = []
    private var pushed = 0

    mutating func push(_ event: Event) {
        var event = event
        event.sequence = pushed
        pushed += 1
        heap.append(event)
        var child = heap.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard heap[child].precedes(heap[parent]) else { break }
            heap.swapAt(child, parent)
            child = parent
        }
    }

    mutating func pop() -> Event? {
        guard !heap.isEmpty else { return nil }
        heap.swapAt(0, heap.count - 1)
        let first = heap.removeLast()
        var parent = 0
        while true {
            let left = 2 * parent + 1, right = left + 1
            var smallest = parent
            if left < heap.count, heap[left].precedes(heap[smallest]) { smallest = left }
            if right < heap.count, heap[right].precedes(heap[smallest]) { smallest = right }
            guard smallest != parent else { return first }
            heap.swapAt(parent, smallest)
            parent = smallest
        }
    }
}
