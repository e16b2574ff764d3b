/// Reusable scratch space for evaluating one compiled policy: a flat array of
/// 64-bit slots with a presence byte each (absent = *missing*), and the bitset
/// of fired rules. Make one per thread with `CompiledPolicy.makeFrame()`, fill
/// it (`load(json:strict:)` or `load(_:strict:)`), then evaluate it as often as
/// needed: evaluation allocates nothing.
///
/// ```swift
/// let frame = policy.makeFrame()
/// for line in lines {
///     try frame.load(json: line)
///     let outcome = policy.evaluate(frame)
/// }
/// ```
public final class EvaluationFrame {
    let program: Program
    /// One block holds the slots, the fired and known bitsets, then the presence bytes,
    /// so that a frame spans as few cache lines as possible. The frame owns it, or a
    /// `FrameBlock` shared by a batch of frames does (`CompiledPolicy.makeFrames(_:)`).
    private let storage: UnsafeMutableRawPointer
    private let block: FrameBlock?
    let values: UnsafeMutablePointer<Int64>
    let present: UnsafeMutablePointer<UInt8>
    /// Bit per rule: its condition was true in the last evaluation.
    let fired: UnsafeMutablePointer<UInt64>
    /// Bit per rule: its condition was not missing, as of the last `explain` (or evaluation
    /// of a policy that is not `Program.compact`).
    let known: UnsafeMutablePointer<UInt64>
    /// Strings of the current input that the policy never mentions, with their frame-local ids.
    var localIds: [String: Int64] = [:]
    var localStrings: [String] = []
    /// The local strings' UTF-8 bytes and where each ends, read by `starts_with` during
    /// evaluation. Unchecked: a frame is used by one thread and no access to them
    /// overlaps another (the evaluator only reads them), and the dynamic exclusivity
    /// checks cost more than the comparison itself.
    @exclusivity(unchecked) var localBytes: [UInt8] = []
    @exclusivity(unchecked) var localOffsets: [Int] = [0]

    /// A frame with a block of its own.
    convenience init(program: Program) {
        let bytes = Self.byteCount(program)
        let storage = UnsafeMutableRawPointer.allocate(byteCount: bytes, alignment: 64)
        self.init(program: program, storage: storage, block: nil)
    }

    /// A frame over `storage` (`byteCount(program)` bytes, 8-aligned), which `block` owns when not nil.
    init(program: Program, storage: UnsafeMutableRawPointer, block: FrameBlock?) {
        self.program = program
        self.storage = storage
        self.block = block
        let slots = program.slotCount, words = program.firedWords
        storage.initializeMemory(as: UInt8.self, repeating: 0, count: Self.byteCount(program))
        values = storage.bindMemory(to: Int64.self, capacity: slots)
        fired = (storage + slots * 8).bindMemory(to: UInt64.self, capacity: words)
        known = (storage + slots * 8 + words * 8).bindMemory(to: UInt64.self, capacity: words)
        present = (storage + slots * 8 + words * 16).bindMemory(to: UInt8.self, capacity: slots)
        for constant in program.constants {
            values[Int(constant.slot)] = constant.value
            present[Int(constant.slot)] = constant.present ? 1 : 0
        }
    }

    /// The bytes of one frame's block: slots, two bitsets, presence bytes, rounded up to 8.
    static func byteCount(_ program: Program) -> Int {
        (program.slotCount * 9 + program.firedWords * 16 + 7) & ~7
    }

    deinit {
        if block == nil { storage.deallocate() }
    }

    /// Makes every input missing again and forgets the previous input's strings.
    public func reset() {
        present.update(repeating: 0, count: program.inputs.count)
        if !localStrings.isEmpty {
            localIds.removeAll(keepingCapacity: true)
            localStrings.removeAll(keepingCapacity: true)
            localBytes.removeAll(keepingCapacity: true)
            localOffsets.removeAll(keepingCapacity: true)
            localOffsets.append(0)
        }
    }

    /// The id of a string: the policy's interned id, or a frame-local one above them.
    func intern(_ string: String) -> Int64 {
        if let id = program.strings.id(of: string) { return id }
        if let id = localIds[string] { return id }
        let id = Int64(program.strings.count + localStrings.count)
        localIds[string] = id
        localStrings.append(string)
        localBytes.append(contentsOf: string.utf8)
        localOffsets.append(localBytes.count)
        return id
    }

    /// The text of a string id (policy or frame-local).
    func string(_ id: Int64) -> String {
        let index = Int(id)
        return index < program.strings.count ? program.strings.strings[index] : localStrings[index - program.strings.count]
    }

    /// Whether the string `id` starts with the string `prefix`, comparing UTF-8 bytes without allocating.
    func startsWith(_ id: Int64, _ prefix: Int64) -> Bool {
        withBytes(id) { text in
            withBytes(prefix) { start in
                text.count >= start.count && (start.isEmpty || memoryEqual(text.baseAddress!, start.baseAddress!, start.count))
            }
        }
    }

    private func memoryEqual(_ a: UnsafePointer<UInt8>, _ b: UnsafePointer<UInt8>, _ count: Int) -> Bool {
        for index in 0..<count where a[index] != b[index] { return false }
        return true
    }

    private func withBytes<R>(_ id: Int64, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        let index = Int(id)
        let count = program.strings.count
        if index < count {
            let start = program.stringOffsets[index], end = program.stringOffsets[index + 1]
            return body(UnsafeBufferPointer(start: program.stringBytes.baseAddress! + start, count: end - start))
        }
        let local = index - count
        return localBytes.withUnsafeBufferPointer { buffer in
            let start = localOffsets[local], end = localOffsets[local + 1]
            return body(UnsafeBufferPointer(rebasing: buffer[start..<end]))
        }
    }
}
