import ArgumentParser

/// `phonerisk`: one executable for rule authors, operators and scripts.
///
/// Results meant for programs go to stdout as JSON (one object a line);
/// messages for people go to stderr. Exit status: 0 success, 1 a failure the
/// command reports, 64 a usage error (ArgumentParser's validation failure).
@main
struct PhoneRisk: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "phonerisk",
        abstract: "Phone-verification risk engine: policies, phone numbers, and the verification service.",
        subcommands: [
            CheckCommand.self, EvalCommand.self, TestCommand.self, PhoneCommand.self, ServeCommand.self, KeysCommand.self,
            ReplayCommand.self, SimulateCommand.self,
        ]
    )
}
