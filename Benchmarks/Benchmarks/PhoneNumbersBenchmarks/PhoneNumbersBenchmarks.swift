import Benchmark
import PhoneNumbers

/// Mobile example numbers of 32 regions (libphonenumber's), a third written in
/// international format with spaces and dashes, the rest in E.164; shared
/// calling codes (+1 CA/BS, +44 JE, +7 KZ) and national prefixes (AR) included.
let internationalInputs = [
    "+1 201-555-0123", "+447400123456", "+4915123456789", "+33 6 12 34 56 78", "+918123456789",
    "+5511961234567", "+86 131 2345 6789", "+819012345678", "+79123456789", "+234 802 123 4567",
    "+522221234567", "+62812345678", "+54 9 11 2345-6789", "+61412345678", "+15062345678",
    "+27 71 123 4567", "+201001234567", "+905012345678", "+39 312 345 6789", "+34612345678",
    "+254712123456", "+92 301 2345678", "+8801812345678", "+639051234567", "+84 912 345 678",
    "+77710009998", "+447797712345", "+1 242-359-1234", "+46701234567", "+31612345678",
    "+48 512 345 678", "+380501234567",
]

/// National forms with their default regions.
let nationalInputs: [(String, String)] = [
    ("07400 123456", "GB"), ("(201) 555-0123", "US"), ("0151 23456789", "DE"), ("06 12 34 56 78", "FR"),
    ("011 15-2345-6789", "AR"), ("8 (912) 345-67-89", "RU"), ("090-1234-5678", "JP"), ("0412 345 678", "AU"),
]

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .throughput, .mallocCountTotal],
        scalingFactor: .kilo,
        maxDuration: .seconds(2)
    )
    // Decode the metadata tables before measuring: a one-time cost at first use.
    blackHole(try? PhoneNumber.parse("+447400123456"))

    Benchmark("PhoneNumber.parse + classify, international (32 regions)") { benchmark in
        var index = 0
        for _ in benchmark.scaledIterations {
            blackHole(try? PhoneNumber.parse(internationalInputs[index]))
            index = index == internationalInputs.count - 1 ? 0 : index + 1
        }
    }

    Benchmark("PhoneNumber.parse + classify, national with region") { benchmark in
        var index = 0
        for _ in benchmark.scaledIterations {
            let (text, region) = nationalInputs[index]
            blackHole(try? PhoneNumber.parse(text, defaultRegion: region))
            index = index == nationalInputs.count - 1 ? 0 : index + 1
        }
    }
}
