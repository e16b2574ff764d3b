import Crypto
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The 0600 file that holds the secret when `PHONERISK_SECRET` is not set.
///
/// Creation is race-safe: the content is written and synced to a private
/// temporary file first, then published under the final name with `link(2)`,
/// which fails if another process won the race, in which case its secret is
/// used. A reader therefore never sees a half-written secret.
struct SecretFile {
    let path: String

    /// The secret in the file, creating the file with a fresh random secret if absent.
    func loadOrCreate() throws -> StoreSecret {
        if access(path, F_OK) != 0 {
            try create()
        }
        return try load()
    }

    /// Reads and checks the existing file.
    func load() throws -> StoreSecret {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw SignalStoreError.secretFileUnreadable(path: path, reason: SignalStoreError.errnoText())
        }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            throw SignalStoreError.secretFileUnreadable(path: path, reason: SignalStoreError.errnoText())
        }
        guard (status.st_mode & S_IFMT) == S_IFREG else {
            throw SignalStoreError.secretFileUnreadable(path: path, reason: "not a regular file")
        }
        let permissions = UInt32(status.st_mode) & 0o777
        guard permissions & 0o077 == 0 else {
            throw SignalStoreError.secretFileTooOpen(path: path, mode: permissions)
        }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw SignalStoreError.secretFileUnreadable(path: path, reason: SignalStoreError.errnoText())
            }
            if count == 0 { break }
            bytes.append(contentsOf: buffer[0..<count])
            guard bytes.count <= 64 * 1024 else {
                throw SignalStoreError.secretFileUnreadable(path: path, reason: "larger than 64 KiB")
            }
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw SignalStoreError.secretFileUnreadable(path: path, reason: "not UTF-8 text")
        }
        return try StoreSecret(text: text, source: path)
    }

    /// Writes 32 random bytes, hex-encoded, and publishes the file atomically.
    private func create() throws {
        let random = SymmetricKey(size: .bits256).withUnsafeBytes { Array($0) }
        let content = Array((HexEncoding.encode(random) + "\n").utf8)
        let temporary = "\(path).\(getpid()).\(UInt64.random(in: 0...UInt64.max)).tmp"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw SignalStoreError.secretFileNotCreated(path: path, reason: SignalStoreError.errnoText())
        }
        defer { unlink(temporary) }
        do {
            defer { close(descriptor) }
            guard fchmod(descriptor, 0o600) == 0 else {
                throw SignalStoreError.secretFileNotCreated(path: path, reason: SignalStoreError.errnoText())
            }
            var written = 0
            while written < content.count {
                let count = content[written...].withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
                if count < 0 {
                    if errno == EINTR { continue }
                    throw SignalStoreError.secretFileNotCreated(path: path, reason: SignalStoreError.errnoText())
                }
                written += count
            }
            guard fsync(descriptor) == 0 else {
                throw SignalStoreError.secretFileNotCreated(path: path, reason: SignalStoreError.errnoText())
            }
        }
        if link(temporary, path) != 0 && errno != EEXIST {
            throw SignalStoreError.secretFileNotCreated(path: path, reason: SignalStoreError.errnoText())
        }
        syncDirectory()
    }

    /// Makes the new directory entry durable; failure only weakens durability, never correctness.
    private func syncDirectory() {
        let directory = (path as NSString).deletingLastPathComponent
        let descriptor = open(directory.isEmpty ? "." : directory, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return }
        _ = fsync(descriptor)
        close(descriptor)
    }
}
