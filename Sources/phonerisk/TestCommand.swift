import ArgumentParser
import Foundation
import RuleEngine

/// `phonerisk test [PATH...] [--coverage]`: runs `.tests` files against their policies.
struct TestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test",
        abstract: "Run the .tests files under the paths (default Rules/) against their policies.",
        discussion: """
            NAME.tests runs against NAME.rules beside it; a directory is searched with its \
            sub-folders. Each failed test is reported with its name, position, and the expected \
            and actual values; the run ends with 'N passed, M failed'. A tests file or policy that \
            does not compile counts neither passed nor failed and makes the exit status 1.
            """
    )

    @Argument(help: "Directories or .tests/.rules files (default: Rules/).")
    var paths: [String] = []

    @Flag(name: .long, help: "List the rules that no test fired.")
    var coverage = false

    func run() throws {
        let roots = paths.isEmpty ? ["Rules"] : paths
        var files: [String] = []
        for root in roots {
            if PolicyFiles.isDirectory(root) {
                files += PolicyFiles.testsFiles(under: root)
            } else if root.hasSuffix(".rules"), let tests = PolicyFiles.testsBeside(root) {
                files.append(tests)
            } else if root.hasSuffix(".tests"), FileManager.default.fileExists(atPath: root) {
                files.append(root)
            } else {
                throw ValidationError("'\(root)' is not a directory, a .tests file, or a .rules file with a .tests file beside it")
            }
        }
        var passed = 0, failed = 0
        var broken = false
        for testsPath in files {
            let policyPath = PolicyFiles.policyFor(testsPath)
            guard FileManager.default.fileExists(atPath: policyPath) else {
                StandardError.write("\(testsPath):1:1: error: no policy '\(policyPath)' beside this tests file")
                broken = true
                continue
            }
            guard let policy = try PolicyFiles.compile(policyPath) else {
                broken = true
                continue
            }
            let report = PolicyTestRunner.run(tests: try PolicyFiles.read(testsPath), file: testsPath, policy: policy)
            guard report.compiled else {
                PolicyFiles.report(report.errors)
                broken = true
                continue
            }
            if report.failed > 0 { try StandardOutput.write(Data((report.failureReport + "\n").utf8)) }
            passed += report.passed
            failed += report.failed
            if coverage {
                let coverageLine = report.unfiredRules.isEmpty
                    ? "coverage: \(policyPath): every rule fired"
                    : "coverage: \(policyPath): no test fired \(report.unfiredRules.joined(separator: ", "))"
                try StandardOutput.write(Data((coverageLine + "\n").utf8))
            }
        }
        if files.isEmpty { StandardError.write("phonerisk: no .tests files under \(roots.joined(separator: ", "))") }
        try StandardOutput.write(Data("\(passed) passed, \(failed) failed\n".utf8))
        if failed > 0 || broken || files.isEmpty { throw ExitCode.failure }
    }
}
