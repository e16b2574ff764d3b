import Foundation
@testable import phonerisk
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The `phonerisk` executable SwiftPM built beside the test bundle, run as a child process.
///
/// The child's stdout and stderr go to scratch files and its stdin comes from a pipe fed with
/// `write(2)`: nothing in the test process blocks in Foundation's `FileHandle` reads or writes,
/// which trap when a signal interrupts them (EINTR), and the test process runs servers and other
/// children whose signals can land on any thread. A child that writes a lot cannot stall on a
/// full output pipe either. The wait for the child suspends instead of blocking: a test that
/// blocked one of the few threads of Swift's cooperative pool for the seconds a command runs
/// would hold up every other test's tasks, timeouts included.
///
/// ```swift
/// let result = try await BuiltCommand.run(["phone", "+447400123456"])
/// #expect(result.status == 0)
/// ```
enum BuiltCommand {
    /// What a finished run left.
    struct Run: Sendable {
        let status: Int32
        let stdout: String
        let stderr: String
    }

    /// The built executable.
    static func executable() throws -> URL {
        let candidates = [
            URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent(),
            Bundle.main.bundleURL.deletingLastPathComponent(),
            Bundle.main.bundleURL,
        ]
        for folder in candidates {
            let url = folder.appendingPathComponent("phonerisk")
            if FileManager.default.isExecutableFile(atPath: url.path) { return url }
        }
        throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: "phonerisk next to \(candidates)"])
    }

    /// The test process's environment without any `PHONERISK_` setting, so the developer's own
    /// settings cannot change what a test sees, plus `extra`.
    static func environment(_ extra: [String: String] = [:]) -> [String: String] {
        var environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("PHONERISK_") }
        environment.merge(extra) { $1 }
        return environment
    }

    /// Runs the executable to completion.
    ///
    /// - Parameters:
    ///   - arguments: The command line after the executable's name.
    ///   - stdin: Fed through a pipe while the command runs, then closed.
    ///   - environment: Settings added to ``environment(_:)``.
    ///   - directory: The working directory; the test process's when nil.
    static func run(
        _ arguments: [String], stdin: String = "", environment: [String: String] = [:], directory: URL? = nil
    ) async throws -> Run {
        let process = Process()
        process.executableURL = try executable()
        process.arguments = arguments
        process.environment = Self.environment(environment)
        if let directory { process.currentDirectoryURL = directory }
        return try await run(process, stdin: stdin)
    }

    /// Runs the executable through `/bin/sh -c script`, which sees it as `"$0"` and the arguments as
    /// `"$@"`: for what only a shell sets up, such as an ignored SIGPIPE or a redirection.
    ///
    /// ```swift
    /// let result = try await BuiltCommand.runInShell(#"exec "$0" "$@" > /dev/full"#, ["phone", "+447400123456"])
    /// ```
    ///
    /// - Parameters:
    ///   - script: The shell script.
    ///   - arguments: The command line after the executable's name.
    ///   - stdin: Fed through a pipe while the command runs, then closed.
    ///   - output: Where the shell's stdout goes.
    static func runInShell(
        _ script: String, _ arguments: [String], stdin: String = "", output: Output = .captured
    ) async throws -> Run {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", script, try executable().path] + arguments
        process.environment = environment()
        return try await run(process, stdin: stdin, output: output)
    }

    /// Where a child's stdout goes.
    enum Output {
        /// To a scratch file, read into ``Run/stdout``.
        case captured
        /// To a pipe whose reader has already gone, as in `phonerisk keys list | head -0`;
        /// ``Run/stdout`` is then empty.
        case closedPipe
    }

    /// Runs a prepared process to completion; its stderr goes to a scratch file.
    ///
    /// - Parameters:
    ///   - process: The process, not started yet.
    ///   - stdin: Fed through a pipe while the process runs, then closed.
    ///   - output: Where its stdout goes.
    static func run(_ process: Process, stdin: String = "", output: Output = .captured) async throws -> Run {
        ignoreBrokenPipes
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("phonerisk-run-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let stdoutFile = scratch.appendingPathComponent("stdout"), stderrFile = scratch.appendingPathComponent("stderr")
        for file in [stdoutFile, stderrFile] { try Data().write(to: file) }
        let stdoutHandle = try FileHandle(forWritingTo: stdoutFile), stderrHandle = try FileHandle(forWritingTo: stderrFile)
        defer {
            try? stdoutHandle.close()
            try? stderrHandle.close()
        }
        switch output {
        case .captured:
            process.standardOutput = stdoutHandle
        case .closedPipe:
            let pipe = Pipe()
            try pipe.fileHandleForReading.close()
            process.standardOutput = pipe
        }
        process.standardError = stderrHandle
        let input = Pipe()
        process.standardInput = input
        try await withCheckedThrowingContinuation { (exited: CheckedContinuation<Void, any Error>) in
            process.terminationHandler = { _ in exited.resume() }
            do {
                try process.run()
            } catch {
                exited.resume(throwing: error)
                return
            }
            // `eval` answers while it reads, so stdin is fed from a thread of its own while the
            // command runs. Nothing waits for that thread: it ends once all is written, or when the
            // command has gone without reading it all (EPIPE).
            let writer = input.fileHandleForWriting, bytes = Array(stdin.utf8)
            Thread.detachNewThread {
                // The CLI's own writer: it retries interrupted writes and stops at EPIPE.
                _ = bytes.withUnsafeBytes { try? phonerisk.writeFully(writer.fileDescriptor, $0) }
                try? writer.close()
            }
        }
        return Run(
            status: process.terminationStatus,
            stdout: String(decoding: try Data(contentsOf: stdoutFile), as: UTF8.self),
            stderr: String(decoding: try Data(contentsOf: stderrFile), as: UTF8.self))
    }

    /// A child that exits without reading all of its stdin must fail our write with EPIPE, not
    /// kill the test process with SIGPIPE.
    private static let ignoreBrokenPipes: Void = { signal(SIGPIPE, SIG_IGN) }()
}
