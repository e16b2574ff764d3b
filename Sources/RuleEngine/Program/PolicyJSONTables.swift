/// Byte-level tables for one compiled policy, built once, that let the JSON
/// decoder resolve keys and string values and the renderer write result lines
/// without creating a `String` or hashing with `Hasher` per key or value.
///
/// Matching by bytes is exact for ASCII text: two ASCII strings are equal as
/// Swift `String`s (canonical equivalence) exactly when their bytes are equal.
/// Text with any other byte goes through the `String` path the tables replace,
/// so the answers never differ (see `SignalDecoder`).
final class PolicyJSONTables: Sendable {
    /// How the decoder reads one input's value.
    enum Kind: UInt8, Sendable {
        case int, float, bool, string, duration, enumeration
    }

    /// Per input (declaration order): its kind.
    let inputKinds: [Kind]
    /// Per KeyTree node: the input its exact path names, or -1.
    let nodeInputs: [Int]
    /// Key segments by (node, bytes): open addressing, `segmentSlots[h]` is an index into `segments` or -1.
    private let segmentSlots: [Int]
    private let segments: [Entry]
    /// Policy strings that are pure ASCII, by bytes, to their interned id.
    private let stringSlots: [Int]
    private let strings: [Entry]
    /// Whether a policy string has a non-ASCII byte (an ASCII text might then still equal it canonically).
    let hasNonASCIIString: Bool
    /// Per enumeration input: the interned ids of its cases; empty for other inputs.
    let enumCaseIDs: [[Int64]]
    /// Per input: an enumeration with a non-ASCII case, read through `String` comparison.
    let enumNeedsStrings: [Bool]
    /// Every byte the entries point into.
    let bytes: [UInt8]
    /// The fixed parts of a result line (see `PolicyJSONTables+Rendering.swift`).
    let decisionPrefixes: [[UInt8]]
    let quotedCodes: [[UInt8]]
    let lineSuffix: [UInt8]

    /// A run of `bytes` and what it stands for (a KeyTree node, a string id).
    struct Entry: Sendable {
        var owner: Int
        var start: Int
        var count: Int
        var value: Int
    }

    init(program: Program) {
        var bytes: [UInt8] = []
        func store(_ text: String, owner: Int, value: Int) -> Entry {
            let start = bytes.count
            bytes.append(contentsOf: text.utf8)
            return Entry(owner: owner, start: start, count: bytes.count - start, value: value)
        }

        inputKinds = program.inputs.map { input in
            switch input.type {
            case .int: .int
            case .float: .float
            case .bool: .bool
            case .string: .string
            case .duration: .duration
            case .enumeration: .enumeration
            }
        }
        nodeInputs = program.keys.nodes.map(\.input)
        var segments: [Entry] = []
        for (node, entry) in program.keys.nodes.enumerated() {
            for (segment, child) in entry.children.sorted(by: { $0.key < $1.key }) {
                segments.append(store(segment, owner: node, value: child))
            }
        }
        var strings: [Entry] = []
        var nonASCII = false
        for (id, string) in program.strings.strings.enumerated() {
            if string.utf8.allSatisfy({ $0 < 0x80 }) {
                strings.append(store(string, owner: 0, value: id))
            } else {
                nonASCII = true
            }
        }
        hasNonASCIIString = nonASCII
        enumCaseIDs = program.inputs.map { input in
            guard case .enumeration(let cases) = input.type else { return [] }
            return cases.compactMap { program.strings.id(of: $0) }
        }
        enumNeedsStrings = program.inputs.map { input in
            guard case .enumeration(let cases) = input.type else { return false }
            return cases.contains { !$0.utf8.allSatisfy { $0 < 0x80 } }
        }
        self.bytes = bytes
        self.segments = segments
        self.strings = strings
        segmentSlots = Self.slots(for: segments, bytes: bytes)
        stringSlots = Self.slots(for: strings, bytes: bytes)

        decisionPrefixes = [Verdict.pass, .stepUp, .review, .block].map { Array("{\"decision\":\"\($0.rawValue)\",\"risk\":".utf8) }
        quotedCodes = program.rules.map { Array(JSONText.quoted($0.code).utf8) }
        lineSuffix = Array(",\"policy\":\(JSONText.quoted(program.name)),\"version\":\(program.version)".utf8)
    }

    /// The child of `node` named by `count` bytes at `key`, if any.
    func child(of node: Int, _ key: UnsafePointer<UInt8>, _ count: Int) -> Int? {
        find(in: segmentSlots, segments, owner: node, key, count)
    }

    /// The id of the ASCII policy string with these bytes, if any.
    func stringID(_ text: UnsafePointer<UInt8>, _ count: Int) -> Int64? {
        find(in: stringSlots, strings, owner: 0, text, count).map(Int64.init)
    }

    private func find(in slots: [Int], _ entries: [Entry], owner: Int, _ key: UnsafePointer<UInt8>, _ count: Int) -> Int? {
        let mask = slots.count - 1
        var slot = Self.hash(owner: owner, key, count) & mask
        return bytes.withUnsafeBufferPointer { stored in
            while true {
                let index = slots[slot]
                if index < 0 { return nil }
                let entry = entries[index]
                if entry.owner == owner, entry.count == count, Self.equal(stored.baseAddress! + entry.start, key, count) {
                    return entry.value
                }
                slot = (slot + 1) & mask
            }
        }
    }

    private static func slots(for entries: [Entry], bytes: [UInt8]) -> [Int] {
        var size = 16
        while size < entries.count * 2 { size *= 2 }
        var slots = [Int](repeating: -1, count: size)
        bytes.withUnsafeBufferPointer { stored in
            for (index, entry) in entries.enumerated() {
                var slot = hash(owner: entry.owner, stored.baseAddress! + entry.start, entry.count) & (size - 1)
                while slots[slot] >= 0 { slot = (slot + 1) & (size - 1) }
                slots[slot] = index
            }
        }
        return slots
    }

    /// FNV-1a over the bytes, seeded with the owner: a few instructions per byte, no `Hasher`.
    private static func hash(owner: Int, _ key: UnsafePointer<UInt8>, _ count: Int) -> Int {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325 ^ UInt64(truncatingIfNeeded: owner)
        for index in 0..<count { h = (h ^ UInt64(key[index])) &* 0x0000_0100_0000_01b3 }
        return Int(truncatingIfNeeded: h ^ (h >> 29))
    }

    static func equal(_ a: UnsafePointer<UInt8>, _ b: UnsafePointer<UInt8>, _ count: Int) -> Bool {
        for index in 0..<count where a[index] != b[index] { return false }
        return true
    }
}
