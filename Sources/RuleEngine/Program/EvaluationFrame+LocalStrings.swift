extension EvaluationFrame {
    /// The frame-local id of a string the policy does not know, by its UTF-8 bytes: an
    /// earlier local string equal to it (as `String`s compare) keeps its id.
    /// - Parameters:
    ///   - text: the string's bytes.
    ///   - ascii: every byte is below 0x80, so byte comparison decides equality with ASCII strings.
    func internLocal(_ text: UnsafeBufferPointer<UInt8>, ascii: Bool) -> Int64 {
        let policyCount = program.strings.count
        // Each use of a class's array property is a dynamic exclusivity check: read both
        // arrays once, and count the locals from the offsets.
        let (found, localCount): (Int?, Int) = localBytes.withUnsafeBufferPointer { stored in
            localOffsets.withUnsafeBufferPointer { offsets in
                let localCount = offsets.count - 1
                for local in 0..<localCount {
                    let start = offsets[local], length = offsets[local + 1] - start
                    let bytes = UnsafeBufferPointer(rebasing: stored[start..<start + length])
                    if length == text.count, bytes.elementsEqual(text) { return (local, localCount) }
                    if ascii, bytes.allSatisfy({ $0 < 0x80 }) { continue }
                    if String(decoding: bytes, as: UTF8.self) == String(decoding: text, as: UTF8.self) { return (local, localCount) }
                }
                return (nil, localCount)
            }
        }
        if let found { return Int64(policyCount + found) }
        localStrings.append(String(decoding: text, as: UTF8.self))
        localBytes.append(contentsOf: text)
        localOffsets.append(localBytes.count)
        return Int64(policyCount + localCount)
    }
}
