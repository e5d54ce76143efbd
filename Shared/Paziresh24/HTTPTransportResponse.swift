import HTTPClient

/// What the server answered: the shared HTTP client's response type (one struct for Telegram and
/// paziresh24; this name keeps the paziresh24 transport API as it was).
public typealias HTTPTransportResponse = HTTPClientResponse
