import ArgumentParser
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes a command's results to stdout.
///
/// Bytes go to the descriptor with `write(2)` in a loop, not through
/// `FileHandle.write(_:)`: that one traps when a signal interrupts a blocked
/// write (EINTR), which a process with signal handlers (`serve`) or a slow
/// reader makes likely; here an interrupted or short write simply continues.
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
        try data.withUnsafeBytes { try write($0) }
    }

    /// Writes `bytes` in full.
    ///
    /// - Parameter bytes: The bytes.
    /// - Throws: ``closedStatus`` when stdout no longer takes output.
    static func write(_ bytes: UnsafeRawBufferPointer) throws {
        guard writeFully(STDOUT_FILENO, bytes) else { throw closedStatus }
    }
}

/// Writes messages for the person running a command to stderr.
///
/// ```swift
/// StandardError.write("phonerisk: cannot read 'x.rules'")
/// ```
enum StandardError {
    /// Writes `text`, ending it with a newline when it has none.
    ///
    /// A stderr that no longer takes output leaves nowhere to report that, so a
    /// failed write is dropped; interrupted and short writes continue.
    ///
    /// - Parameter text: The message.
    static func write(_ text: String) {
        var line = text
        if !line.hasSuffix("\n") { line += "\n" }
        line.withUTF8 { _ = writeFully(STDERR_FILENO, UnsafeRawBufferPointer($0)) }
    }
}

/// Writes all of `bytes` to `descriptor`, retrying writes a signal interrupted.
///
/// - Parameters:
///   - descriptor: An open file descriptor in blocking mode.
///   - bytes: The bytes.
/// - Returns: false when the descriptor refused the bytes (closed pipe, full disk…).
func writeFully(_ descriptor: Int32, _ bytes: UnsafeRawBufferPointer) -> Bool {
    var done = 0
    while done < bytes.count {
        let wrote = write(descriptor, bytes.baseAddress! + done, bytes.count - done)
        if wrote < 0 {
            if errno == EINTR { continue }
            return false
        }
        done += wrote
    }
    return true
}
