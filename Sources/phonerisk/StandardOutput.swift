import ArgumentParser
import Foundation

/// Writes a command's results to stdout.
///
/// When the reader has gone (`phonerisk keys list | head -1`), the write fails
/// with a broken pipe: the command then stops quietly with status 141, as a
/// process killed by SIGPIPE does, instead of crashing with a backtrace.
///
/// ```swift
/// try StandardOutput.write(Data("{}\n".utf8))
/// ```
enum StandardOutput {
    /// The status of a command whose output was closed: 128 + SIGPIPE.
    static let closedStatus = ExitCode(128 + 13)

    /// Writes `data` in full.
    ///
    /// - Parameter data: The bytes.
    /// - Throws: ``closedStatus`` when stdout no longer takes output.
    static func write(_ data: Data) throws {
        do {
            try FileHandle.standardOutput.write(contentsOf: data)
        } catch {
            throw closedStatus
        }
    }
}
