/// Sends one HTTP request and returns the answer; the network boundary of `Paziresh24Client`.
///
/// Implementations only move bytes: retries, breakers and the read-only allowlist live in the
/// client, so a fake transport exercises all of them. Requests can only be created inside this
/// module, after the allowlist check.
public protocol HTTPTransport: Sendable {
    /// Performs `request`. Throw `Paziresh24Error` with kind `.timeout` when no answer came within
    /// `request.timeout`, `.transport` for connection failures and `.cancelled` on cancellation;
    /// any other error is reported as `.transport`. Any HTTP status is a normal return.
    func send(_ request: HTTPTransportRequest) async throws -> HTTPTransportResponse
}
