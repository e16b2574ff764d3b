/// Byte-level tables for one compiled policy, built once, that let the JSON
/// decoder resolve keys and string values and the renderer write result lines
/// without creating a `String` or hashing with `Hasher` per key or value.
///
/// Matching by bytes is exact for ASCII text: two ASCII strings are equal as
/// Swift `String`s (canonical equivalence) exactly when their bytes are equal.
/// Text with any other byte goes through the `String` path the tables replace,
/// so the answers never differ (see `SignalDecoder`).
///
/// Everything the decoder and renderer read per key lives in raw buffers owned
/// here (immutable after init, freed in deinit): no array bounds checks,
/// reference counting or exclusivity checks on the hot path.
final class PolicyJSONTables: @unchecked Sendable {
    /// How the decoder reads one input's value.
    enum Kind: UInt8, Sendable {
        case int, float, bool, string, duration, enumeration
    }

    /// A run of `bytes` and what it stands for (a KeyTree node, a string id).
    struct Entry {
        var owner: Int
        var start: Int
        var count: Int
        var value: Int
    }

    /// Per input (declaration order): its kind.
    let inputKinds: UnsafeMutableBufferPointer<Kind>
    /// Per KeyTree node: the input its exact path names, or -1.
    let nodeInputs: UnsafeMutableBufferPointer<Int>
    /// Key segments by (node, bytes): open addressing, a slot holds an index into `segments` or -1.
    private let segmentSlots: UnsafeMutableBufferPointer<Int>
    private let segments: UnsafeMutableBufferPointer<Entry>
    /// Policy strings that are pure ASCII, by bytes, to their interned id.
    private let stringSlots: UnsafeMutableBufferPointer<Int>
    private let strings: UnsafeMutableBufferPointer<Entry>
    /// Every byte the entries and fragments point into.
    private let bytes: UnsafeMutableBufferPointer<UInt8>
    /// Whether a policy string has a non-ASCII byte (an ASCII text might then still equal it canonically).
    let hasNonASCIIString: Bool
    /// How many strings the policy interns; frame-local ids come after them.
    let policyStringCount: Int
    /// Per enumeration input: the interned ids of its cases; empty for other inputs.
    let enumCaseIDs: [[Int64]]
    /// Per input: an enumeration with a non-ASCII case, read through `String` comparison.
    let enumNeedsStrings: [Bool]
    /// The fixed parts of a result line, as `bytes` runs: per verdict (by severity) the line's
    /// start up to the risk, per rule its quoted code, and the end from `,"policy"` on.
    private let decisionPrefixes: [Entry]
    private let quotedCodes: UnsafeMutableBufferPointer<Entry>
    private let lineSuffix: Entry
    /// The most bytes a result line (without explain) can take: every code fired, the longest risk.
    let longestResultLine: Int

    /// Builds the tables of a compiled policy from its parts.
    init(name: String, version: Int, inputs: [PolicyInput], keys: KeyTree, stringTable: StringTable, rules: [PolicyRule]) {
        var bytes: [UInt8] = []
        func store(_ text: String, owner: Int = 0, value: Int = 0) -> Entry {
            let start = bytes.count
            bytes.append(contentsOf: text.utf8)
            return Entry(owner: owner, start: start, count: bytes.count - start, value: value)
        }

        inputKinds = .copy(inputs.map { input in
            switch input.type {
            case .int: .int
            case .float: .float
            case .bool: .bool
            case .string: .string
            case .duration: .duration
            case .enumeration: .enumeration
            }
        })
        nodeInputs = .copy(keys.nodes.map(\.input))
        var segments: [Entry] = []
        for (node, entry) in keys.nodes.enumerated() {
            for (segment, child) in entry.children.sorted(by: { $0.key < $1.key }) {
                segments.append(store(segment, owner: node, value: child))
            }
        }
        var strings: [Entry] = []
        var nonASCII = false
        for (id, string) in stringTable.strings.enumerated() {
            if string.utf8.allSatisfy({ $0 < 0x80 }) {
                strings.append(store(string, value: id))
            } else {
                nonASCII = true
            }
        }
        hasNonASCIIString = nonASCII
        policyStringCount = stringTable.count
        enumCaseIDs = inputs.map { input in
            guard case .enumeration(let cases) = input.type else { return [] }
            return cases.compactMap { stringTable.id(of: $0) }
        }
        enumNeedsStrings = inputs.map { input in
            guard case .enumeration(let cases) = input.type else { return false }
            return cases.contains { !$0.utf8.allSatisfy { $0 < 0x80 } }
        }
        decisionPrefixes = [Verdict.pass, .stepUp, .review, .block].map { store("{\"decision\":\"\($0.rawValue)\",\"risk\":") }
        quotedCodes = .copy(rules.map { store(JSONText.quoted($0.code)) })
        lineSuffix = store(",\"policy\":\(JSONText.quoted(name)),\"version\":\(version)}")
        longestResultLine = (decisionPrefixes.map(\.count).max() ?? 0) + 20 + ",\"reasons\":[".utf8.count
            + quotedCodes.reduce(0) { $0 + $1.count + 1 } + "],\"decided_by\":".utf8.count
            + max(4, quotedCodes.map(\.count).max() ?? 0) + lineSuffix.count

        self.bytes = .copy(bytes)
        self.segments = .copy(segments)
        self.strings = .copy(strings)
        segmentSlots = Self.slots(for: self.segments, bytes: self.bytes)
        stringSlots = Self.slots(for: self.strings, bytes: self.bytes)
    }

