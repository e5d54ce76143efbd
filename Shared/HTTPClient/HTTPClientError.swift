/// Why no answer arrived. Never carries the URL (it may contain a token).
public struct HTTPClientError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What went wrong.
    public enum Kind: Sendable, Equatable {
        /// No byte of the answer within the request's timeout.
        case timedOut
        /// The calling task was cancelled; the request was abandoned.
        case cancelled
        /// A connection or protocol failure; `code` is the `URLError` code, `name` a short label.
        case transport(code: Int, name: String)
    }

    /// What went wrong.
    public let kind: Kind

    /// Creates an error.
    public init(_ kind: Kind) {
        self.kind = kind
    }

    /// A short text without the URL.
    public var description: String {
        switch kind {
        case .timedOut: "timed out"
        case .cancelled: "cancelled"
        case .transport(let code, let name): "\(code): \(name)"
        }
    }

    /// Whether the failure was a timeout or a connection problem (worth another attempt).
    public var isRetriable: Bool {
        kind != .cancelled
    }
}
