/// Cuts a top-level JSON array into the byte ranges of its elements, so that
/// each element can be handed to `EvaluationFrame.load(json:)`, the same
/// decoder `phonerisk eval` uses. Strings (with escapes) and nesting are
/// tracked; the elements themselves are validated by the frame's decoder.
enum JSONArraySplitter {
    /// The element ranges of the array in `bytes`.
    /// - Parameter bytes: UTF-8 text holding one JSON array.
    /// - Returns: one range per element, in order.
    /// - Throws: a reason when the text is not one balanced array.
    static func elements(of bytes: [UInt8]) throws(SplitFailure) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        var index = skipSpace(bytes, 0)
        guard index < bytes.count, bytes[index] == UInt8(ascii: "[") else { throw SplitFailure("expected '[' at the start") }
        index += 1
        var depth = 0, start = -1, inString = false, escaped = false
        while index < bytes.count {
            let byte = bytes[index]
            if inString {
                if escaped { escaped = false } else if byte == UInt8(ascii: "\\") { escaped = true } else if byte == UInt8(ascii: "\"") { inString = false }
            } else {
                switch byte {
                case UInt8(ascii: "\""):
                    inString = true
                    if start < 0 { start = index }
                case UInt8(ascii: "{"), UInt8(ascii: "["):
                    if start < 0 { start = index }
                    depth += 1
                case UInt8(ascii: "}"), UInt8(ascii: "]"), UInt8(ascii: ","):
                    if depth > 0 {
                        if byte != UInt8(ascii: ",") { depth -= 1 }
                    } else if byte == UInt8(ascii: "}") {
                        throw SplitFailure("unbalanced '}' at byte \(index)")
                    } else if byte == UInt8(ascii: "]"), start < 0, ranges.isEmpty {
                        return try closed(bytes, index, ranges)
                    } else {
                        guard start >= 0 else { throw SplitFailure("empty element before byte \(index)") }
                        ranges.append(start..<trimEnd(bytes, start, index))
                        start = -1
                        if byte == UInt8(ascii: "]") { return try closed(bytes, index, ranges) }
                    }
                case 0x20, 0x09, 0x0A, 0x0D:
                    break
                default:
                    if start < 0 { start = index }
                }
            }
            index += 1
        }
        throw SplitFailure("the array is not closed")
    }

    private static func closed(_ bytes: [UInt8], _ bracket: Int, _ ranges: [Range<Int>]) throws(SplitFailure) -> [Range<Int>] {
        guard skipSpace(bytes, bracket + 1) == bytes.count else { throw SplitFailure("text after the closing ']'") }
        return ranges
    }

    private static func skipSpace(_ bytes: [UInt8], _ from: Int) -> Int {
        var index = from
        while index < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[index]) { index += 1 }
        return index
    }

    private static func trimEnd(_ bytes: [UInt8], _ start: Int, _ end: Int) -> Int {
        var last = end
        while last > start, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[last - 1]) { last -= 1 }
        return last
    }
}

/// Why a JSON array could not be split.
struct SplitFailure: Error {
    /// What was wrong, with the byte offset where it helps.
    var reason: String
    init(_ reason: String) { self.reason = reason }
}
