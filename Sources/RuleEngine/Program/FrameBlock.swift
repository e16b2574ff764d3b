/// One contiguous allocation that a batch of frames is carved from, so that
/// evaluating frame after frame reads memory in order instead of chasing one
/// allocation per frame. Every frame of the batch keeps it alive.
final class FrameBlock {
    let base: UnsafeMutableRawPointer

    init(byteCount: Int) {
        base = .allocate(byteCount: max(1, byteCount), alignment: 64)
    }

    deinit {
        base.deallocate()
    }
}

extension CompiledPolicy {
    /// `count` new frames for this policy whose slots lie side by side in one block of
    /// memory: for evaluating a batch of inputs kept in memory, fill each frame once and
    /// evaluate them in order. Each frame works like one from `makeFrame()`.
    ///
    /// ```swift
    /// let frames = policy.makeFrames(inputs.count)
    /// for (frame, input) in zip(frames, inputs) { try frame.load(json: input) }
    /// let outcomes = frames.map { policy.evaluate($0) }
    /// ```
    /// - Parameter count: how many frames (0 or more).
    public func makeFrames(_ count: Int) -> [EvaluationFrame] {
        precondition(count >= 0, "a negative frame count")
        let stride = EvaluationFrame.byteCount(program)
        let block = FrameBlock(byteCount: stride * count)
        return (0..<count).map { index in
            EvaluationFrame(program: program, storage: block.base + index * stride, block: block)
        }
    }
}
