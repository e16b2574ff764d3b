import Foundation
import Hummingbird
import PhoneVerification
import SignalStore
import Testing
@testable import PhoneRiskServer

/// `docs/openapi.yaml` describes the routes the server really registers.
///
/// The document keeps a regular, line-oriented layout (two-space indentation,
/// one key a line), so these checks read it line by line rather than through
/// a YAML library.
@Suite("docs/openapi.yaml matches the server")
struct OpenAPIDocumentTests {
    private static let documentPath = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("docs/openapi.yaml").path

    private let lines: [Substring]

    init() throws {
        lines = try String(contentsOfFile: Self.documentPath, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
    }

    /// The lines of a top-level section, without the section's own line.
    private func section(_ name: String) -> ArraySlice<Substring> {
        guard let start = lines.firstIndex(of: Substring("\(name):")) else { return [] }
        let end = lines[(start + 1)...].firstIndex { !$0.isEmpty && !$0.hasPrefix(" ") } ?? lines.endIndex
        return lines[(start + 1)..<end]
    }

    /// `method path` for every operation under `paths:`.
    private var documentedRoutes: Set<String> {
        var routes: Set<String> = []
        var path: String?
        for line in section("paths") {
            if line.hasPrefix("  /"), line.hasSuffix(":"), !line.hasPrefix("   ") {
                path = String(line.dropFirst(2).dropLast())
            } else if line.hasPrefix("    "), !line.hasPrefix("     "), line.hasSuffix(":"), let path {
                let method = line.trimmingCharacters(in: .whitespaces).dropLast()
                if ["get", "post", "put", "patch", "delete", "head", "options"].contains(String(method)) {
                    routes.insert("\(method.uppercased()) \(path)")
                }
            }
        }
        return routes
    }

    @Test("every registered route is documented, and every documented operation is registered")
    func routesMatch() async throws {
        let service = try await TestService.make()
        let store = try ServiceStore(path: service.configuration.databasePath, environment: service.configuration.environment)
        let domain = try ServiceAssembly.verificationService(
            store: store, policy: try PolicyHolder(), configuration: service.configuration, logger: service.logs.logger())
        let routes = PhoneRiskRouter.build(service: domain, store: store).routes
        let registered = Set(routes.entries.map { "\($0.method.rawValue) \($0.path)" })
        #expect(registered.count == 11)
        #expect(documentedRoutes == registered)
    }

    @Test("the document is OpenAPI 3.1 and every $ref names a defined component")
    func references() throws {
        #expect(lines.contains("openapi: 3.1.0"))
        let components = section("components")
        var defined: Set<String> = []
        var kind: String?
        for line in components {
            if line.hasPrefix("  "), !line.hasPrefix("   "), line.hasSuffix(":") {
                kind = line.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: ":", with: "")
            } else if line.hasPrefix("    "), !line.hasPrefix("     "), line.hasSuffix(":"), let kind {
                defined.insert("#/components/\(kind)/\(line.trimmingCharacters(in: .whitespaces).dropLast())")
            }
        }
        let references = lines.compactMap { line -> String? in
            guard let range = line.range(of: "$ref: '") else { return nil }
            return String(line[range.upperBound...].dropLast())
        }
        #expect(!references.isEmpty)
        for reference in references {
            #expect(defined.contains(reference), "\(reference)")
        }
    }

    @Test("the documented error codes are exactly those the server can answer")
    func errorCodes() throws {
        let line = try #require(lines.first { $0.trimmingCharacters(in: .whitespaces).hasPrefix("enum: [invalid_json") })
        let listed = line.split(separator: "[")[1].dropLast().split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        let served = APIError.Code.allCases.map(\.rawValue) + [
            ServerError.methodNotAllowed(method: .get, path: "/", allowed: []).code, ServerError.storeUnavailable("").code,
        ]
        #expect(Set(listed) == Set(served))
        let typeLine = try #require(lines.first { $0.trimmingCharacters(in: .whitespaces).hasPrefix("enum: [invalid_request_error") })
        let types = typeLine.split(separator: "[")[1].dropLast().split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        #expect(Set(types) == Set(APIError.Kind.allCases.map(\.rawValue)))
    }
}
