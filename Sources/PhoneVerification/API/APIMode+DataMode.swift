import SignalStore

extension APIMode {
    /// The store's mode of the same name.
    public var dataMode: DataMode {
        switch self {
        case .test: .test
        case .live: .live
        }
    }
}
