/// libphonenumber's `national_prefix_transform_rule` (`721\1`): what replaces
/// the matched national prefix, built from literal digits and capture groups.
struct NationalPrefixTransform: Sendable {
    enum Piece: Sendable {
        case digit(UInt8)
        case group(Int)
    }

    let pieces: [Piece]

    /// The replacement for a match of the national prefix pattern in `digits`.
    ///
    /// A group that took no part adds nothing, as in Python's `re.sub`.
    func replacement(for match: PrefixPattern.Match, in digits: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        for piece in pieces {
            switch piece {
            case .digit(let digit):
                out.append(digit)
            case .group(let number):
                if number >= 1, number <= match.groups.count, let span = match.groups[number - 1] {
                    out.append(contentsOf: digits[span])
                }
            }
        }
        return out
    }
}
