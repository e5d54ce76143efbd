import Foundation

extension EnvironmentReader {
    /// An absolute URL (scheme and host present), optionally with a scheme from `schemes` (lower case).
    public func url(
        _ name: String, default defaultValue: URL? = nil, schemes: Set<String>? = nil
    ) throws(ConfigurationError) -> URL {
        guard let text = optionalString(name) else {
            if let defaultValue { return defaultValue }
            throw Self.missing(name)
        }
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), let host = url.host, !host.isEmpty
        else {
            throw Self.invalid(name, "expected an absolute URL", got: text)
        }
        if let schemes, !schemes.contains(scheme) {
            let allowed = schemes.sorted().joined(separator: " or ")
            throw Self.invalid(name, "expected a URL with scheme \(allowed)", got: text)
        }
        return url
    }
}
