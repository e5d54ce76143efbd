extension PostgresError {
    /// Whether the failure says the database is away or busy rather than that the statement itself
    /// is at fault: what a consumer waits out, however long, instead of dead-lettering the record.
    ///
    /// Not transient (the same statement with the same values fails again): an error the server
    /// reported with a SQLSTATE that is not retriable (constraint violations, `P0001` raised by a
    /// trigger, data exceptions, syntax errors…) and values the client cannot encode or decode.
    /// Everything else is transient: connection trouble (SQLSTATE class 08, 57P01–57P03, a lost or
    /// refused connection), resources (53…), serialization failures and deadlocks, client timeouts,
    /// `57014` (statement timeout or cancel), and failures without a SQLSTATE.
    public var isTransient: Bool {
        if isRetriable || sqlState == "57014" { return true }
        switch code {
        case .encodingFailed, .decodingFailed: return false
        default: return sqlState == nil
        }
    }

    /// `true` when `error` is a `PostgresError` that is not transient (`isTransient`). Any other
    /// error counts as not permanent.
    public static func isPermanent(_ error: any Error) -> Bool {
        guard let error = error as? PostgresError else { return false }
        return !error.isTransient
    }
}
