import Foundation

/// The in-process tier of ``SignalCache``: a bounded map in front of the
/// store, so a hot key answers without touching SQLite. When full, the entry
/// inserted longest ago is evicted first.
///
/// The read path is inlinable so that a module using a ``SignalCache`` of a
/// concrete type (the gatherer's `CarrierFacts`) gets a copy specialised for
/// it: unspecialised, every read looks up the generic metadata of the map and
/// its slots at run time, which cost more than the lookup itself.
@usableFromInline
final class InProcessTier<Value: Sendable>: @unchecked Sendable {
    /// What the tier knows about a key.
    @usableFromInline
    enum Answer {
        /// A cached answer.
        case value(Value)
        /// A remembered failure.
        case failure
    }

    @usableFromInline
    struct Slot {
        @usableFromInline var answer: Answer
        @usableFromInline var expiresAt: Date
        @usableFromInline var sequence: UInt64

        @usableFromInline
        init(answer: Answer, expiresAt: Date, sequence: UInt64) {
            self.answer = answer
            self.expiresAt = expiresAt
            self.sequence = sequence
        }
    }

    let capacity: Int
    // Guards every stored property below; all access goes through `lock`.
    @usableFromInline let lock = NSLock()
    @usableFromInline var slots: [SignalCacheKey: Slot] = [:]
    private var insertionOrder: [(key: SignalCacheKey, sequence: UInt64)] = []
    private var orderStart = 0
    private var nextSequence: UInt64 = 0

    /// Creates a tier of at most `capacity` entries (0 disables it).
    @usableFromInline
    init(capacity: Int) {
        self.capacity = max(0, capacity)
    }

    /// The live answer for `key` at `now`, or `nil` when absent or expired.
    @inlinable
    func answer(for key: SignalCacheKey, now: Date) -> Answer? {
        lock.lock()
        defer { lock.unlock() }
        guard let slot = slots[key] else { return nil }
        guard slot.expiresAt > now else {
            slots[key] = nil
            return nil
        }
        return slot.answer
    }

    /// Remembers `answer` for `key` until `expiresAt`.
    @usableFromInline
    func insert(_ answer: Answer, for key: SignalCacheKey, expiresAt: Date) {
        guard capacity > 0 else { return }
        lock.lock()
        defer { lock.unlock() }
        nextSequence &+= 1
        slots[key] = Slot(answer: answer, expiresAt: expiresAt, sequence: nextSequence)
        insertionOrder.append((key, nextSequence))
        while slots.count > capacity, orderStart < insertionOrder.count {
            let oldest = insertionOrder[orderStart]
            orderStart += 1
            // A key re-inserted later has a newer sequence: its older queue entry is stale.
            if slots[oldest.key]?.sequence == oldest.sequence {
                slots[oldest.key] = nil
            }
        }
        if orderStart > 1024, orderStart * 2 > insertionOrder.count {
            insertionOrder.removeFirst(orderStart)
            orderStart = 0
        }
    }

    /// How many entries the tier holds, expired ones included.
    var count: Int {
        lock.lock()
        defer { lock.unlock() }
        return slots.count
    }
}
