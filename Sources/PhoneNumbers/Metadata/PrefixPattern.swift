/// A prefix pattern (international prefix, national prefix for parsing,
/// leading digits) as the finite list of its alternatives, in the order
/// Python's backtracking `re.match` tries them; the first alternative that
/// matches the start of a number is the match libphonenumber sees.
struct PrefixPattern: Sendable {
    /// One way the pattern can match: a digit set per position.
    struct Alternative: Sendable {
        /// Bit `d` of `sets[i]` is set when digit `d` may stand at position `i`.
        let sets: [UInt16]
        /// Whether the alternative must end the number (`$` in the pattern).
        let anchored: Bool
        /// Each capture group's span, nil when the group takes no part.
        let groups: [Range<Int>?]
    }

    /// What a match found.
    struct Match {
        /// How many leading digits matched.
        let length: Int
        /// The capture groups' spans in the matched digits.
        let groups: [Range<Int>?]
    }

    let alternatives: [Alternative]

    /// The first alternative matching the start of `digits`, as `re.match` would.
    func match(_ digits: [UInt8]) -> Match? {
        for alternative in alternatives where alternative.sets.count <= digits.count {
            if alternative.anchored && alternative.sets.count != digits.count { continue }
            if matches(alternative, digits) {
                return Match(length: alternative.sets.count, groups: alternative.groups)
            }
        }
        return nil
    }

    /// Whether any alternative matches the start of `digits`.
    func matchesStart(of digits: [UInt8]) -> Bool {
        alternatives.contains { alternative in
            alternative.sets.count <= digits.count
                && (!alternative.anchored || alternative.sets.count == digits.count)
                && matches(alternative, digits)
        }
    }

    @inline(__always)
    private func matches(_ alternative: Alternative, _ digits: [UInt8]) -> Bool {
        var position = 0
        for set in alternative.sets {
            if set & (1 << UInt16(digits[position])) == 0 { return false }
            position += 1
        }
        return true
    }
}
