import Foundation

extension EnvironmentReader {
    /// A secret from `NAME`, or from the file named by `NAME_FILE` (contents trimmed; the Docker and
    /// Kubernetes secrets convention). Setting both is an error, as is setting neither.
    /// The value is registered with `Logger.registerSecret(_:)`, so logs never show it.
    public func secret(_ name: String) throws(ConfigurationError) -> Secret {
        guard let secret = try optionalSecret(name) else {
            throw Self.missing(name, hint: " (set \(name) or \(name)_FILE)")
        }
        return secret
    }

    /// Like `secret(_:)`, but nil when neither `NAME` nor `NAME_FILE` is set.
    public func optionalSecret(_ name: String) throws(ConfigurationError) -> Secret? {
        let fileVariable = name + "_FILE"
        let direct = optionalString(name)
        let path = optionalString(fileVariable)
        let secret: Secret
        switch (direct, path) {
        case (nil, nil):
            return nil
        case (.some, .some):
            throw ConfigurationError(
                code: .conflicting, variable: name, reason: "set either \(name) or \(fileVariable), not both")
        case (let value?, nil):
            secret = Secret(value)
        case (nil, let path?):
            guard let data = FileManager.default.contents(atPath: path) else {
                throw ConfigurationError(
                    code: .unreadableFile, variable: fileVariable, reason: "cannot read file \(Self.quoted(path))")
            }
            let value = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            guard !value.isEmpty else {
                throw ConfigurationError(
                    code: .unreadableFile, variable: fileVariable, reason: "file \(Self.quoted(path)) is empty")
            }
            secret = Secret(value)
        }
        Logger.registerSecret(secret)
        return secret
    }
}
