import StandIns

/// Checks a JSON value against the bundled Bot API spec: every required field present, no
/// undocumented field, primitive types right, nested objects checked recursively.
struct TelegramShapeValidator {
    let spec: TelegramBotAPISpec
    private(set) var problems: [String] = []
    private(set) var checkedTypes: Set<String> = []

    init(spec: TelegramBotAPISpec) {
        self.spec = spec
    }

    mutating func validate(_ value: TelegramJSON, as type: String, at path: String) {
        if type.hasPrefix("Array of ") {
            guard let elements = value.arrayValue else { return problems.append("\(path): expected an array") }
            for (index, element) in elements.enumerated() {
                validate(element, as: String(type.dropFirst("Array of ".count)), at: "\(path)[\(index)]")
            }
            return
        }
        switch type {
        case "Integer":
            if case .int = value { return }
            problems.append("\(path): expected Integer")
        case "Float":
            if value.doubleValue != nil, value.stringValue == nil { return }
            problems.append("\(path): expected Float")
        case "String":
            if value.stringValue == nil { problems.append("\(path): expected String") }
        case "Boolean":
            if case .bool = value { return }
            problems.append("\(path): expected Boolean")
        case "True":
            if value != .bool(true) { problems.append("\(path): expected True") }
        case "MaybeInaccessibleMessage":
            validate(value, as: value["date"] == .int(0) ? "InaccessibleMessage" : "Message", at: path)
        case "ChatMember":
            let variants = ["member": "ChatMemberMember", "kicked": "ChatMemberBanned", "left": "ChatMemberLeft"]
            guard let status = value["status"]?.stringValue, let variant = variants[status] else {
                return problems.append("\(path): ChatMember status not bundled: \(String(describing: value["status"]))")
            }
            validate(value, as: variant, at: path)
        default:
            validateObject(value, as: type, at: path)
        }
    }

    private mutating func validateObject(_ value: TelegramJSON, as type: String, at path: String) {
        guard let fields = spec.types[type] else {
            return problems.append("\(path): type \(type) is not in the bundled spec subset")
        }
        guard let object = value.objectValue else { return problems.append("\(path): expected a \(type) object") }
        checkedTypes.insert(type)
        for field in fields where field.required && object[field.name] == nil {
            problems.append("\(path): \(type) lacks required field \(field.name)")
        }
        let documented = Dictionary(uniqueKeysWithValues: fields.map { ($0.name, $0) })
        for (key, member) in object {
            guard let field = documented[key] else {
                problems.append("\(path).\(key): not a documented field of \(type)")
                continue
            }
            if field.types.count == 1 {
                validate(member, as: field.types[0], at: "\(path).\(key)")
            } else {
                // A union of types (`Integer or String`): accept the first that fits.
                var fitting = false
                for candidate in field.types {
                    var trial = TelegramShapeValidator(spec: spec)
                    trial.validate(member, as: candidate, at: path)
                    if trial.problems.isEmpty {
                        fitting = true
                        break
                    }
                }
                if !fitting { problems.append("\(path).\(key): none of \(field.types) fits") }
            }
        }
    }
}