    deinit {
        inputKinds.deallocate()
        nodeInputs.deallocate()
        segmentSlots.deallocate()
        segments.deallocate()
        stringSlots.deallocate()
        strings.deallocate()
        bytes.deallocate()
        quotedCodes.deallocate()
    }

    /// The child of `node` named by `count` bytes at `key`, if any.
    @inline(__always)
    func child(of node: Int, _ key: UnsafePointer<UInt8>, _ count: Int) -> Int? {
        find(in: segmentSlots, segments, owner: node, key, count)
    }

    /// The id of the ASCII policy string with these bytes, if any.
    @inline(__always)
    func stringID(_ text: UnsafePointer<UInt8>, _ count: Int) -> Int64? {
        find(in: stringSlots, strings, owner: 0, text, count).map(Int64.init)
    }

    /// The bytes of a fragment.
    func fragment(_ entry: Entry) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(start: bytes.baseAddress! + entry.start, count: entry.count)
    }

    func decisionPrefix(_ verdict: Verdict) -> UnsafeBufferPointer<UInt8> { fragment(decisionPrefixes[verdict.severity]) }
    /// The quoted code of rule `rule`, or nil past the last rule.
    func quotedCode(_ rule: Int) -> UnsafeBufferPointer<UInt8>? { rule < quotedCodes.count ? fragment(quotedCodes[rule]) : nil }
    var suffix: UnsafeBufferPointer<UInt8> { fragment(lineSuffix) }

    private func find(in slots: UnsafeMutableBufferPointer<Int>, _ entries: UnsafeMutableBufferPointer<Entry>,
                      owner: Int, _ key: UnsafePointer<UInt8>, _ count: Int) -> Int? {
        let mask = slots.count - 1
        var slot = Self.hash(owner: owner, key, count) & mask
        while true {
            let index = slots[slot]
            if index < 0 { return nil }
            let entry = entries[index]
            if entry.owner == owner, entry.count == count, Self.equal(bytes.baseAddress! + entry.start, key, count) {
                return entry.value
            }
            slot = (slot + 1) & mask
        }
    }

    private static func slots(for entries: UnsafeMutableBufferPointer<Entry>, bytes: UnsafeMutableBufferPointer<UInt8>)
        -> UnsafeMutableBufferPointer<Int> {
        var size = 16
        while size < entries.count * 2 { size *= 2 }
        let slots = UnsafeMutableBufferPointer<Int>.allocate(capacity: size)
        slots.initialize(repeating: -1)
        for (index, entry) in entries.enumerated() {
            var slot = hash(owner: entry.owner, bytes.baseAddress! + entry.start, entry.count) & (size - 1)
            while slots[slot] >= 0 { slot = (slot + 1) & (size - 1) }
            slots[slot] = index
        }
        return slots
    }

    /// Mixes the bytes eight (or four) at a time, the last word overlapping, seeded with the owner and length.
    @inline(__always)
    static func hash(owner: Int, _ key: UnsafePointer<UInt8>, _ count: Int) -> Int {
        let multiplier: UInt64 = 0x9E37_79B9_7F4A_7C15
        let raw = UnsafeRawPointer(key)
        var h = (UInt64(truncatingIfNeeded: owner) &* multiplier) ^ UInt64(truncatingIfNeeded: count)
        if count >= 8 {
            var index = 0
            while index + 8 < count {
                h = (h ^ raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)) &* multiplier
                index += 8
            }
            h = (h ^ raw.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self)) &* multiplier
        } else if count >= 4 {
            let low = UInt64(raw.loadUnaligned(as: UInt32.self))
            let high = UInt64(raw.loadUnaligned(fromByteOffset: count - 4, as: UInt32.self))
            h = (h ^ (low | high << 32)) &* multiplier
        } else {
            var word: UInt64 = 0
            for index in 0..<count { word |= UInt64(key[index]) << (index << 3) }
            h = (h ^ word) &* multiplier
        }
        // A product's high bits depend on all of its input's bits; its low bits, which the
        // slot mask keeps, only on the low ones: fold once more and keep the high half.
        return Int(truncatingIfNeeded: ((h ^ (h >> 29)) &* multiplier) >> 32)
    }

    /// Whether `count` bytes at `a` and `b` are equal, eight (or four) at a time, the last word overlapping.
    @inline(__always)
    static func equal(_ a: UnsafePointer<UInt8>, _ b: UnsafePointer<UInt8>, _ count: Int) -> Bool {
        let left = UnsafeRawPointer(a), right = UnsafeRawPointer(b)
        if count >= 8 {
            var index = 0
            while index + 8 < count {
                if left.loadUnaligned(fromByteOffset: index, as: UInt64.self) != right.loadUnaligned(fromByteOffset: index, as: UInt64.self) {
                    return false
                }
                index += 8
            }
            return left.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self) == right.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self)
        }
        if count >= 4 {
            return left.loadUnaligned(as: UInt32.self) == right.loadUnaligned(as: UInt32.self)
                && left.loadUnaligned(fromByteOffset: count - 4, as: UInt32.self) == right.loadUnaligned(fromByteOffset: count - 4, as: UInt32.self)
        }
        for index in 0..<count where a[index] != b[index] { return false }
        return true
    }
}

extension UnsafeMutableBufferPointer {
    /// A new buffer holding a copy of `elements` (at least one slot, so the base address exists).
    fileprivate static func copy(_ elements: [Element]) -> Self {
        let buffer = Self.allocate(capacity: Swift.max(1, elements.count))
        _ = buffer.initialize(from: elements)
        return Self(rebasing: buffer[..<elements.count])
    }
}
