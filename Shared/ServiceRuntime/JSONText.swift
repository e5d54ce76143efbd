/// Minimal JSON writing for log lines: fixed member order, no Foundation encoder per event.
enum JSONText {
    /// Appends `"key":"value"` (with a leading comma unless `first`).
    static func appendMember(_ key: String, _ value: String, to output: inout String, first: Bool = false) {
        if !first { output += "," }
        appendString(key, to: &output)
        output += ":"
        appendString(value, to: &output)
    }

    /// Appends `text` as a JSON string literal (RFC 8259 escaping).
    static func appendString(_ text: String, to output: inout String) {
        output += "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            case "\u{08}": output += "\\b"
            case "\u{0C}": output += "\\f"
            case _ where scalar.value < 0x20 || scalar.value == 0x7F:
                let hex = String(scalar.value, radix: 16)
                output += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default:
                output.unicodeScalars.append(scalar)
            }
        }
        output += "\""
    }
}
