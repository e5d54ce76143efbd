import Foundation

/// Any JSON value; paziresh24's legacy envelopes mix types (`result` is `[]` or an object, ids are
/// numbers or strings), so decoding goes through this and reads leniently.
enum JSONValue: Sendable, Hashable, Decodable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Double.self) {
            self = .number(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([JSONValue].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: JSONValue].self))
        }
    }

    /// Parses a body; `nil` if it is not JSON.
    static func parse(_ data: Data) -> JSONValue? {
        try? JSONDecoder().decode(JSONValue.self, from: data)
    }

    subscript(key: String) -> JSONValue? {
        if case .object(let object) = self { return object[key] }
        return nil
    }

    var object: [String: JSONValue]? {
        if case .object(let object) = self { return object }
        return nil
    }

    var array: [JSONValue]? {
        if case .array(let array) = self { return array }
        return nil
    }

    /// A string, or a number written as an integer string (`1` → `"1"`).
    var stringValue: String? {
        switch self {
        case .string(let text): text
        case .number(let number) where number == number.rounded() && abs(number) < 1e15: String(Int64(number))
        case .number(let number): String(number)
        default: nil
        }
    }

    /// An integer, also from a numeric string or a bool.
    var intValue: Int? {
        switch self {
        case .number(let number) where number == number.rounded() && abs(number) < 1e15: Int(number)
        case .string(let text): Int(text.trimmingCharacters(in: .whitespaces))
        case .bool(let flag): flag ? 1 : 0
        default: nil
        }
    }

    /// A short excerpt for error messages.
    static func excerpt(_ data: Data, limit: Int = 120) -> String {
        let text = String(decoding: data.prefix(limit * 4), as: UTF8.self)
        let flat = text.replacingOccurrences(of: "\n", with: " ")
        return flat.count > limit ? String(flat.prefix(limit)) + "…" : flat
    }
}
