extension EvaluationFrame {
    /// Adds the frame-local strings a JSON decode collected, in id order, after the locals
    /// the frame already holds (none after `reset()`): `count` strings whose UTF-8 bytes are
    /// `bytes[offsets[i]..<offsets[i + 1]]`.
    ///
    /// One call per decode, not one per string, and each of the frame's arrays is reached
    /// once (as an `inout` argument): every use of a class's array property is a dynamic
    /// exclusivity check, which costs more than the copy.
    func appendLocals(bytes: UnsafeBufferPointer<UInt8>, offsets: UnsafeBufferPointer<Int>, count: Int) {
        Self.append(bytes, offsets, count, to: &localStrings, &localBytes, &localOffsets)
    }

    private static func append(_ bytes: UnsafeBufferPointer<UInt8>, _ offsets: UnsafeBufferPointer<Int>, _ count: Int,
                               to strings: inout [String], _ storedBytes: inout [UInt8], _ storedOffsets: inout [Int]) {
        let base = storedBytes.count
        storedBytes.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[..<offsets[count]]))
        for local in 0..<count {
            storedOffsets.append(base + offsets[local + 1])
            strings.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[offsets[local]..<offsets[local + 1]]), as: UTF8.self))
        }
    }
}
