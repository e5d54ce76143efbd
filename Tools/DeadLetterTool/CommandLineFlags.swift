import Foundation

/// The flags of one subcommand's arguments, split into `--name value` / `--name=value` options and
/// bare switches, with unknown, repeated and value-less flags rejected.
struct CommandLineFlags: Sendable, Equatable {
    /// Option values by flag name (with the leading `--`).
    private(set) var values: [String: String] = [:]
    /// Switches that were given.
    private(set) var switches: Set<String> = []

    /// Splits `arguments` (after the subcommand). `command` names the subcommand in errors.
    init(
        _ arguments: some Collection<String>, command: String, options: Set<String>,
        switches allowedSwitches: Set<String>
    ) throws(DeadLetterToolError) {
        var remaining = arguments[...]
        while let argument = remaining.popFirst() {
            guard argument.hasPrefix("--") else {
                if argument.hasPrefix("-"), argument.count > 1 {
                    throw .usage("unknown option '\(argument)' for '\(command)'")
                }
                throw .usage("unexpected argument '\(argument)' for '\(command)'")
            }
            let parts = argument.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = String(parts[0])
            let inlineValue = parts.count == 2 ? String(parts[1]) : nil
            if allowedSwitches.contains(name) {
                if inlineValue != nil { throw .usage("\(name) takes no value") }
                guard switches.insert(name).inserted else { throw .usage("\(name) is given more than once") }
            } else if options.contains(name) {
                let value: String
                if let inlineValue {
                    value = inlineValue
                } else if let next = remaining.first, !next.hasPrefix("--") {
                    value = next
                    remaining.removeFirst()
                } else {
                    throw .usage("\(name) needs a value")
                }
                guard values[name] == nil else { throw .usage("\(name) is given more than once") }
                values[name] = value
            } else {
                throw .usage("unknown option '\(name)' for '\(command)'")
            }
        }
    }

    /// Whether the switch was given.
    func has(_ name: String) -> Bool {
        switches.contains(name)
    }

    /// The value of `name` trimmed; an error when it was given blank.
    func string(_ name: String) throws(DeadLetterToolError) -> String? {
        guard let raw = values[name] else { return nil }
        let value = raw.trimmingCharacters(in: .whitespaces)
        guard !value.isEmpty else { throw .usage("\(name) needs a non-empty value") }
        return value
    }

    /// The value of `name` as an integer within `range`.
    func integer<Value: FixedWidthInteger>(
        _ name: String, as type: Value.Type, in range: ClosedRange<Value>
    ) throws(DeadLetterToolError) -> Value? {
        guard let text = try string(name) else { return nil }
        guard let value = Value(text), range.contains(value) else {
            let bound =
                range.upperBound == Value.max
                ? ">= \(range.lowerBound)" : "in \(range.lowerBound)...\(range.upperBound)"
            throw .usage("\(name) expects an integer \(bound), got '\(text.prefix(40))'")
        }
        return value
    }
}
