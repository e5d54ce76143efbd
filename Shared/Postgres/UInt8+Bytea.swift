/// `[UInt8]` is `bytea`: sent as hex (`\x0aff`), read from hex or the older escape format.
extension UInt8: PostgresArrayElement {
    /// `bytea`
    public static var postgresArrayDataType: PostgresDataType { .bytea }

    /// `\x` followed by two lowercase hex digits per byte.
    public static func postgresArrayText(_ elements: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = [UInt8(ascii: "\\"), UInt8(ascii: "x")]
        text.reserveCapacity(2 + elements.count * 2)
        for byte in elements {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }

    /// Hex format (`\x...`), or escape format (`\\` and `\ooo` octal escapes) for anything else.
    public static func decodePostgresArray(_ text: String) throws(PostgresError) -> [UInt8] {
        let bytes = Array(text.utf8)
        if bytes.count >= 2, bytes[0] == UInt8(ascii: "\\"), bytes[1] == UInt8(ascii: "x") {
            var result: [UInt8] = []
            result.reserveCapacity((bytes.count - 2) / 2)
            var index = 2
            while index < bytes.count {
                guard index + 1 < bytes.count, let high = hexValue(bytes[index]), let low = hexValue(bytes[index + 1]) else {
                    throw .cannotDecode([UInt8].self, "bad hex bytea")
                }
                result.append(high << 4 | low)
                index += 2
            }
            return result
        }
        var result: [UInt8] = []
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            guard byte == UInt8(ascii: "\\") else {
                result.append(byte)
                index += 1
                continue
            }
            if index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "\\") {
                result.append(byte)
                index += 2
                continue
            }
            guard index + 3 < bytes.count else {
                throw .cannotDecode([UInt8].self, "bad escape bytea")
            }
            var value = 0
            for offset in 1...3 {
                let digit = bytes[index + offset]
                guard (UInt8(ascii: "0")...UInt8(ascii: "7")).contains(digit) else {
                    throw .cannotDecode([UInt8].self, "bad escape bytea")
                }
                value = value * 8 + Int(digit - UInt8(ascii: "0"))
            }
            guard value <= 255 else { throw .cannotDecode([UInt8].self, "bad escape bytea") }
            result.append(UInt8(value))
            index += 4
        }
        return result
    }
}

/// The value of an ASCII hex digit.
func hexValue(_ byte: UInt8) -> UInt8? {
    switch byte {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
    case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
    case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
    default: return nil
    }
}
