extension SlotStateMessage {
    /// The English catalogue.
    var english: String {
        switch self {
        case .taken(let at): "❌ taken (noticed \(at))"
        case .passed: "⌛ passed"
        case .free(let at): "✅ still free at the last check, \(at)"
        case .unknown(let since): "❔ unknown since \(since)"
        case .line(let slot, let state): "\(slot): \(state)"
        }
    }
}
