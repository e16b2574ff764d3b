import Foundation
import NIOConcurrencyHelpers
import Testing
@testable import phonerisk
#if canImport(Glibc)
import Glibc
#endif

/// The CLI's own writer, `writeFully`, under the signal that crashed Foundation's `FileHandle.write(_:)`.
@Suite struct StandardStreamsTests {
    @Test("a blocked write that a signal interrupts (EINTR) goes on: every byte arrives, in order")
    func interruptedWritesContinue() throws {
        // A handler without SA_RESTART: a write(2) blocked on a full pipe then fails with EINTR.
        var action = sigaction()
        action.__sigaction_handler.sa_handler = { _ in }
        action.sa_flags = 0
        var previous = sigaction()
        sigaction(SIGUSR2, &action, &previous)
        defer { sigaction(SIGUSR2, &previous, nil) }
        var ends: [Int32] = [0, 0]
        try #require(pipe(&ends) == 0)
        defer { close(ends[0]) }
        // Far more than a pipe holds, so the write blocks until the reader below drains it.
        let payload = (0..<1_000_000).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ $0 >> 8) }
        let writerThread = NIOLockedValueBox<pthread_t?>(nil)
        let written = NIOLockedValueBox<Bool?>(nil)
        let writeEnd = ends[1]
        Thread.detachNewThread {
            // A thread starts with its creator's signal mask, and the test runs on a pool thread that
            // blocks most signals: let SIGUSR2 in here.
            var unblocked = sigset_t()
            sigemptyset(&unblocked)
            sigaddset(&unblocked, SIGUSR2)
            pthread_sigmask(SIG_UNBLOCK, &unblocked, nil)
            writerThread.withLockedValue { $0 = pthread_self() }
            let done = payload.withUnsafeBytes { (try? writeFully(writeEnd, $0)) != nil }
            close(writeEnd)
            written.withLockedValue { $0 = done }
        }
        while writerThread.withLockedValue({ $0 }) == nil { usleep(1_000) }
        let thread = try #require(writerThread.withLockedValue { $0 })

        var received: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4_096)
        var interruptions = 0
        while true {
            // Only while the writer runs: a finished thread's id may belong to another thread by now.
            if interruptions < 20, written.withLockedValue({ $0 }) == nil {
                // The writer has filled the pipe again and waits in write(2). A signal there ends the
                // call with the count written so far, if any; the writer calls again on a full pipe and
                // the second signal ends that call having written nothing: EINTR.
                for _ in 0..<2 {
                    usleep(5_000)
                    pthread_kill(thread, SIGUSR2)
                }
                interruptions += 1
            }
            let got = chunk.withUnsafeMutableBytes { read(ends[0], $0.baseAddress!, $0.count) }
            if got < 0, errno == EINTR { continue }
            try #require(got >= 0)
            if got == 0 { break }
            received += chunk[..<got]
        }
        #expect(interruptions == 20)
        #expect(written.withLockedValue { $0 } == true)
        #expect(received.count == payload.count)
        // Compared as one Bool: a failing comparison of two megabyte arrays would make the test
        // library compute their difference, which takes far too long.
        let same = received == payload
        #expect(same)
    }
}
