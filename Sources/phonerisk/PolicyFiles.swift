import ArgumentParser
import Foundation
import RuleEngine

/// File access and output shared by the policy commands (`check`, `eval`, `test`).
enum PolicyFiles {
    /// Reads a text file, or reports why it cannot be read and fails with exit status 1.
    static func read(_ path: String) throws -> String {
        guard let data = FileManager.default.contents(atPath: path) else {
            StandardError.write("phonerisk: cannot read '\(path)': no such file or not readable")
            throw ExitCode.failure
        }
        return String(decoding: data, as: UTF8.self)
    }

    /// The `.tests` file beside a `.rules` file (same base name), if it exists.
    static func testsBeside(_ rulesPath: String) -> String? {
        let base = rulesPath.hasSuffix(".rules") ? String(rulesPath.dropLast(".rules".count)) : rulesPath
        let path = base + ".tests"
        return FileManager.default.fileExists(atPath: path) ? path : nil
    }

    /// The `.rules` file a `.tests` file belongs to (same base name).
    static func policyFor(_ testsPath: String) -> String {
        String(testsPath.dropLast(".tests".count)) + ".rules"
    }

    /// Every `.tests` file under a directory (its sub-folders included), sorted.
    static func testsFiles(under directory: String) -> [String] {
        guard let walker = FileManager.default.enumerator(atPath: directory) else { return [] }
        var found: [String] = []
        while let relative = walker.nextObject() as? String {
            if relative.hasSuffix(".tests") { found.append((directory as NSString).appendingPathComponent(relative)) }
        }
        return found.sorted()
    }

    static func isDirectory(_ path: String) -> Bool {
        var directory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &directory) && directory.boolValue
    }

    /// Compiles a policy file, printing its diagnostics (errors and warnings) to stderr.
    /// - Returns: nil when it has errors.
    static func compile(_ path: String) throws -> CompiledPolicy? {
        let text = try read(path)
        do {
            let policy = try CompiledPolicy(source: text, file: path)
            report(policy.warnings)
            return policy
        } catch {
            report(error.diagnostics)
            return nil
        }
    }

    static func report(_ diagnostics: [Diagnostic]) {
        for diagnostic in diagnostics { StandardError.write(diagnostic.rendered + "\n") }
    }
}
