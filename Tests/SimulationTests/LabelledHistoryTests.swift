import Foundation
import Logging
import PhoneRiskServer
import PhoneVerification
import RuleEngine
import Testing
@testable import Simulation

@Suite("replay --labels")
struct LabelledHistoryTests {
    @Test("the population × outcome matrix of a stored history, stored beside replayed")
    func matrixFromStoredHistory() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("labelled-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("history.sqlite").path
        let store = try await ServiceStore.open(location: path, synchronous: .normal, environment: [:])
        let clock = SimulationClock(start: Date(timeIntervalSince1970: 1_772_409_600))
        var configuration = ServerConfiguration(databasePath: path, environment: [:])
        configuration.clock = clock.now
        var quiet = Logger(label: "test")
        quiet.logLevel = .critical
        let service = try ServiceAssembly.verificationService(
            store: store, policy: try PolicyHolder(), configuration: configuration, logger: quiet)
        func start(_ number: String) async throws -> (account: String, id: String) {
            let account = try await service.createAccount(CreateAccountRequest(), mode: .test).id.uuidString
            do {
                return (account, try await service.createVerification(
                    accountID: account, CreateVerificationRequest(phoneNumber: number), mode: .test).id.uuidString.lowercased())
            } catch where error.code == .verificationBlocked {
                return (account, try #require(error.verification).id.uuidString.lowercased())
            }
        }
        let (verifiedAccount, verified) = try await start("+61491570006")
        let (_, blocked) = try await start("+449098790000")
        let (machineAccount, machine) = try await start(SandboxCodeEntry.machineNumber)
        let (_, abandoned) = try await start("+61491570159")
        clock.set(clock.now().addingTimeInterval(20))
        _ = try await service.confirm(accountID: verifiedAccount, id: verified, ConfirmRequest(code: "123456"), mode: .test)
        _ = try await service.confirm(accountID: machineAccount, id: machine, ConfirmRequest(code: "123456"), mode: .test)
        await store.close()

        let labelsFile = folder.appendingPathComponent("labels.jsonl").path
        try """
            {"verification_id": "\(verified)", "label": "honest"}
            {"verification_id": "\(blocked)", "label": "pumping"}

            {"verification_id": "\(machine)", "label": "voip_farm"}
            {"verification_id": "\(abandoned)", "label": "honest"}
            {"verification_id": "00000000-0000-0000-0000-000000000000", "label": "takeover"}
            """.write(toFile: labelsFile, atomically: true, encoding: .utf8)
        let labels = try LabelledHistory.labels(file: labelsFile)
        #expect(labels.count == 5)

        let reopened = try await ServiceStore.open(location: path, synchronous: .normal, environment: [:])
        let blockAll = try CompiledPolicy(source: """
            policy block_all version 2
            input stage: "create" | "confirm"
            block EVERYTHING when stage == "create"
            """, file: "block_all.rules")
        let report = try await PolicyReplay.run(store: reopened, policy: blockAll, since: nil)
        await reopened.close()
        let history = LabelledHistory(report: report, labels: labels)
        #expect(history.stored[.honest] == ["verified": 1, "no_right_code": 1])
        #expect(history.stored[.pumping] == ["blocked": 1])
        #expect(history.stored[.voipFarm] == ["requires_step_up": 1])
        #expect(history.replayed[.honest] == ["blocked": 2])
        #expect(history.replayed[.voipFarm] == ["blocked": 1])
        #expect(history.stored[.takeover] == nil)
        #expect(history.notFound == 1)
        let table = history.table(policy: "block_all v2")
        #expect(table.contains("honest"))
        #expect(table.contains("1 labelled verifications have no stored evaluation in the period"))
    }

    @Test("a bad labels line names the file, the line and the field")
    func badLabels() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("labels-\(UUID().uuidString).jsonl").path
        defer { try? FileManager.default.removeItem(atPath: file) }
        try "{\"verification_id\": \"a\", \"label\": \"honest\"}\n{\"verification_id\": \"b\", \"label\": \"bot\"}\n"
            .write(toFile: file, atomically: true, encoding: .utf8)
        #expect(throws: ScenarioError(file: file, field: "line 2: label",
                                      problem: "must be one of honest, pumping, takeover, voip_farm, code_guessing")) {
            try LabelledHistory.labels(file: file)
        }
    }
}
