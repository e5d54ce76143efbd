import Foundation
import HTTPServer

extension Paziresh24StandIn {
    /// The control API: scenario set-up, fault injection, request log, reset.
    func control(_ request: HTTPRequest) -> HTTPResponse {
        switch (request.method, request.path) {
        case ("POST", "/control/doctors"):
            guard let doctors = decodeOneOrMany(Paziresh24StandInDoctor.self, request.body, listKey: "doctors") else {
                return controlError("body must be a doctor object, a list of them, or {\"doctors\": [...]}")
            }
            guard doctors.allSatisfy({ !$0.slug.isEmpty && !$0.slug.contains("/") }) else {
                return controlError("every doctor needs a slug without '/'")
            }
            doctors.forEach(registerDoctor)
            let summary = doctors.map { doctor -> [String: Any] in
                [
                    "slug": doctor.slug,
                    "targets": doctor.centers.flatMap { center in
                        center.services.map {
                            [
                                "target": "\(center.id):\($0.id)", "center_id": center.id, "service_id": $0.id,
                                "user_center_id": center.userCenterId, "server_id": String(center.serverId ?? 1),
                            ]
                        }
                    },
                ]
            }
            return .json(200, Paziresh24StandInResponses.encode(["ok": true, "doctors": summary] as [String: Any]))
        case ("POST", "/control/doctors/synthetic"):
            guard let batch = try? JSONDecoder().decode(Paziresh24StandInDoctor.SyntheticBatch.self, from: Data(request.body)),
                batch.isValid
            else {
                return controlError(
                    "body must be {\"count\": 1…\(Paziresh24StandInDoctor.SyntheticBatch.maxCount), \"groups\"?: 1…count, \"prefix\"?: [A-Za-z0-9-]{1,40}, \"city_slug\"?, \"online\"?}"
                )
            }
            let doctors = batch.doctors()
            registerDoctors(doctors)
            let summary = doctors.map { doctor -> [String: Any] in
                [
                    "slug": doctor.slug, "specialty_slug": doctor.searchSpecialty, "city_slug": doctor.searchCity,
                    "targets": doctor.centers.flatMap { center in
                        center.services.map {
                            ["center_id": center.id, "service_id": $0.id, "user_center_id": center.userCenterId]
                        }
                    },
                ]
            }
            return .json(200, Paziresh24StandInResponses.encode(["ok": true, "count": doctors.count, "doctors": summary] as [String: Any]))
        case ("POST", "/control/slots"):
            guard let scenarios = decodeOneOrMany(Paziresh24SlotScenario.self, request.body, listKey: "targets") else {
                return controlError("body must be a slot scenario, a list of them, or {\"targets\": [...]}")
            }
            scenarios.forEach(setSlots)
            let summary = scenarios.map { ["target": $0.targetKey, "slots": $0.slots.count] as [String: Any] }
            return .json(200, Paziresh24StandInResponses.encode(["ok": true, "targets": summary] as [String: Any]))
        case ("POST", "/control/faults"):
            guard let plans = decodeOneOrMany(Paziresh24FaultPlan.self, request.body, listKey: "plans") else {
                return controlError("body must be a fault plan or a list of them")
            }
            plans.forEach(addFaults)
            return .json(200, #"{"ok":true}"#)
        case ("GET", "/control/requests"):
            let since = request.query["since"].flatMap { Int($0) } ?? 0
            var records = requests(since: since)
            if let path = request.query["path"] { records = records.filter { $0.path == path } }
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            guard let body = try? encoder.encode(RequestLog(requests: records)) else {
                return .json(500, #"{"ok":false,"error":"cannot encode the log"}"#)
            }
            return .json(200, body)
        case ("GET", "/control/requests/counts"):
            let counts: [String: Int]
            if let since = request.query["since"].flatMap({ Int($0) }) {
                counts = Dictionary(grouping: requests(since: since), by: { $0.endpoint ?? "unknown" }).mapValues(\.count)
            } else {
                counts = requestCounts()
            }
            return .json(
                200, Paziresh24StandInResponses.encode(["counts": counts, "total": counts.values.reduce(0, +)] as [String: Any]))
        case ("POST", "/control/reset"):
            reset()
            return .json(200, #"{"ok":true}"#)
        default:
            return .json(404, #"{"ok":false,"error":"unknown control endpoint"}"#)
        }
    }

    private struct RequestLog: Encodable {
        let requests: [Paziresh24RequestRecord]
    }

    private func controlError(_ message: String) -> HTTPResponse {
        .json(400, Paziresh24StandInResponses.encode(["ok": false, "error": message] as [String: Any]))
    }

    /// `T`, `[T]` or `{listKey: [T]}`.
    private func decodeOneOrMany<T: Decodable>(_ type: T.Type, _ body: [UInt8], listKey: String) -> [T]? {
        let data = Data(body)
        let decoder = JSONDecoder()
        if let list = try? decoder.decode([T].self, from: data) { return list }
        if let wrapped = try? decoder.decode([String: [T]].self, from: data), let list = wrapped[listKey] { return list }
        if let one = try? decoder.decode(T.self, from: data) { return [one] }
        return nil
    }
}
