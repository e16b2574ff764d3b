import Foundation
import SignalStore

extension VerificationService {
    /// One verification (`GET …/phone_verifications/{id}`); an expired pending one reads as `expired`.
    ///
    /// - Throws: 404 for an unknown account or verification, one of another account, or of the other mode.
    public func verification(accountID: String, id: String, mode: APIMode) async throws(APIError) -> Verification {
        let now = clock()
        return try present(try await verificationRecord(accountID: accountID, id: id, mode: mode), now: now)
    }

    /// The account's verifications, newest first (`GET …/phone_verifications`).
    ///
    /// - Parameters:
    ///   - accountID: the account's id.
    ///   - list: `limit` (1–100, default 10) and `starting_after` (an id of this list).
    ///   - mode: the caller's mode.
    /// - Throws: 400 on `limit` or `starting_after`, 404 for an unknown account.
    public func listVerifications(accountID: String, _ list: ListRequest, mode: APIMode) async throws(APIError) -> ListPage<Verification> {
        let now = clock()
        let limit = try InputValidation.limit(list.limit)
        let account = try await accountRecord(id: accountID, mode: mode)
        let dataMode = mode.dataMode
        var before: Int64?
        if let startingAfter = list.startingAfter {
            guard let key = InputValidation.objectID(startingAfter),
                  let anchor = try await read("find a page anchor", { tx in
                      try tx.verification(id: key, accountID: account.id, mode: dataMode)
                  })
            else { throw .invalidField("starting_after", "'\(startingAfter)' is not a verification of this account") }
            before = anchor.sequence
        }
        let records = try await read("list verifications") { [before] tx in
            try tx.verifications(accountID: account.id, mode: dataMode, limit: limit + 1, beforeSequence: before)
        }
        var page: [Verification] = []
        for record in records.prefix(limit) {
            page.append(try present(record, now: now))
        }
        return ListPage(data: page, hasMore: records.count > limit)
    }

    /// The stored verification, checked to exist in this account and mode.
    func verificationRecord(accountID: String, id: String, mode: APIMode) async throws(APIError) -> VerificationRecord {
        let account = try await accountRecord(id: accountID, mode: mode)
        guard let key = InputValidation.objectID(id) else { throw .resourceMissing("phone_verification", id: id) }
        let dataMode = mode.dataMode
        guard let record = try await read("read a verification", { tx in
            try tx.verification(id: key, accountID: account.id, mode: dataMode)
        }) else { throw .resourceMissing("phone_verification", id: id) }
        return record
    }
}
