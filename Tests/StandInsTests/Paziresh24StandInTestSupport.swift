import Foundation
import HTTPServer
import StandIns
import Synchronization

/// Request builders and JSON helpers for the paziresh24 stand-in tests.
enum Paziresh24Requests {
    static let onlineForm = form(
        center: Paziresh24Fixture.onlineCenterId, service: Paziresh24Fixture.onlineServiceId,
        userCenter: Paziresh24Fixture.onlineUserCenterId)
    static let officeForm = form(
        center: Paziresh24Fixture.officeCenterId, service: Paziresh24Fixture.officeServiceId,
        userCenter: Paziresh24Fixture.officeUserCenterId)

    static func form(center: String, service: String, userCenter: String, extra: [(String, String)] = []) -> [(String, String)] {
        [
            ("center_id", center), ("service_id", service), ("user_center_id", userCenter), ("server_id", "1"),
            ("return_type", "calendar"),
        ] + extra
    }

    static func freeDays(_ fields: [(String, String)], contentType: String = "application/x-www-form-urlencoded") -> HTTPRequest {
        let body = fields.map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? $0.1)" }
            .joined(separator: "&")
        return HTTPRequest(
            method: "POST", path: "/booking/v2/getFreeDays",
            headers: [("Content-Type", contentType), ("User-Agent", "test"), ("accept-timezone", "Asia/Tehran")],
            body: Array(body.utf8))
    }

    static func control(_ method: String, _ path: String, json: String = "", query: [String: String] = [:]) -> HTTPRequest {
        HTTPRequest(
            method: method, path: path, query: query, headers: [("Content-Type", "application/json")],
            body: Array(json.utf8))
    }

    static func get(_ path: String) -> HTTPRequest {
        HTTPRequest(method: "GET", path: path)
    }

    static func object(_ body: [UInt8]) -> [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(body))) as? [String: Any] ?? [:]
    }

    /// Whether `generated` has the structure of `recorded`: the same object keys (objects keyed by
    /// timestamps are maps: any timestamp keys, values of the recorded values' shape), array
    /// elements shaped like the recorded first element, the same leaf types; `null` on either side
    /// matches anything. Returns the first mismatch's path, or nil.
    static func shapeMismatch(_ generated: Any, _ recorded: Any, path: String = "$") -> String? {
        if generated is NSNull || recorded is NSNull { return nil }
        switch (generated, recorded) {
        case (let left as [String: Any], let right as [String: Any]):
            let isMap = { (object: [String: Any]) in !object.isEmpty && object.keys.allSatisfy { Int($0) != nil } }
            if isMap(left) || isMap(right) {
                guard left.keys.allSatisfy({ Int($0) != nil }), right.keys.allSatisfy({ Int($0) != nil }) else {
                    return "\(path): map keys"
                }
                guard let sample = right.values.first else { return nil }
                for (key, value) in left {
                    if let mismatch = shapeMismatch(value, sample, path: "\(path).\(key)") { return mismatch }
                }
                return nil
            }
            guard Set(left.keys) == Set(right.keys) else {
                return "\(path): keys \(Set(left.keys).symmetricDifference(right.keys).sorted())"
            }
            for (key, value) in left {
                if let mismatch = shapeMismatch(value, right[key]!, path: "\(path).\(key)") { return mismatch }
            }
            return nil
        case (let left as [Any], let right as [Any]):
            guard let sample = right.first else { return nil }
            for (index, value) in left.enumerated() {
                if let mismatch = shapeMismatch(value, sample, path: "\(path)[\(index)]") { return mismatch }
            }
            return nil
        default:
            return leafType(generated) == leafType(recorded) ? nil : "\(path): \(leafType(generated)) vs \(leafType(recorded))"
        }
    }

    private static func leafType(_ value: Any) -> String {
        switch value {
        case is [String: Any]: "object"
        case is [Any]: "array"
        case let number as NSNumber where !(value is String):
            String(cString: number.objCType) == "c" ? "bool" : "number"
        case is String: "string"
        default: "\(type(of: value))"
        }
    }
}

/// A wall clock tests can move.
final class Paziresh24TestClock: Sendable {
    private let current: Mutex<Date>

    init(_ start: Date) {
        current = Mutex(start)
    }

    var now: Date { current.withLock { $0 } }

    func set(_ date: Date) {
        current.withLock { $0 = date }
    }
}
