/// Durations as whole milliseconds, for logs and client properties.
extension Duration {
    /// The duration in whole milliseconds (rounded towards zero).
    public var wholeMilliseconds: Int64 {
        components.seconds * 1000 + components.attoseconds / 1_000_000_000_000_000
    }
}
