/// The strings a policy mentions (enumeration cases first, then literals),
/// interned to small integer ids at compile time. Input strings the policy
/// never mentions get frame-local ids above `count` when a frame is filled.
struct StringTable: Sendable {
    private(set) var strings: [String] = []
    private(set) var ids: [String: Int64] = [:]

    var count: Int { strings.count }

    @discardableResult
    mutating func intern(_ string: String) -> Int64 {
        if let id = ids[string] { return id }
        let id = Int64(strings.count)
        strings.append(string)
        ids[string] = id
        return id
    }

    func id(of string: String) -> Int64? { ids[string] }
}
