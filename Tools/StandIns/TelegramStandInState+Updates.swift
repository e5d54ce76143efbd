import Foundation

/// getUpdates long polling and update injection.
extension TelegramStandInState {
    static let conflictDescription =
        "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running"

    func getUpdates(_ parameters: [String: TelegramJSON]) async -> TelegramAPIAnswer {
        guard webhook == nil else {
            return .error(
                409,
                "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first")
        }
        let offset = parameters["offset"]?.int64Value ?? 0
        let limit = min(max(Int(parameters["limit"]?.int64Value ?? 100), 1), 100)
        let timeout = min(max(parameters["timeout"]?.doubleValue ?? 0, 0), 3600)
        if let allowed = parameters["allowed_updates"]?.jsonValue?.arrayValue {
            let kinds = allowed.compactMap(\.stringValue)
            allowedUpdates = kinds.isEmpty ? nil : Set(kinds)
        }
        confirm(offset: offset)
        let ready = deliverable(limit: limit)
        if let waiter {  // Telegram ends the older request when a newer one arrives
            self.waiter = nil
            waiter.timer.cancel()
            waiter.continuation.resume(returning: .conflict(Self.conflictDescription))
        }
        if !ready.isEmpty || timeout == 0 { return .ok(.array(ready)) }
        switch await waitForUpdates(limit: limit, timeout: timeout) {
        case .updates(let list): return .ok(.array(list))
        case .conflict(let description): return .error(409, description)
        case .cancelled: return .error(499, "client closed the request")
        }
    }

    /// Drops confirmed updates: positive offset confirms ids below it; a negative one keeps only
    /// the last `-offset` updates.
    private func confirm(offset: Int64) {
        if offset > 0 {
            updates.removeAll { $0.id < offset }
        } else if offset < 0 {
            let keep = Int(min(-offset, Int64(updates.count)))
            updates.removeFirst(updates.count - keep)
        }
    }

    /// Up to `limit` queued updates the bot wants; unwanted kinds are dropped from the queue.
    private func deliverable(limit: Int) -> [TelegramJSON] {
        updates.removeAll { update in
            if let allowedUpdates { return !allowedUpdates.contains(update.kind) }
            return Self.defaultUnwantedKinds.contains(update.kind)
        }
        return updates.prefix(limit).map(\.json)
    }

