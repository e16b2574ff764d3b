/// Fixed limits of the HTTP layer.
enum ServerLimits {
    /// The largest request body accepted: 64 KiB, as API.md says.
    static let maxBodyBytes = 64 * 1024
    /// The longest `Idempotency-Key` accepted.
    static let maxIdempotencyKeyLength = 255
}
