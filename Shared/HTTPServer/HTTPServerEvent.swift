/// Something the server did on its own, before or instead of calling the handler: what an owner
/// turns into a metric and a log line (bad input is never silent).
public enum HTTPServerEvent: Sendable, Hashable {
    /// A request refused before the handler ran: malformed or ambiguous framing (400), a body over
    /// the route's limit (413), a header section over the limit (431), a request that did not
    /// arrive within the request deadline (408). `reason` is one of a small fixed set of phrases
    /// (never request data), so it is safe as a metric label.
    case rejected(status: Int, reason: String)
    /// A connection closed to make room for a new one (the one that had waited longest).
    case evicted
    /// A new connection answered 503: every connection was busy in a handler.
    case overloaded
}
