import Foundation

/// One page of `GET /seapi/v1/search/{city}[/{specialty}]`: doctor cards plus paging.
///
/// The answer is `{"search": {"total", "pagination": {"limit", "page"}, "result": [cards…], …},
/// "selected_filters": {…}}` (see `DoctorSearchPage+Decoding.swift` for every field read).
public struct DoctorSearchPage: Sendable, Hashable {
    /// `search.total`: matching cards over all pages (nil if not sent).
    public var total: Int64?
    /// `search.pagination.page` (1-based).
    public var page: Int64?
    /// `search.pagination.limit`: cards per page as the server applied it.
    public var limit: Int64?
    /// The doctor cards, in the order sent.
    public var cards: [DoctorSearchCard]
    /// Results left out: doctor cards without a slug, and results that are not doctors (`type`
    /// "center"). Counted so a caller can tell "fewer cards than `limit`" from "cards unreadable".
    public var skipped: Int

    /// Creates a page.
    public init(total: Int64?, page: Int64?, limit: Int64?, cards: [DoctorSearchCard], skipped: Int = 0) {
        self.total = total
        self.page = page
        self.limit = limit
        self.cards = cards
        self.skipped = skipped
    }

    /// Whether a later page has more cards: `page × limit < total` (false when any is unknown or
    /// this page is empty).
    public var hasMore: Bool {
        guard let total, let page, let limit, page > 0, limit > 0, cards.count + skipped > 0 else { return false }
        let (seen, overflow) = page.multipliedReportingOverflow(by: limit)
        return !overflow && seen < total
    }
}
