import CLibFuzzer

/// Starts libFuzzer from a fuzzer's entry point.
///
/// SwiftPM links a debug executable with `main` aliased to `<Target>_main`, so
/// libFuzzer's own `main` is never linked in. Each fuzzer therefore defines
/// `<Target>_main` and hands its arguments and its `LLVMFuzzerTestOneInput`
/// to the driver here, which reads libFuzzer's usual flags and corpus folders.
///
/// ```swift
/// @_cdecl("PhoneNumberFuzzer_main")
/// public func phoneNumberFuzzerMain(_ argc: CInt, _ argv: LibFuzzer.Arguments) -> CInt {
///     LibFuzzer.run(argc, argv, phoneNumberFuzzerTestOneInput)
/// }
/// ```
public enum LibFuzzer {
    /// The C `argv` of `main`.
    public typealias Arguments = UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?

    /// The `LLVMFuzzerTestOneInput` callback.
    public typealias TestOneInput = @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt

    /// Runs libFuzzer's driver and returns its exit status.
    ///
    /// - Parameters:
    ///   - argc: `main`'s argument count.
    ///   - argv: `main`'s arguments.
    ///   - testOneInput: The function libFuzzer calls with each input.
    public static func run(_ argc: CInt, _ argv: Arguments, _ testOneInput: TestOneInput) -> CInt {
        var count = argc
        var arguments = argv
        return LLVMFuzzerRunDriver(&count, &arguments, testOneInput)
    }
}
