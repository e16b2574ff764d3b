/// The number descriptions of a region's metadata, in the bit order of the
/// generated automata and length masks (the generator's `DESCRIPTIONS`).
/// After `general` they follow libphonenumber's type-test priority.
enum NumberDescription: Int, CaseIterable {
    case general, premiumRate, tollFree, sharedCost, voip, personalNumber, pager, uan, voicemail, fixedLine, mobile

    var bit: UInt16 { 1 << UInt16(rawValue) }
}
