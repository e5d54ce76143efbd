/// A `/filters` request with what it applies to: `/filters hours 8-20` changes every subscription,
/// `/filters 42 hours 8-20` (or `#42`) only subscription 42 (the id its «⚙️ فیلتر» message shows).
public struct FilterRequest: Sendable, Equatable {
    /// Which subscriptions a change applies to.
    public enum Scope: Sendable, Equatable {
        /// Every subscription of the user.
        case all
        /// One subscription, by id.
        case subscription(Int64)
    }

    /// Which subscriptions.
    public var scope: Scope
    /// The change (or `.show`).
    public var change: FilterCommand

    /// Creates a request.
    public init(scope: Scope, change: FilterCommand) {
        self.scope = scope
        self.change = change
    }

    /// Parses the arguments of `/filters`; nil when they make no sense.
    public static func parse(_ arguments: String) -> FilterRequest? {
        let normalized = FilterInput.normalize(arguments)
        let first = normalized.prefix { $0 != " " }
        let digits = first.hasPrefix("#") ? first.dropFirst() : first[...]
        guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else {
            return FilterCommand.parse(normalized).map { FilterRequest(scope: .all, change: $0) }
        }
        guard let id = Int64(digits), let change = FilterCommand.parse(String(normalized.dropFirst(first.count))) else {
            return nil
        }
        return FilterRequest(scope: .subscription(id), change: change)
    }
}
