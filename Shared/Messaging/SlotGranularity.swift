/// How precisely a slot is known.
///
/// paziresh24's getFreeDays lists free days in `calendar.turns` beyond the days whose times it
/// returns in `result`: a day there without times is a free slot known only to the day. Such a
/// slot is announced at day level ("a free slot on <date>; see the times on the site"), with the
/// same lifecycle as a timed one. Absent on the wire means `.time` (every slot before this field).
public enum SlotGranularity: String, Sendable, Hashable, Codable {
    /// A slot with its start and end time.
    case time
    /// A free day: `start` is 00:00 Tehran of that day, `end` 00:00 of the next.
    case day
}
