import CivilTime
import Foundation

/// A getFreeDays answer read in slot mode: the free slots plus the calendar of free days.
///
/// The envelope is `{status, message, result, calendar, has_more, workhour_range}`. Status 1 is
/// success: `result` maps a day-start timestamp to shifts, each with `turns` whose keys are slot
/// starts (Unix seconds) and `slice` (slot length in seconds). Status 32 means no free slot and
/// reads as an empty answer; 700 (online booking disabled) and every other status are errors.
public struct FreeSlotsAnswer: Sendable, Hashable {
    /// The paziresh24 status: 1 or 32 (other statuses throw).
    public var status: Int
    /// Every free slot, the union of all shifts' turns, sorted and without duplicates.
    public var slots: [FreeSlot]
    /// `calendar.turns`: 00:00 Tehran of every day with a free slot in the booking window (this
    /// window can be longer than the slots listed in `result`).
    public var freeDays: [Date]
    /// `calendar.non_workdays` as JavaScript `getDay()` numbers (0 = Sunday).
    public var nonWorkdays: [Int]

    /// The free days of `calendar.turns` for which `result` lists no slot (00:00 Tehran each,
    /// sorted): days known to have a free slot whose times this answer does not give. paziresh24
    /// returns times for the first days of its booking window only; the calendar covers all of it.
    public var freeDaysWithoutTimes: [Date] {
        let timed = Set(slots.map { TehranTime.dayKey($0.start) })
        return Set(freeDays.map { TehranTime.dayKey($0) }).subtracting(timed).sorted().map { Date(timeIntervalSince1970: TimeInterval($0)) }
    }

    /// Creates an answer.
    public init(status: Int, slots: [FreeSlot], freeDays: [Date] = [], nonWorkdays: [Int] = []) {
        self.status = status
        self.slots = slots
        self.freeDays = freeDays
        self.nonWorkdays = nonWorkdays
    }

    /// Reads a getFreeDays body.
    /// - Throws: `.bookingDisabled` (700), `.refused` (any status but 1 and 32), `.malformedResponse`.
    public static func decode(_ body: Data) throws(Paziresh24Error) -> FreeSlotsAnswer {
        guard let root = JSONValue.parse(body) else {
            throw Paziresh24Error(.malformedResponse("getFreeDays answer is not JSON: \(JSONValue.excerpt(body))"))
        }
        guard root.object != nil else {
            throw Paziresh24Error(.malformedResponse("getFreeDays answer is not a JSON object"))
        }
        guard let status = root["status"]?.intValue else {
            throw Paziresh24Error(.malformedResponse("getFreeDays answer has no numeric status"))
        }
        let message = root["message"]?.stringValue ?? ""
        switch status {
        case 1:
            break
        case 32:
            return FreeSlotsAnswer(status: 32, slots: [])
        case 700:
            throw Paziresh24Error(.bookingDisabled, serverMessage: message)
        default:
            throw Paziresh24Error(.refused(status: status, message: message), serverMessage: message)
        }
        let slots = try readSlots(root["result"])
        let calendar = root["calendar"]
        let freeDays = (calendar?["turns"]?.array ?? []).compactMap(\.intValue).sorted().map {
            Date(timeIntervalSince1970: TimeInterval($0))
        }
        let nonWorkdays = (calendar?["non_workdays"]?.stringValue ?? "")
            .split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
        return FreeSlotsAnswer(status: 1, slots: slots, freeDays: freeDays, nonWorkdays: nonWorkdays)
    }

    private static func readSlots(_ result: JSONValue?) throws(Paziresh24Error) -> [FreeSlot] {
        guard let result else {
            throw Paziresh24Error(.malformedResponse("status 1 without result"))
        }
        switch result {
        case .array(let days) where days.isEmpty:
            return []  // calendar-only answers carry `result: []`
        case .object(let days):
            var sliceByStart: [Int: Int?] = [:]
            var firstSlice: Int?
            var dayKeys: [(Int, String)] = []
            for key in days.keys {
                guard let day = Int(key) else {
                    throw Paziresh24Error(.malformedResponse("result key \(key) is not a timestamp"))
                }
                dayKeys.append((day, key))
            }
            for (_, key) in dayKeys.sorted(by: { $0.0 < $1.0 }) {
                for shift in list(days[key] ?? .null) {
                    let slice = shift["slice"]?.intValue.flatMap { $0 > 0 ? $0 : nil }
                    if firstSlice == nil { firstSlice = slice }
                    for start in try turnStarts(shift["turns"]) where sliceByStart[start] == nil {
                        sliceByStart[start] = .some(slice)
                    }
                }
            }
            return sliceByStart.map { start, slice in
                let length = slice ?? firstSlice ?? 0
                return FreeSlot(
                    start: Date(timeIntervalSince1970: TimeInterval(start)),
                    end: Date(timeIntervalSince1970: TimeInterval(start + length)))
            }.sorted()
        default:
            throw Paziresh24Error(.malformedResponse("result is neither a day map nor an empty list"))
        }
    }

    /// Shifts of a day: normally a list; PHP may also encode it as an object.
    private static func list(_ value: JSONValue) -> [JSONValue] {
        switch value {
        case .array(let items): items
        case .object(let items): items.keys.sorted().compactMap { items[$0] }
        default: []
        }
    }

    /// Slot starts of a shift: the keys of `turns` (PHP writes an empty map as `[]`).
    private static func turnStarts(_ turns: JSONValue?) throws(Paziresh24Error) -> [Int] {
        switch turns {
        case .object(let map)?:
            var starts: [Int] = []
            for key in map.keys {
                guard let start = Int(key) else {
                    throw Paziresh24Error(.malformedResponse("turn key \(key) is not a timestamp"))
                }
                starts.append(start)
            }
            return starts
        case .array(let items)?:
            return items.compactMap(\.intValue)
        default:
            return []
        }
    }
}
