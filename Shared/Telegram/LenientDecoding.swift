/// Decoding helpers that keep one odd field from discarding a whole object: Telegram adds fields
/// and changes shapes over time, and an update we can't fully read should still be handled.
extension KeyedDecodingContainer {
    /// The value, or nil when the key is absent, null or of an unexpected type.
    func lenient<T: Decodable>(_ type: T.Type, forKey key: Key) -> T? {
        (try? decodeIfPresent(T.self, forKey: key)) ?? nil
    }

    /// The elements of an array that decode; malformed elements are dropped. Nil when absent.
    func lenientArray<T: Decodable>(_ type: T.Type, forKey key: Key) -> [T]? {
        guard let elements = lenient([LenientElement<T>].self, forKey: key) else { return nil }
        return elements.compactMap(\.value)
    }
}

/// An array element that never fails to decode; `value` is nil when it wasn't a `T`.
struct LenientElement<T: Decodable>: Decodable {
    let value: T?

    init(from decoder: any Decoder) throws {
        value = try? T(from: decoder)
    }
}

/// A coding key for any string, used to list the keys an object actually has.
struct AnyCodingKey: CodingKey {
    let stringValue: String
    let intValue: Int?

    init(stringValue: String) {
        self.stringValue = stringValue
        self.intValue = nil
    }

    init?(intValue: Int) {
        self.stringValue = String(intValue)
        self.intValue = intValue
    }
}
