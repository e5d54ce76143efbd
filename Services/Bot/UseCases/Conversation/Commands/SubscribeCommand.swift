import Foundation
import Localization
import Messaging

extension Conversation {
    /// Doctors offered by a name search.
    static let maxSearchResults = 8

    /// `/subscribe <link or slug>`: resolve the doctor on paziresh24, store the targets, offer them
    /// on buttons. `/subscribe <words>`: search paziresh24 by name and offer the doctors found.
    func subscribeCommand(arguments: String, chatId: Int64, text: BotText) async throws {
        guard !arguments.isEmpty else {
            try await messenger.send(chatId: chatId, text: text.subscribeUsage, keyboard: nil)
            return
        }
        if Self.isProfileReference(arguments) {
            try await offerTargets(of: arguments, chatId: chatId, text: text)
        } else {
            try await searchDoctors(SearchWords.normalize(arguments), chatId: chatId, text: text)
        }
    }

    /// Whether `/subscribe`'s argument names a profile (a link, a path or a slug) rather than a
    /// doctor's name: a paziresh24 or web address, or one word with `-`, `/`, `?` or `.` in it
    /// (the site's slugs join words with `-`: `دکتر-هدیه-جباری-0`). Anything else is searched.
    static func isProfileReference(_ arguments: String) -> Bool {
        let trimmed = arguments.trimmingCharacters(in: .whitespacesAndNewlines)
        let lowered = trimmed.lowercased()
        if lowered.contains("paziresh24") || lowered.hasPrefix("http://") || lowered.hasPrefix("https://")
            || lowered.hasPrefix("www.") || lowered.hasPrefix("/")
        {
            return true
        }
        return !trimmed.contains(where: \.isWhitespace) && trimmed.contains(where: { "-/?.".contains($0) })
    }

    /// The name search: up to `maxSearchResults` doctors on buttons (`doc:<token>`).
    private func searchDoctors(_ words: String, chatId: Int64, text: BotText) async throws {
        guard !words.isEmpty else {
            try await messenger.send(chatId: chatId, text: text.subscribeUsage, keyboard: nil)
            return
        }
        let found: [DoctorCandidate]
        do {
            found = try await directory.search(words, limit: Self.maxSearchResults)
        } catch {
            try await messenger.send(chatId: chatId, text: reply(to: error, text: text, searching: true), keyboard: nil)
            return
        }
        let candidates = Array(found.prefix(Self.maxSearchResults))
        guard !candidates.isEmpty else {
            try await messenger.send(chatId: chatId, text: text.noDoctorFound, keyboard: nil)
            return
        }
        let tokens = picks.remember(candidates.map(\.slug), chatId: chatId)
        var rows: [[KeyboardButton]] = zip(candidates, tokens).map { candidate, token in
            [
                .callback(
                    text.doctorChoice(
                        name: candidate.name, specialty: candidate.specialty, city: candidate.city,
                        earliest: candidate.earliestFreeTurn),
                    .doctor(token: token))
            ]
        }
        rows.append([.callback(text.cancel, .cancel)])
        try await messenger.send(chatId: chatId, text: text.chooseDoctor, keyboard: rows)
    }

    /// A doctor of a name search was tapped: continue as `/subscribe <slug>`.
    func pickDoctor(token: Int64, chatId: Int64, text: BotText) async throws -> String? {
        guard let slug = picks.slug(token: token, chatId: chatId) else { return text.expired }
        try await offerTargets(of: slug, chatId: chatId, text: text)
        return nil
    }

    /// Resolves a profile link or slug and offers its (center, service) targets on buttons.
    private func offerTargets(of slugOrURL: String, chatId: Int64, text: BotText) async throws {
        let resolved: (doctor: DoctorRef, targets: [WatchTarget])
        do {
            resolved = try await directory.resolve(slugOrURL)
        } catch {
            try await messenger.send(chatId: chatId, text: reply(to: error, text: text, searching: false), keyboard: nil)
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

    private func reply(to error: DoctorLookupError, text: BotText, searching: Bool) -> String {
        switch error {
        case .malformedInput: return searching ? text.noDoctorFound : text.malformedLink
        case .notFound: return searching ? text.noDoctorFound : text.doctorNotFound
        case .unavailable: return text.sourceUnavailable
        case .busy: return text.lookupBusy
        }
    }
}
