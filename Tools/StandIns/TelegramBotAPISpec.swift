import Foundation

/// The bundled subset of the Bot API 10.1 specification (`Fixtures/telegram/bot-api-10.1-subset.json`,
/// provenance in `PROVENANCE.md` beside it), for tests that check shapes against the documentation.
public struct TelegramBotAPISpec: Sendable {
    /// One documented field.
    public struct Field: Sendable, Hashable {
        /// JSON name.
        public var name: String
        /// Documented types, e.g. `["Integer"]`, `["Array of MessageEntity"]`.
        public var types: [String]
        /// Whether the documentation marks it required.
        public var required: Bool
    }

    /// `"Bot API 10.1"`.
    public let version: String
    /// Fields of each bundled type, by type name.
    public let types: [String: [Field]]
    /// Parameters of each bundled method, by method name.
    public let methods: [String: [Field]]
    /// Variants of union types (`ChatMember` → `ChatMemberMember`, …).
    public let subtypes: [String: [String]]

    /// Loads the bundled subset.
    public static func load() throws(TelegramStandInError) -> TelegramBotAPISpec {
        guard
            let url = Bundle.module.url(
                forResource: "bot-api-10.1-subset", withExtension: "json", subdirectory: "Fixtures/telegram"),
            let data = try? Data(contentsOf: url), let root = TelegramJSON.parse([UInt8](data))
        else { throw TelegramStandInError("Fixtures/telegram/bot-api-10.1-subset.json is missing from the bundle") }
        func fields(_ section: String) -> [String: [Field]] {
            var result: [String: [Field]] = [:]
            for (name, entry) in root[section]?.objectValue ?? [:] {
                result[name] = (entry["fields"]?.arrayValue ?? []).map { field in
                    Field(
                        name: field["name"]?.stringValue ?? "",
                        types: field["types"]?.arrayValue?.compactMap(\.stringValue) ?? [],
                        required: field["required"]?.boolValue ?? false)
                }
            }
            return result
        }
        var subtypes: [String: [String]] = [:]
        for (name, entry) in root["types"]?.objectValue ?? [:] {
            if let list = entry["subtypes"]?.arrayValue { subtypes[name] = list.compactMap(\.stringValue) }
        }
        return TelegramBotAPISpec(
            version: root["version"]?.stringValue ?? "", types: fields("types"), methods: fields("methods"),
            subtypes: subtypes)
    }

    /// Names of the fields the documentation marks required for `type`.
    public func requiredFields(of type: String) -> Set<String> {
        Set((types[type] ?? []).filter(\.required).map(\.name))
    }

    /// Names of every documented field of `type`.
    public func documentedFields(of type: String) -> Set<String> {
        Set((types[type] ?? []).map(\.name))
    }

    /// Names of every documented parameter of `method`.
    public func parameters(of method: String) -> Set<String> {
        Set((methods[method] ?? []).map(\.name))
    }
}
