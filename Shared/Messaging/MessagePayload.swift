/// A payload with a schema name and a frozen version.
///
/// A shipped version never changes shape: new optional fields may be added; anything else is a new
/// version that consumers upcast (see `docs/messaging.md`).
public protocol MessagePayload: Codable, Sendable, Equatable {
    /// The schema name, e.g. `slot.found`.
    static var schema: String { get }
    /// The version this type encodes.
    static var version: Int { get }
}
