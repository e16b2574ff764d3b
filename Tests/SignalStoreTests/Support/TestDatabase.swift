import Foundation
@testable import SignalStore

/// A migrated database in its own temporary folder, with a fixed secret.
struct TestDatabase {
    let directory: TemporaryDirectory
    let database: SignalDatabase

    static let secretText = "test-secret-0123456789abcdef0123456789abcdef"

    init(options: SignalDatabase.Options = SignalDatabase.Options(environment: [:])) throws {
        directory = try TemporaryDirectory()
        var options = options
        if options.secret == nil {
            options.secret = try StoreSecret(text: Self.secretText)
        }
        database = try SignalDatabase(path: directory.file("phonerisk.sqlite"), options: options)
    }

    func phoneKey(_ e164: String) -> PhoneNumberKey {
        database.phoneNumberHasher.phoneNumberKey(e164)
    }
}
