import Foundation

/// A deterministic pseudo-random generator, so a failing fuzz run can be replayed from its seed.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// One fuzz worker against a live `GuardedServer`: keep-alive connections carrying a few valid
/// requests (pipelined, checked answer by answer), each ending with a hostile tail: a crafted
/// framing attack (its exact status and a close expected), a mutated valid request, or random
/// bytes (any valid answers, then a clean close). Runs on its own thread: it blocks.
struct HTTPFuzzWorker {
    struct Report: Sendable {
        var requests = 0
        var connections = 0
        var failures: [String] = []
        var craftedSeen: Set<String> = []
        var statuses: [Int: Int] = [:]
    }

    private struct Valid {
        var bytes: [UInt8]
        var status: Int
        var body: [UInt8]?
        var isHead = false
    }

    private var rng: SplitMix64
    private let seed: UInt64
    private let port: Int
    private(set) var report = Report()

    init(port: Int, seed: UInt64) {
        self.port = port
        self.seed = seed
        self.rng = SplitMix64(state: seed)
    }

    mutating func run(requests target: Int) {
        while report.requests < target, report.failures.count < 20 {
            runConnection()
        }
    }

    private mutating func fail(_ message: String) {
        report.failures.append("seed \(seed), connection \(report.connections): \(message)")
    }

    private mutating func runConnection() {
        report.connections += 1
        guard let socket = FuzzSocket(port: port) else { return fail("connect failed") }
        // A few valid requests, sometimes pipelined in one write.
        var valids: [Valid] = []
        for _ in 0..<Int.random(in: 1...9, using: &rng) { valids.append(validRequest()) }
        var index = 0
        while index < valids.count {
            let batch = Array(valids[index..<min(valids.count, index + Int.random(in: 1...4, using: &rng))])
            index += batch.count
            socket.send(batch.flatMap(\.bytes))
            for valid in batch {
                report.requests += 1
                let answer = socket.readAnswer(headRequest: valid.isHead)
                guard case .response(let status, let close, let body) = answer else {
                    return fail("valid request answered \(answer): \(printable(valid.bytes))")
                }
                report.statuses[status, default: 0] += 1
                guard status == valid.status, !close, valid.body == nil || valid.body == body else {
                    return fail("valid request got \(status) close=\(close): \(printable(valid.bytes))")
                }
            }
        }
        // The hostile tail.
        report.requests += 1
        let roll = Int.random(in: 0..<100, using: &rng)
        if roll < 55 {
            let crafted = CraftedRequests.all.randomElement(using: &rng)!
            report.craftedSeen.insert(crafted.name)
            socket.send(Array(crafted.text.utf8))
            let answer = socket.readAnswer()
            guard case .response(let status, true, _) = answer, status == crafted.status else {
                return fail("\(crafted.name): expected \(crafted.status) and close, got \(answer)")
            }
            report.statuses[status, default: 0] += 1
            let after = socket.readAnswer()
            if after != .closed { fail("\(crafted.name): connection not closed after the answer: \(after)") }
        } else {
            var source = validRequest()
            while source.isHead { source = validRequest() }  // an answer to HEAD has no body: keep framing simple
            let bytes = roll < 85 ? mutated(source.bytes) : randomBytes()
            socket.send(bytes)
            socket.finishSending()
            for _ in 0..<64 {
                let answer = socket.readAnswer()
                switch answer {
                case .closed: return
                case .response(let status, _, _): report.statuses[status, default: 0] += 1
                case .garbage, .timedOut: return fail("hostile bytes answered \(answer): \(printable(bytes))")
                }
            }
            fail("more than 64 answers to \(printable(bytes))")
        }
    }

