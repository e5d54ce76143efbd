import Foundation
import Messaging

/// Loads the golden message fixtures under `Tests/Fixtures/messages`.
public enum GoldenFixtures {
    /// `Tests/Fixtures` in the source tree.
    public static let root: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fixtures")

    /// The messages folder.
    public static var messages: URL { root.appendingPathComponent("messages") }

    /// Bytes of `messages/<schema>/<name>.json`.
    public static func message(_ schema: String, _ name: String = "v1") throws -> [UInt8] {
        [UInt8](try Data(contentsOf: messages.appendingPathComponent(schema).appendingPathComponent("\(name).json")))
    }

    /// Every fixture file of a schema: (file name, bytes).
    public static func allVersions(of schema: String) throws -> [(name: String, bytes: [UInt8])] {
        let dir = messages.appendingPathComponent(schema)
        return try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted().filter { $0.hasSuffix(".json") }
            .map { ($0, [UInt8](try Data(contentsOf: dir.appendingPathComponent($0)))) }
    }

    /// Every file under `messages/rejected`: (file name, bytes).
    public static func rejected() throws -> [(name: String, bytes: [UInt8])] {
        let dir = messages.appendingPathComponent("rejected")
        return try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted()
            .map { ($0, [UInt8](try Data(contentsOf: dir.appendingPathComponent($0)))) }
    }

    /// The routing headers a producer would have set for a fixture (read from its own envelope), as
    /// a consumer sees them on the bus.
    public static func headers(for bytes: [UInt8]) -> [MessageHeader] {
        guard let object = try? JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any] else { return [] }
        var headers: [MessageHeader] = [MessageHeader(key: "content-type", value: "application/json")]
        if let schema = object["schema"] as? String { headers.append(MessageHeader(key: "schema", value: schema)) }
        if let version = object["version"] as? Int { headers.append(MessageHeader(key: "version", value: String(version))) }
        if let id = object["id"] as? String { headers.append(MessageHeader(key: "id", value: id)) }
        return headers
    }

    /// The dead-letter reason a rejected fixture's file name promises.
    public static func expectedReason(forRejected name: String) -> DeadLetterV1.Reason {
        if name.contains("too-new") { return .unsupportedVersion }
        if name.contains("unknown-schema") { return .unknownSchema }
        return .malformed
    }
}
