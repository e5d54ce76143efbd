import Foundation

/// A JSON value that is `Sendable`, so Bot API shapes can live in actors and cross tasks.
public enum TelegramJSON: Sendable, Hashable, Codable, ExpressibleByStringLiteral, ExpressibleByIntegerLiteral,
    ExpressibleByBooleanLiteral, ExpressibleByFloatLiteral, ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral
{
    /// `null`.
    case null
    /// `true` / `false`.
    case bool(Bool)
    /// An integer (ids need 64 bits).
    case int(Int64)
    /// A non-integral number.
    case double(Double)
    /// A string.
    case string(String)
    /// An array.
    case array([TelegramJSON])
    /// An object.
    case object([String: TelegramJSON])

    /// Creates a string value.
    public init(stringLiteral value: String) { self = .string(value) }
    /// Creates an integer value.
    public init(integerLiteral value: Int64) { self = .int(value) }
    /// Creates a boolean value.
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    /// Creates a number value.
    public init(floatLiteral value: Double) { self = .double(value) }
    /// Creates an array value.
    public init(arrayLiteral elements: TelegramJSON...) { self = .array(elements) }
    /// Creates an object value.
    public init(dictionaryLiteral elements: (String, TelegramJSON)...) {
        self = .object(Dictionary(elements, uniquingKeysWith: { _, last in last }))
    }

    /// Decodes any JSON value.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Int64.self) {
            self = .int(value)
        } else if let value = try? container.decode(Double.self) {
            self = .double(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([TelegramJSON].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: TelegramJSON].self))
        }
    }

    /// Encodes the value.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .bool(let value): try container.encode(value)
        case .int(let value): try container.encode(value)
        case .double(let value): try container.encode(value)
        case .string(let value): try container.encode(value)
        case .array(let value): try container.encode(value)
        case .object(let value): try container.encode(value)
        }
    }

    /// Parses JSON text or bytes; nil when invalid.
    public static func parse<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> TelegramJSON? {
        try? JSONDecoder().decode(TelegramJSON.self, from: Data(bytes))
    }

    /// Serialises with sorted keys and unescaped slashes.
    public func encoded() -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? [UInt8](encoder.encode(self))) ?? Array("null".utf8)
    }

    /// Member of an object (nil for other values or a missing key).
    public subscript(key: String) -> TelegramJSON? {
        get {
            if case .object(let members) = self { return members[key] }
            return nil
        }
        set {
            guard case .object(var members) = self else { return }
            members[key] = newValue
            self = .object(members)
        }
    }

    /// The members of an object.
    public var objectValue: [String: TelegramJSON]? {
        if case .object(let members) = self { return members }
        return nil
    }

    /// The elements of an array.
    public var arrayValue: [TelegramJSON]? {
        if case .array(let elements) = self { return elements }
        return nil
    }

    /// A string value.
    public var stringValue: String? {
        if case .string(let text) = self { return text }
        return nil
    }

    /// An integer, also from an integral double or a numeric string (Telegram accepts both).
    public var int64Value: Int64? {
        switch self {
        case .int(let value): return value
        case .double(let value) where value.rounded() == value && abs(value) < 9e15: return Int64(value)
        case .string(let text): return Int64(text.trimmingCharacters(in: .whitespaces))
        default: return nil
        }
    }

    /// A number as `Double`, also from a numeric string.
    public var doubleValue: Double? {
        switch self {
        case .int(let value): return Double(value)
        case .double(let value): return value
        case .string(let text): return Double(text.trimmingCharacters(in: .whitespaces))
        default: return nil
        }
    }

    /// A boolean, also from `"true"`/`"false"`/`1`/`0` (form-encoded parameters).
    public var boolValue: Bool? {
        switch self {
        case .bool(let value): return value
        case .int(let value): return value != 0
        case .string(let text):
            switch text.lowercased() {
            case "true", "1": return true
            case "false", "0", "": return false
            default: return nil
            }
        default: return nil
        }
    }

    /// A nested JSON value: the value itself, or parsed from a JSON string (form-encoded
    /// parameters carry objects such as `reply_markup` as JSON text).
    public var jsonValue: TelegramJSON? {
        if case .string(let text) = self { return TelegramJSON.parse(Array(text.utf8)) }
        return self
    }
}
