import ArgumentParser
import RuleEngine

/// `phonerisk check FILE...`: compiles policies and the `.tests` files beside them.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Compile policies (and their .tests files) and print every diagnostic.",
        discussion: """
            Each diagnostic is printed to stderr as FILE:LINE:COLUMN: error|warning: MESSAGE, \
            followed by the source line and a caret under the offending token. A NAME.tests file \
            beside NAME.rules is checked against it too; a .tests file given directly is checked \
            against the NAME.rules beside it. Exit status 1 when any file has an error; warnings \
            alone keep it 0.
            """
    )

    @Argument(help: "Policy files (*.rules) or tests files (*.tests) to check.")
    var files: [String]

    func validate() throws {
        if files.isEmpty { throw ValidationError("give at least one policy file to check") }
    }

    func run() throws {
        var failed = false
        for path in files {
            let isTests = path.hasSuffix(".tests")
            guard let policy = try PolicyFiles.compile(isTests ? PolicyFiles.policyFor(path) : path) else {
                failed = true
                continue
            }
            guard let testsPath = isTests ? path : PolicyFiles.testsBeside(path) else { continue }
            let errors = PolicyTestRunner.check(tests: try PolicyFiles.read(testsPath), file: testsPath, policy: policy)
            PolicyFiles.report(errors)
            if !errors.isEmpty { failed = true }
        }
        if failed { throw ExitCode.failure }
    }
}
