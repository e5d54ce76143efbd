import Foundation

/// The notices a Telegram stand-in delivered, read from its own record of sendMessage calls
/// (`GET /control/sent`) and taken apart into (chat, doctor, slot line) announcements.
struct DeliveredMessages {
    /// One delivered message.
    struct Message {
        var chatId: Int64
        var text: String
        var time: String
        var bookingURL: String?
    }

    /// One slot announced to one chat about one doctor.
    struct Announcement: Hashable {
        var chatId: Int64
        var doctor: String
        var slotLine: String
    }

    var messages: [Message]
    /// Every sendMessage call seen, delivered or not.
    var attempts: Int

    init(sent: Any) {
        let records = ((sent as? [String: Any])?["result"] as? [[String: Any]]) ?? []
        attempts = records.count
        messages = records.compactMap { record in
            guard record["delivered"] as? Bool == true else { return nil }
            let chat = (record["chat_id"] as? Int64) ?? (record["chat_id"] as? Int).map(Int64.init) ?? 0
            let markup = record["reply_markup"] as? [String: Any]
            let rows = markup?["inline_keyboard"] as? [[[String: Any]]] ?? []
            let url = rows.flatMap { $0 }.compactMap { $0["url"] as? String }.first
            return Message(chatId: chat, text: record["text"] as? String ?? "", time: record["time"] as? String ?? "", bookingURL: url)
        }
    }

    /// The doctor named on a message's second line (`👨‍⚕️ Dr. NAME` or `👨‍⚕️ دکتر NAME`).
    static func doctor(in text: String) -> String {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard lines.count > 1 else { return "" }
        var line = String(lines[1])
        for prefix in ["👨‍⚕️ Dr. ", "👨‍⚕️ دکتر "] where line.hasPrefix(prefix) { line.removeFirst(prefix.count) }
        return line.components(separatedBy: " — ").first ?? line
    }

    /// Every announcement, with repetitions (a slot announced twice to a chat appears twice).
    var announcements: [Announcement] {
        messages.flatMap { message in
            let doctor = Self.doctor(in: message.text)
            return message.text.split(separator: "\n").filter { $0.hasPrefix("• ") }.map {
                Announcement(chatId: message.chatId, doctor: doctor, slotLine: String($0))
            }
        }
    }

    /// Announcements counted: (distinct announced, repeated beyond the first).
    func tally() -> (distinct: Set<Announcement>, duplicates: Int) {
        let all = announcements
        let distinct = Set(all)
        return (distinct, all.count - distinct.count)
    }
}
