extension SlotStateMessage {
    /// The Persian catalogue (the source language).
    var persian: String {
        switch self {
        case .taken(let at): "❌ گرفته شد (دیده‌شده \(at))"
        case .passed: "⌛ گذشته"
        case .free(let at): "✅ در آخرین بررسی (\(at)) آزاد بود"
        case .unknown(let since): "❔ نامعلوم از \(since)"
        case .line(let slot, let state): "\(slot): \(state)"
        }
    }
}
