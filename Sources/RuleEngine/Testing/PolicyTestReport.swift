/// The outcome of running one `.tests` file against its policy.
public struct PolicyTestReport: Sendable {
    /// One test's outcome.
    public struct TestResult: Sendable, Hashable {
        /// The test's name, as written in quotes.
        public var name: String
        /// Where the test starts (its `test` keyword), 1-based.
        public var line: Int
        /// The failed expectations, each as `FILE:LINE:COLUMN: expect …: expected …, got …`; empty when it passed.
        public var failures: [String]
        /// True when every expectation held.
        public var passed: Bool { failures.isEmpty }
    }

    /// The tests file.
    public var testsFile: String
    /// Errors that kept the tests from running (in the policy or the tests file); empty when they ran.
    public var errors: [Diagnostic]
    /// Every test, in file order (empty when `errors` is not).
    public var results: [TestResult]
    /// Reason codes of the policy's rules that no test fired, in file order.
    public var unfiredRules: [String]

    /// How many tests passed.
    public var passed: Int { results.filter(\.passed).count }
    /// How many tests failed.
    public var failed: Int { results.count - passed }
    /// False when the policy or the tests file did not compile.
    public var compiled: Bool { errors.isEmpty }

    /// The failures for people: a `FAIL` line per failed test, its failed expectations indented under it.
    public var failureReport: String {
        results.filter { !$0.passed }.map { result in
            (["FAIL \(testsFile):\(result.line): \(JSONText.quoted(result.name))"] + result.failures.map { "  " + $0 })
                .joined(separator: "\n")
        }.joined(separator: "\n")
    }
}
