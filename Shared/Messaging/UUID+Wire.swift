import Foundation

extension KeyedEncodingContainer {
    /// Writes a UUID in its canonical lowercase form (Foundation's default is uppercase).
    mutating func encodeLowercased(_ uuid: UUID, forKey key: Key) throws {
        try encode(uuid.uuidString.lowercased(), forKey: key)
    }
}

extension KeyedDecodingContainer {
    /// Reads a UUID in its canonical 8-4-4-4-12 hex form, either case (as `UUID(uuidString:)`
    /// does, without its `sscanf`, which showed in the notifier's profile).
    func decodeUUID(forKey key: Key) throws -> UUID {
        let text = try decode(String.self, forKey: key)
        guard let uuid = UUID.parse(text) else {
            throw DecodingError.dataCorruptedError(forKey: key, in: self, debugDescription: "not a UUID")
        }
        return uuid
    }
}

extension UUID {
    /// Parses `xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx` (hex digits in either case), or nil.
    static func parse(_ text: String) -> UUID? {
        var text = text
        return text.withUTF8 { bytes -> UUID? in
            guard bytes.count == 36 else { return nil }
            var out = [UInt8](repeating: 0, count: 16)
            var index = 0
            for position in 0..<16 {
                if index == 8 || index == 13 || index == 18 || index == 23 {
                    guard bytes[index] == 45 else { return nil }
                    index += 1
                }
                guard let high = hex(bytes[index]), let low = hex(bytes[index + 1]) else { return nil }
                out[position] = high << 4 | low
                index += 2
            }
            return UUID(
                uuid: (
                    out[0], out[1], out[2], out[3], out[4], out[5], out[6], out[7],
                    out[8], out[9], out[10], out[11], out[12], out[13], out[14], out[15]
                ))
        }
    }

    private static func hex(_ byte: UInt8) -> UInt8? {
        switch byte {
        case 48...57: byte - 48
        case 65...70: byte - 55
        case 97...102: byte - 87
        default: nil
        }
    }
}
