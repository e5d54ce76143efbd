/// PostgreSQL's array text format, one dimension.
enum PostgresArrayLiteral {
    static func format(_ elements: [String?]) -> String {
        var text = "{"
        for (index, element) in elements.enumerated() {
            if index > 0 { text += "," }
            guard let element else {
                text += "NULL"
                continue
            }
            text += "\""
            for character in element.unicodeScalars {
                if character == "\"" || character == "\\" { text += "\\" }
                text.unicodeScalars.append(character)
            }
            text += "\""
        }
        return text + "}"
    }

    /// The elements (nil for an unquoted NULL), or nil if the text is not a one-dimensional array.
    static func parse(_ text: String) -> [String?]? {
        let bytes = Array(text.utf8)
        var index = 0
        // Arrays with a lower bound other than 1 are prefixed by their bounds: "[0:1]={a,b}".
        if bytes.first == UInt8(ascii: "[") {
            guard let equals = bytes.firstIndex(of: UInt8(ascii: "=")) else { return nil }
            index = equals + 1
        }
        func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || (0x09...0x0D).contains(byte) }
        func skipSpaces() { while index < bytes.count, isSpace(bytes[index]) { index += 1 } }

        skipSpaces()
        guard index < bytes.count, bytes[index] == UInt8(ascii: "{") else { return nil }
        index += 1
        skipSpaces()
        var elements: [String?] = []
        if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
            index += 1
            skipSpaces()
            return index == bytes.count ? elements : nil
        }
        while true {
            skipSpaces()
            guard index < bytes.count else { return nil }
            var element: [UInt8] = []
            var quoted = false
            if bytes[index] == UInt8(ascii: "{") { return nil }  // more than one dimension
            if bytes[index] == UInt8(ascii: "\"") {
                quoted = true
                index += 1
                while true {
                    guard index < bytes.count else { return nil }
                    let byte = bytes[index]
                    index += 1
                    if byte == UInt8(ascii: "\"") { break }
                    if byte == UInt8(ascii: "\\") {
                        guard index < bytes.count else { return nil }
                        element.append(bytes[index])
                        index += 1
                    } else {
                        element.append(byte)
                    }
                }
            } else {
                while index < bytes.count, bytes[index] != UInt8(ascii: ","), bytes[index] != UInt8(ascii: "}") {
                    if bytes[index] == UInt8(ascii: "\\"), index + 1 < bytes.count { index += 1 }
                    element.append(bytes[index])
                    index += 1
                }
                while let last = element.last, isSpace(last) { element.removeLast() }
                if element.isEmpty { return nil }
            }
            let value = String(decoding: element, as: UTF8.self)
            elements.append(!quoted && value.uppercased() == "NULL" ? nil : value)
            skipSpaces()
            guard index < bytes.count else { return nil }
            let separator = bytes[index]
            index += 1
            if separator == UInt8(ascii: "}") { break }
            guard separator == UInt8(ascii: ",") else { return nil }
        }
        skipSpaces()
        return index == bytes.count ? elements : nil
    }
}
