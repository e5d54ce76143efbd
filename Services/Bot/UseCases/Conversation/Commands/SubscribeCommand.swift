import Foundation
import Localization
import Messaging

extension Conversation {
    /// `/subscribe <link or slug>`: resolve the doctor on paziresh24, store the targets, offer them on buttons.
    func subscribeCommand(arguments: String, chatId: Int64, text: BotText) async throws {
        guard !arguments.isEmpty else {
            try await messenger.send(chatId: chatId, text: text.subscribeUsage, keyboard: nil)
            return
        }
        let resolved: (doctor: DoctorRef, targets: [WatchTarget])
        do {
            resolved = try await directory.resolve(arguments)
        } catch {
            let reply: String
            switch error {
            case .malformedInput: reply = text.malformedLink
            case .notFound: reply = text.doctorNotFound
            case .unavailable: reply = text.sourceUnavailable
            }
            try await messenger.send(chatId: chatId, text: reply, keyboard: nil)
            return
        }
        guard !resolved.targets.isEmpty else {
            try await messenger.send(chatId: chatId, text: text.noBookableService, keyboard: nil)
            return
        }
        let stored = try await store.saveDoctor(resolved.doctor, targets: resolved.targets)
        var rows = stored.map { item in
            [
                KeyboardButton.callback(
                    text.targetLabel(
                        center: item.target.center.name, service: item.target.service.name, isOnline: item.target.center.isOnline),
                    .pick(shortId: item.shortId))
            ]
        }
        rows.append([.callback(text.cancel, .cancel)])
        try await messenger.send(chatId: chatId, text: text.chooseTarget(doctor: resolved.doctor.displayName), keyboard: rows)
    }
}
