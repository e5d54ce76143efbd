import Foundation

/// The stored state of one token bucket: its tokens when last updated.
public struct BucketState: Sendable, Hashable {
    /// Tokens left at `updatedAt`.
    public var tokens: Double
    /// When `tokens` was computed.
    public var updatedAt: Date

    /// Creates a state.
    public init(tokens: Double, updatedAt: Date) {
        self.tokens = tokens
        self.updatedAt = updatedAt
    }
}
