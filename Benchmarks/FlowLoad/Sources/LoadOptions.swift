import Foundation

/// What one FlowLoad run does, from its command line.
///
/// ```
/// FlowLoad --url http://127.0.0.1:8080 --key sk_test_… --concurrency 64 --warmup 2 --duration 10
/// ```
struct LoadOptions: Sendable {
    /// The service's base URL; only loopback hosts are accepted.
    var baseURL: String
    /// A test-mode API key.
    var key: String
    /// Flows in flight at once.
    var concurrency = 64
    /// Seconds of untimed flows before the timed phase.
    var warmup = 2.0
    /// Seconds of the timed phase; flows in flight at its end are finished and counted.
    var duration = 10.0
    /// The most flows started in all (warm-up included): the hard bound on the run.
    var maxFlows = 50_000
    /// Flows that share one account (each with its own number).
    var flowsPerAccount = 5
    /// The most numbers drawn from one region.
    var perRegion = 900
    /// The seed of the number generator, so runs use the same numbers.
    var seed: UInt64 = 42
    /// The code sent to confirm; the sandbox provider accepts `123456`.
    var code = "123456"
    /// When set, print this many of the numbers the flows would use, one a line, and stop
    /// (to check them with `phonerisk phone`); no server is needed.
    var listNumbers: Int?

    static let usage = """
        usage: FlowLoad --url http://127.0.0.1:PORT --key sk_test_… [--concurrency 64] [--warmup 2] [--duration 10]
                        [--max-flows 50000] [--flows-per-account 5] [--per-region 900] [--seed 42] [--code 123456]
               FlowLoad --list-numbers N [--per-region 900] [--seed 42]
        Drives complete sandbox flows (create + confirm) against a running `phonerisk serve` over loopback
        and prints one JSON report on stdout. Exit status: 0 when every flow completed with 200s,
        1 when any request failed or the run could not start, 64 on bad usage.
        """

    /// Reads the options from `arguments` (without the program name).
    ///
    /// - Parameter arguments: `--name value` pairs.
    /// - Throws: `UsageError` naming the option that is missing or wrong.
    static func parse(_ arguments: [String]) throws(UsageError) -> LoadOptions {
        var values: [String: String] = [:]
        var index = 0
        while index < arguments.count {
            let name = arguments[index]
            if name == "--help" || name == "-h" { throw UsageError(message: nil) }
            guard name.hasPrefix("--"), Self.known.contains(String(name.dropFirst(2))) else {
                throw UsageError(message: "unknown option '\(name)'")
            }
            guard index + 1 < arguments.count else { throw UsageError(message: "\(name) needs a value") }
            values[String(name.dropFirst(2))] = arguments[index + 1]
            index += 2
        }
        var options: LoadOptions
        if values["list-numbers"] != nil {
            options = LoadOptions(baseURL: "", key: "")
            options.listNumbers = try integer(values, "list-numbers", default: 0, in: 1...10_000_000)
        } else {
            guard let url = values["url"] else { throw UsageError(message: "--url is required") }
            guard let key = values["key"], key.hasPrefix("sk_test_") else {
                throw UsageError(message: "--key must be a test-mode key (sk_test_…): flows use the sandbox provider")
            }
            options = LoadOptions(baseURL: try loopbackURL(url), key: key)
        }
        options.concurrency = try integer(values, "concurrency", default: options.concurrency, in: 1...4096)
        options.warmup = try seconds(values, "warmup", default: options.warmup, in: 0...600)
        options.duration = try seconds(values, "duration", default: options.duration, in: 0.1...3600)
        options.maxFlows = try integer(values, "max-flows", default: options.maxFlows, in: 1...10_000_000)
        options.flowsPerAccount = try integer(values, "flows-per-account", default: options.flowsPerAccount, in: 1...10)
        options.perRegion = try integer(values, "per-region", default: options.perRegion, in: 1...10_000)
        options.seed = UInt64(try integer(values, "seed", default: Int(options.seed), in: 0...Int.max))
        if let code = values["code"] {
            guard code.count == 6, code.allSatisfy({ $0.isASCII && $0.isNumber }) else {
                throw UsageError(message: "--code must be 6 digits, not '\(code)'")
            }
            options.code = code
        }
        return options
    }

    private static let known: Set<String> = [
        "url", "key", "concurrency", "warmup", "duration", "max-flows", "flows-per-account", "per-region", "seed",
        "code", "list-numbers",
    ]

    /// The URL without a trailing slash, refused unless its host is a loopback address:
    /// the generator must never load anything but a local server.
    private static func loopbackURL(_ text: String) throws(UsageError) -> String {
        guard let components = URLComponents(string: text), components.scheme == "http",
            let host = components.host, components.port != nil
        else {
            throw UsageError(message: "--url must be http://HOST:PORT, not '\(text)'")
        }
        guard ["127.0.0.1", "localhost", "::1", "[::1]"].contains(host) else {
            throw UsageError(message: "--url must point at a loopback address (127.0.0.1, ::1, localhost), not '\(host)'")
        }
        return text.hasSuffix("/") ? String(text.dropLast()) : text
    }

    private static func integer(
        _ values: [String: String], _ name: String, default fallback: Int, in range: ClosedRange<Int>
    ) throws(UsageError) -> Int {
        guard let text = values[name] else { return fallback }
        guard let value = Int(text), range.contains(value) else {
            throw UsageError(message: "--\(name) must be a whole number in \(range.lowerBound)...\(range.upperBound), not '\(text)'")
        }
        return value
    }

    private static func seconds(
        _ values: [String: String], _ name: String, default fallback: Double, in range: ClosedRange<Double>
    ) throws(UsageError) -> Double {
        guard let text = values[name] else { return fallback }
        guard let value = Double(text), range.contains(value) else {
            throw UsageError(message: "--\(name) must be seconds in \(range.lowerBound)...\(range.upperBound), not '\(text)'")
        }
        return value
    }
}

/// A command line FlowLoad cannot run; `message` is nil for `--help`.
struct UsageError: Error {
    /// What was wrong, for people.
    var message: String?
}
