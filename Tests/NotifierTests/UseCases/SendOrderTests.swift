import Foundation
import Messaging
import Testing

@testable import NotifierDomain

/// The order in which a batch's notices are sent: one per chat per round, earliest slot first.
@Suite("Send order")
struct SendOrderTests {
    func notice(chat: Int64, target: Int, index: Int) -> Notice {
        let start = NotifierTestData.slotStart(index: index)
        return Notice(
            chatId: chat, language: .english, targetId: NotifierTestData.targetId(target), doctor: NotifierTestData.noticeDoctor(target),
            center: NotifierTestData.noticeCenter(target), bookingURL: "https://www.paziresh24.com/dr/x/",
            slots: [SlotPeriod(start: start, end: start + 600)], observedAt: Date())
    }

    @Test("a chat's second notice waits for every chat's first, so per-chat pauses never hold a send slot")
    func interleavesChats() {
        let notices = [
            notice(chat: 1, target: 1, index: 5), notice(chat: 1, target: 2, index: 1), notice(chat: 1, target: 3, index: 9),
            notice(chat: 2, target: 1, index: 5), notice(chat: 3, target: 2, index: 1), notice(chat: 3, target: 3, index: 0),
        ]
        let order = DeliverSlotBatch.sendOrder(notices).map { "\($0.chatId):\($0.targetId)" }
        #expect(order == ["1:c2:s2", "2:c1:s1", "3:c3:s3", "1:c1:s1", "3:c2:s2", "1:c3:s3"])
    }
}
