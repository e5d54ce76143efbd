import Foundation
import TestSupport

extension SigtermDrillWorkload {
    /// The bot's long poll waits at the stand-in; a `/start` arrives and the bot's reply hangs there.
    static func engageBot(_ system: SystemUnderTest, process: ChildProcess, run: Int) async throws -> String {
        try await hangSendMessage(system.telegram)
        try await system.send([["chat_id": 8_100_000 + run, "text": "/start"]])
        let hanging = try await waitForHangingSends(system.telegram, process: process)
        return "long poll waiting, \(hanging) reply hanging"
    }
}
