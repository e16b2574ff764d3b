/// Namespace of the generated payload (`Generated/MetadataPayload+Data.swift`).
enum MetadataPayload {}
