import SignalStore

extension APIMode {
    /// The store's mode of the same name.
    public var dataMode: DataMode {
        switch self {
        case .test: .test
        case .live: .live
        }
    }

    /// The API mode of stored data.
    ///
    /// - Parameter dataMode: the mode a record was stored under.
    public init(_ dataMode: DataMode) {
        switch dataMode {
        case .test: self = .test
        case .live: self = .live
        }
    }
}
