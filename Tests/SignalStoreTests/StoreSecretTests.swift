import Foundation
import Testing
@testable import SignalStore

@Suite("Store secret")
struct StoreSecretTests {
    @Test("PHONERISK_SECRET wins over the file and is never described")
    func environmentSecret() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let database = directory.file("db.sqlite")
        let text = String(repeating: "k", count: 40)
        let secret = try StoreSecret.resolve(forDatabaseAt: database, environment: ["PHONERISK_SECRET": text])
        #expect(!FileManager.default.fileExists(atPath: StoreSecret.secretFilePath(forDatabaseAt: database)))
        #expect(!"\(secret)".contains(text))
        #expect(!String(reflecting: secret).contains(text))
        let explicit = try StoreSecret(text: text)
        let left = KeyedHasher(secret: secret, purpose: .phoneNumber).hexDigest("+447700900123")
        let right = KeyedHasher(secret: explicit, purpose: .phoneNumber).hexDigest("+447700900123")
        #expect(left == right)
    }

    @Test("a short secret is refused with its source and length")
    func shortSecret() throws {
        #expect(throws: SignalStoreError.secretTooShort(source: "PHONERISK_SECRET", byteCount: 5)) {
            try StoreSecret.resolve(forDatabaseAt: "/nonexistent/db.sqlite", environment: ["PHONERISK_SECRET": " short\n"])
        }
    }

    @Test("the secret file is made once with mode 0600 and reused")
    func fileCreatedAndReused() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let database = directory.file("db.sqlite")
        let first = try StoreSecret.resolve(forDatabaseAt: database, environment: [:])
        let path = StoreSecret.secretFilePath(forDatabaseAt: database)
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        let content = try String(contentsOfFile: path, encoding: .utf8)
        #expect(content.trimmingCharacters(in: .whitespacesAndNewlines).count == 64)
        let second = try StoreSecret.resolve(forDatabaseAt: database, environment: [:])
        let hash = { (secret: StoreSecret) in KeyedHasher(secret: secret, purpose: .phoneNumber).hexDigest("+15551234567") }
        #expect(hash(first) == hash(second))
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".tmp") }
        #expect(leftovers.isEmpty)
    }

    @Test("processes racing to create the file all end up with the same secret")
    func concurrentCreation() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let database = directory.file("db.sqlite")
        let digests = try await withThrowingTaskGroup(of: String.self) { group in
            for _ in 0..<16 {
                group.addTask {
                    let secret = try StoreSecret.resolve(forDatabaseAt: database, environment: [:])
                    return KeyedHasher(secret: secret, purpose: .phoneNumber).hexDigest("+15551234567")
                }
            }
            var all: Set<String> = []
            for try await digest in group { all.insert(digest) }
            return all
        }
        #expect(digests.count == 1)
    }

    @Test("a secret file readable by others is refused")
    func fileTooOpen() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let database = directory.file("db.sqlite")
        _ = try StoreSecret.resolve(forDatabaseAt: database, environment: [:])
        let path = StoreSecret.secretFilePath(forDatabaseAt: database)
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: path)
        #expect(throws: SignalStoreError.secretFileTooOpen(path: path, mode: 0o644)) {
            try StoreSecret.resolve(forDatabaseAt: database, environment: [:])
        }
    }

    @Test("an unreadable or too short secret file gets a clear error")
    func fileUnreadable() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let database = directory.file("db.sqlite")
        let path = StoreSecret.secretFilePath(forDatabaseAt: database)
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
        #expect(throws: SignalStoreError.secretFileUnreadable(path: path, reason: "not a regular file")) {
            try StoreSecret.resolve(forDatabaseAt: database, environment: [:])
        }
        try FileManager.default.removeItem(atPath: path)
        FileManager.default.createFile(atPath: path, contents: Data("tiny\n".utf8), attributes: [.posixPermissions: 0o600])
        #expect(throws: SignalStoreError.secretTooShort(source: path, byteCount: 4)) {
            try StoreSecret.resolve(forDatabaseAt: database, environment: [:])
        }
        let error = SignalStoreError.secretTooShort(source: path, byteCount: 4)
        #expect(error.description.contains(path) && error.description.contains("32"))
    }
}
