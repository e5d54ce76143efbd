/// A hostile or ambiguous request and the status the server must answer it with (then close).
struct CraftedRequest: Sendable, CustomStringConvertible {
    let name: String
    let text: String
    let status: Int

    var description: String { name }
}

/// The framing attacks of issue #11, against `GuardedServer`'s routes.
enum CraftedRequests {
    static let post = "POST /echo HTTP/1.1\r\nHost: x\r\n"

    static let all: [CraftedRequest] = [
        // Chunk arithmetic: never a trap, always 413.
        .init(
            name: "chunk size overflowing Int after a chunk",
            text: post + "Transfer-Encoding: chunked\r\n\r\n1\r\na\r\n7fffffffffffffff\r\n", status: 413),
        .init(name: "chunk size of 16 f", text: post + "Transfer-Encoding: chunked\r\n\r\nffffffffffffffff\r\n", status: 413),
        .init(
            name: "chunk size of 24 hex digits", text: post + "Transfer-Encoding: chunked\r\n\r\n100000000000000000000000\r\n", status: 413),
        .init(
            name: "chunks summing past the route limit",
            text: post + "Transfer-Encoding: chunked\r\n\r\n8000\r\n" + String(repeating: "a", count: 0x8000) + "\r\n8001\r\n", status: 413),
        .init(name: "chunk size with a 0x prefix", text: post + "Transfer-Encoding: chunked\r\n\r\n0x5\r\nhello\r\n0\r\n\r\n", status: 400),
        .init(name: "non-hex chunk size", text: post + "Transfer-Encoding: chunked\r\n\r\nzz\r\n", status: 400),
        .init(name: "empty chunk size", text: post + "Transfer-Encoding: chunked\r\n\r\n\r\n", status: 400),
        .init(name: "negative chunk size", text: post + "Transfer-Encoding: chunked\r\n\r\n-1\r\n", status: 400),
        .init(name: "chunk data without its CRLF", text: post + "Transfer-Encoding: chunked\r\n\r\n3\r\nabcXYZ\r\n0\r\n\r\n", status: 400),
        // Ambiguous framing (request smuggling).
        .init(
            name: "Transfer-Encoding with Content-Length", text: post + "Transfer-Encoding: chunked\r\nContent-Length: 3\r\n\r\n0\r\n\r\n",
            status: 400),
        .init(
            name: "Content-Length with Transfer-Encoding", text: post + "Content-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
            status: 400),
        .init(name: "differing duplicate Content-Length", text: post + "Content-Length: 5\r\nContent-Length: 6\r\n\r\nhello!", status: 400),
        .init(name: "differing Content-Length list", text: post + "Content-Length: 5, 6\r\n\r\nhello!", status: 400),
        .init(name: "negative Content-Length", text: post + "Content-Length: -1\r\n\r\n", status: 400),
        .init(name: "Content-Length with a plus sign", text: post + "Content-Length: +5\r\n\r\nhello", status: 400),
        .init(name: "hex Content-Length", text: post + "Content-Length: 0x5\r\n\r\nhello", status: 400),
        .init(name: "Content-Length in exponent form", text: post + "Content-Length: 1e3\r\n\r\n", status: 400),
        .init(name: "empty Content-Length", text: post + "Content-Length: \r\n\r\n", status: 400),
        .init(name: "Content-Length with inner space", text: post + "Content-Length: 5 5\r\n\r\n", status: 400),
        .init(name: "gzip Transfer-Encoding", text: post + "Transfer-Encoding: gzip\r\n\r\n", status: 400),
        .init(name: "gzip then chunked", text: post + "Transfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n", status: 400),
        .init(name: "chunked then identity", text: post + "Transfer-Encoding: chunked, identity\r\n\r\n0\r\n\r\n", status: 400),
        .init(name: "chunked twice", text: post + "Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", status: 400),
        .init(name: "chunked with a parameter", text: post + "Transfer-Encoding: chunked;q=1\r\n\r\n0\r\n\r\n", status: 400),
        .init(name: "whitespace before the colon", text: "GET /hello HTTP/1.1\r\nHost : x\r\n\r\n", status: 400),
        .init(name: "tab before the colon", text: post + "Content-Length\t: 0\r\n\r\n", status: 400),
        .init(name: "obs-folded header", text: "GET /hello HTTP/1.1\r\nHost: x\r\nX-A: a\r\n  continued\r\n\r\n", status: 400),
        .init(name: "obs-folded first header", text: "GET /hello HTTP/1.1\r\n\tX-A: a\r\n\r\n", status: 400),
        .init(name: "NUL in a header value", text: "GET /hello HTTP/1.1\r\nX-A: a\u{0}b\r\n\r\n", status: 400),
        .init(name: "CR inside a header value", text: "GET /hello HTTP/1.1\r\nX-A: a\rb\r\n\r\n", status: 400),
        .init(name: "header line without a colon", text: "GET /hello HTTP/1.1\r\nHost x\r\n\r\n", status: 400),
        .init(name: "request line without a version", text: "GET /hello\r\n\r\n", status: 400),
        .init(name: "HTTP/2 request line", text: "GET /hello HTTP/2.0\r\n\r\n", status: 400),
        .init(name: "control character in the method", text: "G\u{1}T /hello HTTP/1.1\r\n\r\n", status: 400),
        .init(name: "too many empty lines first", text: String(repeating: "\r\n", count: 20) + "GET /hello HTTP/1.1\r\n\r\n", status: 400),
        .init(
            name: "header section over 64 KiB", text: "GET /hello HTTP/1.1\r\nX-Big: " + String(repeating: "b", count: 70_000) + "\r\n\r\n",
            status: 431),
        // Per-route limits, decided from the head before any body byte is read.
        .init(name: "Content-Length beyond the route limit, body never sent", text: post + "Content-Length: 70000\r\n\r\n", status: 413),
        .init(name: "Content-Length beyond Int", text: post + "Content-Length: 99999999999999999999999\r\n\r\n", status: 413),
        .init(name: "a body sent to a no-body route", text: "POST /nobody HTTP/1.1\r\nContent-Length: 10\r\n\r\n0123456789", status: 413),
        .init(
            name: "a chunked body sent to a no-body route",
            text: "POST /nobody HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n1\r\na\r\n0\r\n\r\n", status: 413),
        .init(
            name: "no secret, 1 GB announced and never sent", text: "POST /secret HTTP/1.1\r\nContent-Length: 1000000000\r\n\r\n",
            status: 401),
        .init(name: "no secret, chunked body never sent", text: "POST /secret HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n", status: 401),
        .init(name: "unknown path with a body announced", text: "POST /unknown HTTP/1.1\r\nContent-Length: 100\r\n\r\n", status: 404),
    ]
}
