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
/// process killed by SIGPIPE does, instead of crashing with a backtrace. Any
/// other refusal (a full disk) is reported on stderr and ends the command
/// with status 1.
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
    /// - Throws: ``closedStatus`` when stdout's reader has gone; `ExitCode.failure`,
    ///   after saying why on stderr, when stdout refused the bytes otherwise.
    static func write(_ data: Data) throws {
        try data.withUnsafeBytes { try write($0) }
    }

    /// Writes `bytes` in full.
    ///
    /// - Parameter bytes: The bytes.
    /// - Throws: as the `Data` variant does.
    static func write(_ bytes: UnsafeRawBufferPointer) throws {
        do {
            try writeFully(STDOUT_FILENO, bytes)
        } catch where error.code == .EPIPE {
            throw closedStatus
        } catch {
            StandardError.write("phonerisk: cannot write the output: \(String(cString: strerror(error.code.rawValue)))")
            throw ExitCode.failure
        }
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
        line.withUTF8 { try? writeFully(STDERR_FILENO, UnsafeRawBufferPointer($0)) }
    }
}

/// Writes all of `bytes` to `descriptor`, retrying writes a signal interrupted.
///
/// - Parameters:
///   - descriptor: An open file descriptor in blocking mode.
///   - bytes: The bytes.
/// - Throws: the error of the write that refused the bytes (closed pipe, full disk…).
func writeFully(_ descriptor: Int32, _ bytes: UnsafeRawBufferPointer) throws(POSIXError) {
    var done = 0
    while done < bytes.count {
        let wrote = write(descriptor, bytes.baseAddress! + done, bytes.count - done)
        if wrote < 0 {
            if errno == EINTR { continue }
            throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
        }
        done += wrote
    }
}
