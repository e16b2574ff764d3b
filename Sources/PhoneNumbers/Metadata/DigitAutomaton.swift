/// A DFA over the digits 0-9, compiled at generation time from one region's
/// number patterns (see Scripts/phone_metadata/regex_tables.py).
///
/// State 0 is dead, state 1 the start. Each state carries a bit mask of the
/// patterns that fully match the digits read so far, so one walk answers
/// every pattern of the region at once.
struct DigitAutomaton: Sendable {
    /// `transitions[state * 10 + digit]`.
    let transitions: [UInt16]
    /// Bit `i` is set where pattern `i` (a `NumberDescription`) matches in full.
    let accepts: [UInt16]

    /// The mask of patterns that match all of `digits` (values 0-9).
    @inline(__always)
    func acceptMask(_ digits: [UInt8]) -> UInt16 {
        transitions.withUnsafeBufferPointer { table in
            var state = 1
            for digit in digits {
                state = Int(table[state &* 10 &+ Int(digit)])
                if state == 0 { return 0 }
            }
            return accepts[state]
        }
    }
}
