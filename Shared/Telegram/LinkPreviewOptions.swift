/// How a link preview is shown (Bot API `LinkPreviewOptions`, replacing `disable_web_page_preview`).
public struct LinkPreviewOptions: Sendable, Hashable, Codable {
    /// True to show no preview.
    public var isDisabled: Bool?
    /// URL to preview instead of the first one in the text.
    public var url: String?
    /// Shrink the preview's media.
    public var preferSmallMedia: Bool?
    /// Enlarge the preview's media.
    public var preferLargeMedia: Bool?
    /// Show the preview above the text.
    public var showAboveText: Bool?

    /// Creates options.
    public init(
        isDisabled: Bool? = nil, url: String? = nil, preferSmallMedia: Bool? = nil, preferLargeMedia: Bool? = nil,
        showAboveText: Bool? = nil
    ) {
        self.isDisabled = isDisabled
        self.url = url
        self.preferSmallMedia = preferSmallMedia
        self.preferLargeMedia = preferLargeMedia
        self.showAboveText = showAboveText
    }

    /// No preview at all.
    public static let disabled = LinkPreviewOptions(isDisabled: true)

    enum CodingKeys: String, CodingKey {
        case isDisabled = "is_disabled"
        case url
        case preferSmallMedia = "prefer_small_media"
        case preferLargeMedia = "prefer_large_media"
        case showAboveText = "show_above_text"
    }
}