    private mutating func validRequest() -> Valid {
        var extra = ""
        if Bool.random(using: &rng) { extra += "User-Agent: fuzz/\(Int.random(in: 0..<1000, using: &rng))\r\n" }
        if Bool.random(using: &rng) { extra += "X-Pad: \(String(repeating: "p", count: Int.random(in: 0..<200, using: &rng)))\r\n" }
        switch Int.random(in: 0..<6, using: &rng) {
        case 0:
            let name = randomName()
            return Valid(
                bytes: Array("GET /hello?name=\(name) HTTP/1.1\r\nHost: x\r\n\(extra)\r\n".utf8), status: 200,
                body: Array("hello \(name)".utf8))
        case 1:
            let body = randomBody()
            return Valid(
                bytes: Array("POST /echo HTTP/1.1\r\nHost: x\r\n\(extra)Content-Length: \(body.count)\r\n\r\n".utf8) + body,
                status: 200, body: body)
        case 2:
            let body = randomBody()
            var bytes = Array("POST /echo HTTP/1.1\r\nHost: x\r\n\(extra)Transfer-Encoding: chunked\r\n\r\n".utf8)
            var offset = 0
            while offset < body.count {
                let size = min(body.count - offset, Int.random(in: 1...700, using: &rng))
                let hex = String(size, radix: 16, uppercase: Bool.random(using: &rng))
                let extensions = Int.random(in: 0..<5, using: &rng) == 0 ? ";name=value" : ""
                bytes += Array("\(hex)\(extensions)\r\n".utf8) + body[offset..<(offset + size)] + Array("\r\n".utf8)
                offset += size
            }
            bytes += Array("0\r\n\r\n".utf8)
            return Valid(bytes: bytes, status: 200, body: body)
        case 3:
            return Valid(bytes: Array("HEAD /hello HTTP/1.1\r\nHost: x\r\n\(extra)\r\n".utf8), status: 200, body: [], isHead: true)
        case 4:
            return Valid(bytes: Array("GET /missing/\(randomName()) HTTP/1.1\r\n\(extra)\r\n".utf8), status: 404, body: nil)
        default:
            let body = Array(randomName().utf8)
            return Valid(
                bytes: Array("POST /secret HTTP/1.1\r\nX-Secret: open\r\nContent-Length: \(body.count)\r\n\r\n".utf8) + body,
                status: 200, body: body)
        }
    }

    /// 1-4 random edits: flip, insert, delete, duplicate, a stray CR/LF/space/colon, truncation.
    private mutating func mutated(_ original: [UInt8]) -> [UInt8] {
        var bytes = original
        let specials: [UInt8] = Array("\r\n :;,-0f\t\u{0}".utf8)
        for _ in 0..<Int.random(in: 1...4, using: &rng) where !bytes.isEmpty {
            let at = Int.random(in: 0..<bytes.count, using: &rng)
            switch Int.random(in: 0..<6, using: &rng) {
            case 0: bytes[at] = UInt8.random(in: 0...255, using: &rng)
            case 1: bytes.insert(specials.randomElement(using: &rng)!, at: at)
            case 2: bytes.removeSubrange(at..<min(bytes.count, at + Int.random(in: 1...8, using: &rng)))
            case 3: bytes.insert(contentsOf: bytes[at..<min(bytes.count, at + Int.random(in: 1...16, using: &rng))], at: at)
            case 4: bytes[at] = specials.randomElement(using: &rng)!
            default: bytes.removeSubrange(at...)
            }
        }
        return bytes
    }

    private mutating func randomBytes() -> [UInt8] {
        let prefixes = ["", "GET ", "POST /echo HTTP/1.1\r\n", "POST /echo HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n"]
        let prefix = Array(prefixes.randomElement(using: &rng)!.utf8)
        return prefix + (0..<Int.random(in: 1...300, using: &rng)).map { _ in UInt8.random(in: 0...255, using: &rng) }
    }

    private mutating func randomName() -> String {
        let letters = Array("abcdefghijklmnopqrstuvwxyz0123456789")
        return String((0..<Int.random(in: 1...12, using: &rng)).map { _ in letters.randomElement(using: &rng)! })
    }

    private mutating func randomBody() -> [UInt8] {
        let size = Int.random(in: 0..<8, using: &rng) == 0 ? Int.random(in: 0...60_000, using: &rng) : Int.random(in: 0...600, using: &rng)
        return (0..<size).map { _ in UInt8.random(in: 0...255, using: &rng) }
    }

    private func printable(_ bytes: [UInt8]) -> String {
        String(decoding: bytes.prefix(120), as: UTF8.self).debugDescription
    }
}
