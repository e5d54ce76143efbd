/// The doctors a chat's last name searches offered, by short token: a `doc:<token>` button names
/// a token, not the slug, because a Persian slug may exceed Telegram's 64-byte `callback_data`.
///
/// Bounded: the most recent `perChat` doctors of each chat and the `maxChats` chats that searched
/// most recently; a button whose token was forgotten (or from before a restart) answers "expired".
public struct DoctorPicks: Sendable {
    /// Chats remembered.
    public let maxChats: Int
    /// Doctors remembered per chat (two searches of eight).
    public let perChat: Int

    private struct Chat {
        var nextToken: Int64 = 1
        var slugs: [(token: Int64, slug: String)] = []
        var used: UInt64 = 0
    }

    private var chats: [Int64: Chat] = [:]
    private var clock: UInt64 = 0

    /// Creates an empty map.
    public init(maxChats: Int = 2000, perChat: Int = 16) {
        self.maxChats = max(1, maxChats)
        self.perChat = max(1, perChat)
    }

    /// Remembers `slugs` for `chatId`; returns one token per slug, in order.
    public mutating func remember(_ slugs: [String], chatId: Int64) -> [Int64] {
        clock += 1
        var chat = chats[chatId] ?? Chat()
        var tokens: [Int64] = []
        for slug in slugs {
            let token = chat.nextToken
            chat.nextToken += 1
            chat.slugs.append((token, slug))
            tokens.append(token)
        }
        if chat.slugs.count > perChat { chat.slugs.removeFirst(chat.slugs.count - perChat) }
        chat.used = clock
        chats[chatId] = chat
        if chats.count > maxChats, let oldest = chats.min(by: { $0.value.used < $1.value.used })?.key {
            chats[oldest] = nil
        }
        return tokens
    }

    /// The slug behind `token` in `chatId`, if still remembered.
    public func slug(token: Int64, chatId: Int64) -> String? {
        chats[chatId]?.slugs.first { $0.token == token }?.slug
    }

    /// Chats remembered right now.
    public var chatCount: Int { chats.count }
}
