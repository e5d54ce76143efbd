import Foundation

/// Typed, path-aware reads of a `JSONValue` for decoders that must be lenient with missing fields
/// and strict with wrong types.
///
/// A missing field or `null` reads as nil (or an empty list); a value of the wrong type throws
/// `.malformedResponse` whose `fieldPath` (and message) names the field, e.g.
/// `search.result[0].slug: expected a string, found a number`. Numbers never trap: anything not
/// an integer within ±2^53 is refused with an error, not converted.
struct JSONFieldReader {
    /// What the decoded answer is (`search`), for messages.
    let answer: String

    /// The largest integer a JSON number (a Double) holds exactly.
    static let maxExactInteger = 9_007_199_254_740_992.0
    /// The latest timestamp accepted: 9999-12-31T23:59:59Z.
    static let maxTimestamp: Int64 = 253_402_300_799

    func error(_ path: String, _ message: String) -> Paziresh24Error {
        Paziresh24Error(.malformedResponse("\(answer) answer, \(path): \(message)"), fieldPath: path)
    }

    func wrongType(_ path: String, expected: String, found value: JSONValue) -> Paziresh24Error {
        error(path, "expected \(expected), found \(Self.typeName(value))")
    }

    /// A string; nil when missing or null.
    func string(_ value: JSONValue?, _ path: String) throws(Paziresh24Error) -> String? {
        switch value {
        case nil, .null?: return nil
        case .string(let text)?: return text
        case let other?: throw wrongType(path, expected: "a string", found: other)
        }
    }

    /// An identifier: a string, or an integer number written as its digits (paziresh24 sends ids
    /// both ways); nil when missing, null or blank.
    func identifier(_ value: JSONValue?, _ path: String) throws(Paziresh24Error) -> String? {
        switch value {
        case nil, .null?: return nil
        case .string(let text)?:
            let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
            return trimmed.isEmpty ? nil : trimmed
        case .number(let number)?:
            guard let integer = Self.exactInteger(number) else {
                throw error(path, "expected an id, found the number \(number)")
            }
            return String(integer)
        case let other?: throw wrongType(path, expected: "a string or integer id", found: other)
        }
    }

    /// An integer: a JSON integer or a string of digits; nil when missing or null.
    func integer(_ value: JSONValue?, _ path: String) throws(Paziresh24Error) -> Int64? {
        switch value {
        case nil, .null?: return nil
        case .number(let number)?:
            guard let integer = Self.exactInteger(number) else {
                throw error(path, "expected an integer, found the number \(number)")
            }
            return integer
        case .string(let text)?:
            let trimmed = text.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty { return nil }
            guard let integer = Int64(trimmed), abs(Double(integer)) <= Self.maxExactInteger else {
                throw error(path, "expected an integer, found the string \"\(trimmed.prefix(40))\"")
            }
            return integer
        case let other?: throw wrongType(path, expected: "an integer", found: other)
        }
    }

    /// A flag: a JSON bool, or the integers 0 and 1; nil when missing or null.
    func flag(_ value: JSONValue?, _ path: String) throws(Paziresh24Error) -> Bool? {
        switch value {
        case nil, .null?: return nil
        case .bool(let flag)?: return flag
        case .number(0)?: return false
        case .number(1)?: return true
        case let other?: throw wrongType(path, expected: "a boolean", found: other)
        }
    }

    /// An instant sent as Unix **seconds**, either a JSON number (`consult_freeturn: 1791264600`)
    /// or a string of digits (`freeturns_info[].freeturn: "1791264600"`): both occur in the
    /// recording. Zero, negative values and blank strings mean "none" and read as nil (the
    /// recorded client does the same); a value after the year 9999 or with a fraction is refused.
    func instant(_ value: JSONValue?, _ path: String) throws(Paziresh24Error) -> Date? {
        guard let seconds = try integer(value, path) else { return nil }
        guard seconds > 0 else { return nil }
        guard seconds <= Self.maxTimestamp else {
            throw error(path, "timestamp \(seconds) is out of range (Unix seconds expected)")
        }
        return Date(timeIntervalSince1970: TimeInterval(seconds))
    }

    /// The elements of a list; empty when missing or null.
    func list(_ value: JSONValue?, _ path: String) throws(Paziresh24Error) -> [JSONValue] {
        switch value {
        case nil, .null?: return []
        case .array(let items)?: return items
        case let other?: throw wrongType(path, expected: "a list", found: other)
        }
    }

    /// An object; nil when missing or null.
    func object(_ value: JSONValue?, _ path: String) throws(Paziresh24Error) -> [String: JSONValue]? {
        switch value {
        case nil, .null?: return nil
        case .object(let object)?: return object
        case let other?: throw wrongType(path, expected: "an object", found: other)
        }
    }

    /// `number` as an Int64 when it is a whole number within ±2^53, else nil (never traps).
    static func exactInteger(_ number: Double) -> Int64? {
        guard number.isFinite, number == number.rounded(), abs(number) <= maxExactInteger else { return nil }
        return Int64(number)
    }

    static func typeName(_ value: JSONValue) -> String {
        switch value {
        case .null: "null"
        case .bool: "a boolean"
        case .number: "a number"
        case .string: "a string"
        case .array: "a list"
        case .object: "an object"
        }
    }
}
