/// The one error type of the `HTTPServer` module.
public struct HTTPServerError: Error, Sendable, CustomStringConvertible {
    /// What went wrong, as an extensible set of codes.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        /// The code's stable name (used in logs).
        public let name: String
        /// Creates a code with a stable name.
        public init(_ name: String) { self.name = name }
        /// `getaddrinfo` could not turn the host into an address.
        public static let invalidAddress = Code("invalidAddress")
        /// `socket`, `setsockopt`, `bind` or `listen` failed (port in use, permission...).
        public static let bindFailed = Code("bindFailed")
        /// `start()` was called on a server that is running or has been stopped.
        public static let invalidState = Code("invalidState")
        /// Text form of the code.
        public var description: String { name }
    }

    /// What went wrong.
    public let code: Code
    /// Human-readable detail (includes `strerror` text where a syscall failed).
    public let message: String
    /// `errno` of the failing syscall, when there was one.
    public let errno: Int32?

    /// Creates an error.
    public init(code: Code, message: String, errno: Int32? = nil) {
        self.code = code
        self.message = message
        self.errno = errno
    }

    /// Whether trying again later may succeed (an address in use may be freed).
    public var isRetriable: Bool { code == .bindFailed }

    /// `"HTTPServerError(bindFailed): bind 127.0.0.1:8080: Address already in use"`.
    public var description: String { "HTTPServerError(\(code)): \(message)" }
}
