import Foundation
import HTTPServer

/// Turns HTTP requests into Bot API calls (`/bot<token>/<method>`) and control calls (`/control/...`).
struct TelegramStandInRouter: Sendable {
    let token: String
    let state: TelegramStandInState

    func handle(_ request: HTTPRequest) async -> HTTPResponse {
        if request.path.hasPrefix("/control/") { return await control(request) }
        guard request.path.hasPrefix("/bot") else { return TelegramAPIAnswer.error(404, "Not Found").httpResponse }
        let rest = request.path.dropFirst(4)
        guard let slash = rest.firstIndex(of: "/") else { return TelegramAPIAnswer.error(404, "Not Found").httpResponse }
        let requestToken = String(rest[..<slash])
        let method = String(rest[rest.index(after: slash)...])
        guard !method.isEmpty, !method.contains("/") else {
            return TelegramAPIAnswer.error(404, "Not Found").httpResponse
        }
        let answer = await state.call(
            method: method, parameters: Self.parameters(of: request), tokenIsValid: requestToken == token)
        return answer.httpResponse
    }

    /// Query string, then the body: JSON object, form-urlencoded or multipart/form-data fields.
    static func parameters(of request: HTTPRequest) -> [String: TelegramJSON] {
        var parameters: [String: TelegramJSON] = [:]
        for (name, value) in request.query { parameters[name] = .string(value) }
        let contentType = request.header("Content-Type")?.lowercased() ?? ""
        if contentType.hasPrefix("application/x-www-form-urlencoded") {
            for (name, value) in request.formValues { parameters[name] = .string(value) }
        } else if contentType.hasPrefix("multipart/form-data") {
            for (name, value) in multipartFields(request) { parameters[name] = .string(value) }
        } else if !request.body.isEmpty, let object = TelegramJSON.parse(request.body)?.objectValue {
            for (name, value) in object { parameters[name] = value }
        }
        return parameters
    }

    /// Text fields of a multipart body (files are not supported by the stand-in).
    private static func multipartFields(_ request: HTTPRequest) -> [String: String] {
        guard let type = request.header("Content-Type"),
            let boundaryRange = type.range(of: "boundary=")
        else { return [:] }
        let boundary = type[boundaryRange.upperBound...].trimmingCharacters(in: CharacterSet(charactersIn: "\" "))
        let body = request.bodyText
        var fields: [String: String] = [:]
        for part in body.components(separatedBy: "--\(boundary)") {
            guard let headerEnd = part.range(of: "\r\n\r\n") else { continue }
            let headers = part[..<headerEnd.lowerBound]
            guard let nameStart = headers.range(of: "name=\"") else { continue }
            let afterName = headers[nameStart.upperBound...]
            guard let nameEnd = afterName.firstIndex(of: "\"") else { continue }
            var value = String(part[headerEnd.upperBound...])
            if value.hasSuffix("\r\n") { value.removeLast(2) }
            fields[String(afterName[..<nameEnd])] = value
        }
        return fields
    }

    // MARK: - Control API

    private func control(_ request: HTTPRequest) async -> HTTPResponse {
        switch (request.method, request.path) {
        case ("GET", "/control/health"):
            return Self.ok(true)
        case ("POST", "/control/updates"):
            guard let elements = TelegramJSON.parse(request.body)?.arrayValue else {
                return Self.controlError("body must be a JSON array of Update objects or shorthand objects")
            }
            do {
                let ids = try await state.inject(elements)
                return Self.ok(.array(ids.map { .int($0) }))
            } catch {
                return Self.controlError(error.message)
            }
        case ("GET", "/control/updates"):
            return Self.ok(.array(await state.pendingUpdates()))
        case ("GET", "/control/sent"):
            var sent = await state.sentMessages()
            if let chat = request.query["chat_id"].flatMap({ Int64($0) }) { sent = sent.filter { $0.chatID == chat } }
            if let delivered = request.query["delivered"] { sent = sent.filter { $0.delivered == (delivered == "true") } }
            return Self.ok(encoding: sent)
        case ("GET", "/control/log"):
            var log = await state.callLog()
            if let method = request.query["method"]?.lowercased() { log = log.filter { $0.method.lowercased() == method } }
            return Self.ok(encoding: log)
        case ("GET", "/control/commands"):
            return Self.ok(await state.commandMenus())
        case ("GET", "/control/descriptions"):
            return Self.ok(await state.botDescriptions())
        case ("GET", "/control/config"):
            return Self.ok(encoding: await state.currentConfiguration())
        case ("POST", "/control/config"):
            guard let patch = TelegramJSON.parse(request.body)?.objectValue else {
                return Self.controlError("body must be a JSON object of configuration keys")
            }
            let unknown = Set(patch.keys).subtracting(TelegramStandInConfiguration.knownKeys)
            guard unknown.isEmpty else {
                return Self.controlError(
                    "unknown keys \(unknown.sorted()); known: \(TelegramStandInConfiguration.knownKeys.sorted())")
            }
            let current = await state.currentConfiguration()
            do {
                let merged = try Self.merge(patch, into: current)
                await state.setConfiguration(merged)
                return Self.ok(encoding: merged)
            } catch {
                return Self.controlError("invalid configuration: \(error)")
            }
        case ("POST", "/control/reset"):
            await state.reset()
            return Self.ok(true)
        default:
            return HTTPResponse.json(404, TelegramShapes.error(404, "unknown control endpoint").encoded())
        }
    }

    static func merge(
        _ patch: [String: TelegramJSON], into configuration: TelegramStandInConfiguration
    ) throws -> TelegramStandInConfiguration {
        let encoded = try JSONEncoder().encode(configuration)
        var object = try JSONDecoder().decode([String: TelegramJSON].self, from: encoded)
        for (key, value) in patch { object[key] = value }
        return try JSONDecoder().decode(TelegramStandInConfiguration.self, from: Data(TelegramJSON.object(object).encoded()))
    }

    private static func ok(_ result: TelegramJSON) -> HTTPResponse {
        HTTPResponse.json(200, TelegramShapes.ok(result).encoded())
    }

    private static func ok<T: Encodable>(encoding value: T) -> HTTPResponse {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(value), let result = TelegramJSON.parse([UInt8](data)) else {
            return HTTPResponse.json(500, TelegramShapes.error(500, "cannot encode").encoded())
        }
        return ok(result)
    }

    private static func controlError(_ message: String) -> HTTPResponse {
        HTTPResponse.json(400, TelegramShapes.error(400, message).encoded())
    }
}
