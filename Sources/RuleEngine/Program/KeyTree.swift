/// The declared input names as a tree of key segments (`carrier` → `line_type`),
/// so that nested JSON objects and dotted keys resolve to an input without
/// building path strings.
struct KeyTree: Sendable {
    struct Node: Sendable {
        /// The input this exact path names, or -1.
        var input = -1
        var children: [String: Int] = [:]
    }

    private(set) var nodes = [Node()]

    /// The root: the top-level JSON object.
    static let root = 0

    init(names: [String]) {
        for (index, name) in names.enumerated() {
            var node = Self.root
            for segment in name.split(separator: ".") {
                let key = String(segment)
                if let next = nodes[node].children[key] {
                    node = next
                } else {
                    nodes.append(Node())
                    nodes[node].children[key] = nodes.count - 1
                    node = nodes.count - 1
                }
            }
            nodes[node].input = index
        }
    }

    /// The node a key leads to from `node`; a key with dots walks one segment per dot.
    func resolve(_ key: String, from node: Int) -> Int? {
        if let next = nodes[node].children[key] { return next }
        guard key.utf8.contains(UInt8(ascii: ".")) else { return nil }
        var current = node
        for segment in key.split(separator: ".", omittingEmptySubsequences: false) {
            guard let next = nodes[current].children[String(segment)] else { return nil }
            current = next
        }
        return current
    }
}
