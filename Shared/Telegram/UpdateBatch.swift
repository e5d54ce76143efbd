/// The result of one getUpdates call, decoded update by update: one malformed update does not
/// fail the batch, it is listed in `undecodable` so the poller can log it, skip it and still
/// advance its offset past it.
public struct UpdateBatch: Sendable, Hashable {
    /// Updates that decoded, in the order Telegram sent them.
    public var updates: [Update]
    /// Updates that did not decode.
    public var undecodable: [UndecodableUpdate]

    /// Creates a batch.
    public init(updates: [Update] = [], undecodable: [UndecodableUpdate] = []) {
        self.updates = updates
        self.undecodable = undecodable
    }

    /// True when Telegram returned no updates at all.
    public var isEmpty: Bool { updates.isEmpty && undecodable.isEmpty }

    /// The highest update id seen (decodable or not) + 1: the offset of the next getUpdates call,
    /// which confirms this batch. Nil when no update id could be read.
    public var nextOffset: Int64? {
        let ids = updates.map(\.updateID) + undecodable.compactMap(\.updateID)
        return ids.max().map { $0 + 1 }
    }
}

/// An update that could not be decoded.
public struct UndecodableUpdate: Sendable, Hashable {
    /// Its `update_id`, when that much could be read.
    public var updateID: Int64?
    /// What was wrong (a decoding error description; never contains the token).
    public var reason: String

    /// Creates a record.
    public init(updateID: Int64?, reason: String) {
        self.updateID = updateID
        self.reason = reason
    }
}

/// Decodes one element of the getUpdates array without ever failing.
struct LenientUpdate: Decodable {
    enum Outcome {
        case decoded(Update)
        case undecodable(UndecodableUpdate)
    }

    let outcome: Outcome

    private struct IDOnly: Decodable {
        let updateID: Int64
        enum CodingKeys: String, CodingKey { case updateID = "update_id" }
    }

    init(from decoder: any Decoder) {
        do {
            outcome = .decoded(try Update(from: decoder))
        } catch {
            let id = try? IDOnly(from: decoder).updateID
            outcome = .undecodable(UndecodableUpdate(updateID: id, reason: LenientUpdate.describe(error)))
        }
    }

    /// A one-line description of a `DecodingError` with its coding path.
    static func describe(_ error: any Error) -> String {
        func path(_ codingPath: [any CodingKey]) -> String {
            codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
        }
        guard let error = error as? DecodingError else { return String(describing: type(of: error)) }
        switch error {
        case .typeMismatch(let type, let context):
            return "type mismatch at \(path(context.codingPath)): expected \(type)"
        case .valueNotFound(let type, let context):
            return "null at \(path(context.codingPath)): expected \(type)"
        case .keyNotFound(let key, let context):
            return "missing \(path(context.codingPath + [key]))"
        case .dataCorrupted(let context):
            return "corrupted at \(path(context.codingPath)): \(context.debugDescription)"
        @unknown default:
            return "undecodable"
        }
    }
}
