import Foundation
import Synchronization
import Telegram

/// A transport answering from a closure and remembering every request it got.
final class StubTransport: TelegramTransport {
    private let answer: @Sendable (TelegramHTTPRequest) async throws -> TelegramHTTPResponse
    private let seen = Mutex<[TelegramHTTPRequest]>([])

    init(_ answer: @escaping @Sendable (TelegramHTTPRequest) async throws -> TelegramHTTPResponse) {
        self.answer = answer
    }

    /// Always answers `status` with `body`.
    convenience init(status: Int = 200, body: String) {
        self.init { _ in TelegramHTTPResponse(status: status, body: Data(body.utf8)) }
    }

    /// Always throws `error`.
    convenience init(throwing error: any Error & Sendable) {
        self.init { _ in throw error }
    }

    var requests: [TelegramHTTPRequest] { seen.withLock { $0 } }

    func send(_ request: TelegramHTTPRequest) async throws -> TelegramHTTPResponse {
        seen.withLock { $0.append(request) }
        return try await answer(request)
    }
}

let testToken = "123456:SECRET-token_value"

func stubClient(_ transport: StubTransport) -> TelegramClient {
    TelegramClient(
        configuration: TelegramConfiguration(token: testToken, baseURL: URL(string: "http://stub.invalid")!),
        transport: transport)
}
