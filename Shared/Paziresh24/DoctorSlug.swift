import Foundation

/// Turns what people paste into a doctor's profile slug.
///
/// Accepted: a profile URL on any paziresh24.com host (`https://www.paziresh24.com/dr/<slug>/`,
/// with or without scheme, `www.`, trailing slash, query or fragment), its path (`/dr/<slug>`),
/// or a bare slug; percent-encoded Persian is decoded. The result is the slug as the site spells it.
public enum DoctorSlug {
    /// The longest slug accepted (the site's are well under 100 characters).
    public static let maxLength = 200

    /// The slug in `input`, or nil when it is neither a paziresh24 profile URL nor a plausible slug.
    public static func parse(_ input: String) -> String? {
        let text = input.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else { return nil }
        let lowered = text.lowercased()
        let firstPart = lowered.prefix { $0 != "/" }
        if lowered.hasPrefix("http://") || lowered.hasPrefix("https://") || text.hasPrefix("/")
            || firstPart.contains("paziresh24.com")
        {
            return slugFromURL(text)
        }
        guard !text.contains("/"), !text.contains("?"), !text.contains("#") else { return nil }
        return validated(text)
    }

    /// `https://www.paziresh24.com/dr/<slug>/`, the page where people book.
    public static func profileURL(for slug: String, site: URL = URL(string: "https://www.paziresh24.com")!) -> URL {
        let segment = slug.addingPercentEncoding(withAllowedCharacters: pathSegmentAllowed) ?? slug
        var base = site.absoluteString
        while base.hasSuffix("/") { base.removeLast() }
        return URL(string: "\(base)/dr/\(segment)/") ?? site
    }

    /// Characters left unescaped in one path segment (RFC 3986 unreserved).
    static let pathSegmentAllowed: CharacterSet = {
        var set = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
        set.insert(charactersIn: "-._~")
        return set
    }()

    private static func slugFromURL(_ text: String) -> String? {
        var candidate = text
        let lowered = text.lowercased()
        if text.hasPrefix("/") {
            candidate = "https://www.paziresh24.com" + text
        } else {
            let hostStart = lowered.hasPrefix("https://") ? 8 : lowered.hasPrefix("http://") ? 7 : 0
            let authority = lowered.dropFirst(hostStart).prefix { $0 != "/" && $0 != "?" && $0 != "#" }
            let hostName = authority.split(separator: ":").first.map(String.init) ?? ""
            guard hostName == "paziresh24.com" || hostName.hasSuffix(".paziresh24.com") else { return nil }
            candidate = "https://" + String(text.dropFirst(hostStart))
        }
        // Percent-encode stray non-ASCII so URLComponents accepts both raw and encoded Persian.
        let escaped = candidate.addingPercentEncoding(withAllowedCharacters: urlAllowed) ?? candidate
        guard let components = URLComponents(string: escaped) else { return nil }
        let segments = components.percentEncodedPath.split(separator: "/", omittingEmptySubsequences: false)
            .dropFirst().filter { !$0.isEmpty }
        guard segments.count == 2, segments[0] == "dr", let slug = segments[1].removingPercentEncoding else {
            return nil
        }
        return validated(slug)
    }

    /// Every ASCII character that may appear in a URL, `%` included, so existing escapes survive.
    private static let urlAllowed: CharacterSet = {
        var set = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
        set.insert(charactersIn: "-._~:/?#[]@!$&'()*+,;=%")
        return set
    }()

    /// A slug is letters, marks and digits of any script, `-`, `_`, `.` and the Persian
    /// zero-width non-joiner; nothing that could leave its path segment.
    private static func validated(_ raw: String) -> String? {
        let slug = raw.removingPercentEncoding ?? raw
        guard !slug.isEmpty, slug.count <= maxLength, slug != ".", slug != ".." else { return nil }
        for scalar in slug.unicodeScalars {
            switch scalar.properties.generalCategory {
            case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
                .nonspacingMark, .spacingMark, .enclosingMark, .decimalNumber, .otherNumber:
                continue
            default:
                guard "-_.\u{200C}".unicodeScalars.contains(scalar) else { return nil }
            }
        }
        return slug
    }
}
