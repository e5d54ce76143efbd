import Foundation

/// `application/x-www-form-urlencoded`, as browsers and httpx write it.
enum FormEncoding {
    /// Characters sent as is; everything else is percent-encoded (space as `+`).
    private static let unreserved: CharacterSet = {
        var set = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
        set.insert(charactersIn: "-._~ ")
        return set
    }()

    /// `a=1&b=x+y`, fields in the given order.
    static func encode(_ fields: [(String, String)]) -> String {
        fields.map { "\(escape($0.0))=\(escape($0.1))" }.joined(separator: "&")
    }

    /// The pairs of a form body, in order.
    static func decode(_ text: String) -> [(String, String)] {
        text.split(separator: "&", omittingEmptySubsequences: true).map { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            return (unescape(parts[0]), parts.count > 1 ? unescape(parts[1]) : "")
        }
    }

    private static func escape(_ text: String) -> String {
        let escaped = text.addingPercentEncoding(withAllowedCharacters: unreserved) ?? text
        return escaped.replacingOccurrences(of: " ", with: "+")
    }

    private static func unescape(_ text: Substring) -> String {
        let spaced = text.replacingOccurrences(of: "+", with: " ")
        return spaced.removingPercentEncoding ?? spaced
    }
}
