import Foundation

/// Reads files under `Tests/Fixtures`, found by walking up from this source file.
enum RandomFixtures {
    /// The `Fixtures` folder, or `nil` if no ancestor of this file contains one.
    static func directory(from file: String = #filePath) -> URL? {
        var folder = URL(fileURLWithPath: file).deletingLastPathComponent()
        while folder.path != "/" {
            let candidate = folder.appendingPathComponent("Fixtures")
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: candidate.path, isDirectory: &isDirectory), isDirectory.boolValue {
                return candidate
            }
            folder = folder.deletingLastPathComponent()
        }
        return nil
    }

    /// The parsed JSON at `relativePath` inside `Fixtures`, or `nil` if missing or malformed.
    static func json(_ relativePath: String) -> Any? {
        guard let url = directory()?.appendingPathComponent(relativePath),
              let data = try? Data(contentsOf: url) else { return nil }
        return try? JSONSerialization.jsonObject(with: data)
    }
}
