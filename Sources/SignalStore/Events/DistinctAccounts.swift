import Foundation

/// The distinct account ids among one number's events, read as the UTF-8
/// bytes SQLite hands out, and whether the queried account is one of them.
///
/// ```swift
/// var accounts = DistinctAccounts("acct_1")
/// accounts.insert(text: pointer, count: length)   // once per event row
/// accounts.count             // distinct accounts seen
/// accounts.containsQueried   // whether "acct_1" was among them
/// ```
struct DistinctAccounts {
    private let queried: String
    private var others: Set<String> = []
    /// Whether the queried account was among the inserted ones.
    private(set) var containsQueried = false

    /// Starts an empty set that watches for `queried`.
    init(_ queried: String) {
        self.queried = queried
    }

    /// How many distinct accounts were inserted.
    var count: Int { others.count + (containsQueried ? 1 : 0) }

    /// Inserts the account whose UTF-8 bytes are `count` bytes at `text`.
    /// The queried account (the usual case) is recognised without making a string.
    mutating func insert(text: UnsafePointer<UInt8>?, count: Int) {
        let bytes = UnsafeBufferPointer(start: text, count: text == nil ? 0 : count)
        if isQueried(bytes) {
            containsQueried = true
            return
        }
        if others.isEmpty { others.reserveCapacity(8) }
        others.insert(String(decoding: bytes, as: UTF8.self))
    }

    private func isQueried(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let contiguous = queried.utf8.withContiguousStorageIfAvailable { own in
            own.count == bytes.count && (own.isEmpty || memcmp(own.baseAddress!, bytes.baseAddress!, own.count) == 0)
        }
        return contiguous ?? queried.utf8.elementsEqual(bytes)
    }
}