    private func waitForUpdates(limit: Int, timeout: Double) async -> PollOutcome {
        let id = nextWaiterID
        nextWaiterID += 1
        if Task.isCancelled { return .cancelled }
        return await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<PollOutcome, Never>) in
                let timer = Task { [weak self] in
                    try? await Task.sleep(for: .seconds(timeout))
                    await self?.expireWaiter(id)
                }
                waiter = Waiter(id: id, limit: limit, continuation: continuation, timer: timer)
            }
        } onCancel: {
            Task { [weak self] in await self?.cancelWaiter(id) }
        }
    }

    private func expireWaiter(_ id: Int) {
        guard let waiter, waiter.id == id else { return }
        self.waiter = nil
        waiter.continuation.resume(returning: .updates(deliverable(limit: waiter.limit)))
    }

    private func cancelWaiter(_ id: Int) {
        guard let waiter, waiter.id == id else { return }
        self.waiter = nil
        waiter.timer.cancel()
        waiter.continuation.resume(returning: .cancelled)
    }

    /// Answers a pending long poll if there is now something for it.
    private func wakeWaiter() {
        guard let waiter else { return }
        let ready = deliverable(limit: waiter.limit)
        guard !ready.isEmpty else { return }
        self.waiter = nil
        waiter.timer.cancel()
        waiter.continuation.resume(returning: .updates(ready))
    }

    // MARK: - Injection

    /// Queues updates: full `Update` objects (update_id assigned when missing) or shorthand
    /// objects with `chat_id` (see `expandShorthand`). All or nothing; returns the update ids.
    func inject(_ elements: [TelegramJSON]) throws(TelegramStandInError) -> [Int64] {
        for (index, element) in elements.enumerated() {
            guard let object = element.objectValue else {
                throw TelegramStandInError("element \(index) is not a JSON object")
            }
            if object["chat_id"] == nil {
                let kinds = object.keys.filter { $0 != "update_id" }
                guard kinds.count == 1 else {
                    throw TelegramStandInError(
                        "element \(index): an Update needs exactly one payload key besides update_id, found \(kinds.sorted())")
                }
                if let id = object["update_id"], id.int64Value == nil {
                    throw TelegramStandInError("element \(index): update_id must be an integer")
                }
            } else {
                guard object["chat_id"]?.int64Value != nil else {
                    throw TelegramStandInError("element \(index): chat_id must be an integer")
                }
            }
        }
        var ids: [Int64] = []
        for element in elements {
            let object = element.objectValue ?? [:]
            var update: [String: TelegramJSON]
            if object["chat_id"] != nil {
                update = expandShorthand(object)
            } else {
                update = object
            }
            let id = update["update_id"]?.int64Value ?? nextUpdateID
            nextUpdateID = max(nextUpdateID, id + 1)
            update["update_id"] = .int(id)
            let kind = update.keys.first { $0 != "update_id" } ?? ""
            if kind == "callback_query", let queryID = update["callback_query"]?["id"]?.stringValue {
                openCallbackQueries.insert(queryID)
            }
            updates.append(StoredUpdate(id: id, kind: kind, json: .object(update)))
            ids.append(id)
        }
        updates.sort { $0.id < $1.id }
        wakeWaiter()
        return ids
    }

    /// Expands `{"chat_id": 42, "text": "/start"}` and friends into a realistic update:
    /// - `text` → a `message` (with `bot_command` entities), or with `sticker: true` / `photo: true`
    ///   a sticker / photo message (`text` becomes the photo caption);
    /// - `callback_data` → a `callback_query` on `message_id` (default: the bot's last message there);
    /// - `member_status` (`kicked`, `member`, `left`) → a `my_chat_member` (the user blocked / unblocked the bot).
    /// Optional: `user_id` (default: the chat id for private chats), `first_name`, `last_name`,
    /// `username`, `language_code` (default `fa`), `date`.
    private func expandShorthand(_ object: [String: TelegramJSON]) -> [String: TelegramJSON] {
        let chatID = object["chat_id"]?.int64Value ?? 0
        let userID = object["user_id"]?.int64Value ?? (chatID > 0 ? chatID : 1_000_001)
        var person =
            people[userID]
            ?? TelegramShapes.Person(id: userID, firstName: "Test", lastName: nil, username: nil, languageCode: "fa")
        if let firstName = object["first_name"]?.stringValue { person.firstName = firstName }
        if let lastName = object["last_name"]?.stringValue { person.lastName = lastName }
        if let username = object["username"]?.stringValue { person.username = username }
        if let languageCode = object["language_code"]?.stringValue { person.languageCode = languageCode }
        people[userID] = person
        let user = TelegramShapes.user(person)
        let date = object["date"]?.int64Value ?? Self.unixNow()
        var update: [String: TelegramJSON] = [:]
        if let id = object["update_id"] { update["update_id"] = id }

        if let data = object["callback_data"]?.stringValue {
            let message = callbackMessage(chatID: chatID, messageID: object["message_id"]?.int64Value, date: date)
            callbackSequence += 1
            let queryID = String(bot.id % 1_000_000 * 1_000_000_000 + Int64(callbackSequence))
            update["callback_query"] = [
                "id": .string(queryID), "from": user, "message": message,
                "chat_instance": .string(String(-(abs(chatID) &* 7_919 % 9_000_000_000_000_000_000))), "data": .string(data),
            ]
        } else if let status = object["member_status"]?.stringValue {
            let old = status == "member" ? "kicked" : "member"
            update["my_chat_member"] = [
                "chat": chatJSON(chatID), "from": user, "date": .int(date),
                "old_chat_member": TelegramShapes.chatMember(status: old, user: botUserJSON),
                "new_chat_member": TelegramShapes.chatMember(status: status, user: botUserJSON),
            ]
        } else {
            let messageID = nextMessageID(in: chatID)
            let text = object["text"]?.stringValue
            var extra: [String: TelegramJSON] = [:]
            var messageText = text
            if object["sticker"]?.boolValue == true {
                extra["sticker"] = TelegramShapes.sticker(seed: Int64(messageID))
                messageText = nil
            } else if object["photo"]?.boolValue == true {
                extra["photo"] = TelegramShapes.photo(seed: Int64(messageID))
                if let text { extra["caption"] = .string(text) }
                messageText = nil
            }
            let entities = messageText.map(TelegramShapes.commandEntities(in:)) ?? []
            update["message"] = TelegramShapes.message(
                id: messageID, from: user, chat: chatJSON(chatID), date: date, text: messageText, entities: entities,
                extra: extra)
        }
        return update
    }

    /// The bot message a button press refers to; a placeholder bot message if there is none.
    private func callbackMessage(chatID: Int64, messageID: Int64?, date: Int64) -> TelegramJSON {
        let stored = botMessages[chatID] ?? [:]
        if let messageID, let message = stored[Int(messageID)] { return message }
        if messageID == nil, let last = stored.keys.max(), let message = stored[last] { return message }
        let id = messageID.map { Int($0) } ?? nextMessageID(in: chatID)
        let message = TelegramShapes.message(
            id: id, from: botUserJSON, chat: chatJSON(chatID), date: date, text: "(message sent before the stand-in started)")
        botMessages[chatID, default: [:]][id] = message
        return message
    }
}
