/// What the server does with a request once its head (request line and header fields) has been
/// read and before a single byte of its body is: the server owner decides, per route, how large a
/// body it accepts, or answers at once (a wrong secret, an unknown path) without reading the body.
public enum HTTPRequestAdmission: Sendable {
    /// Read the body, answering 413 (and closing) when it would exceed `maxBodyBytes`; 0 accepts
    /// only an empty body.
    case read(maxBodyBytes: Int)
    /// Answer `response` without reading the body. The connection is kept open only when the
    /// request announced no body; otherwise it is closed after the answer.
    case reject(HTTPResponse)

    /// Accepts only requests without a body (health probes, metrics scrapes).
    public static let noBody = HTTPRequestAdmission.read(maxBodyBytes: 0)
}
