import Foundation
import ServiceRuntime
import Testing

@Suite struct SecretTests {
    private func temporaryFile(_ contents: String) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("secret-\(UUID().uuidString)").path
        try contents.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func descriptionIsRedacted() {
        let secret = Secret("hunter2")
        #expect(secret.description == "<redacted>")
        #expect("\(secret)" == "<redacted>")
        #expect(String(reflecting: secret) == "<redacted>")
        var dumped = ""
        dump(secret, to: &dumped)
        #expect(!dumped.contains("hunter2"))
        #expect(secret.value == "hunter2")
    }

    @Test func readsFromTheVariable() throws {
        let secret = try EnvironmentReader(["TELEGRAM_BOT_TOKEN": " 123:abc \n"]).secret("TELEGRAM_BOT_TOKEN")
        #expect(secret.value == "123:abc")
    }

    @Test func readsFromTheFileVariableTrimmed() throws {
        let path = try temporaryFile("s3cret-from-file-\(UUID().uuidString.prefix(8))\n")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let secret = try EnvironmentReader(["DB_PASSWORD_FILE": path]).secret("DB_PASSWORD")
        let expected = try String(contentsOfFile: path, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(secret.value == expected)
        #expect(!secret.value.hasSuffix("\n"))
    }

    @Test func secretsReadFromTheEnvironmentAreRedactedInLogs() throws {
        let value = "file-secret-\(UUID().uuidString)"
        let path = try temporaryFile(value)
        defer { try? FileManager.default.removeItem(atPath: path) }
        _ = try EnvironmentReader(["API_KEY_FILE": path]).secret("API_KEY")
        let buffer = LogBuffer()
        Logger(service: "t", instance: "i", sink: .buffer(buffer)).info("key is \(value)", ["key": value])
        #expect(!buffer.lines[0].contains(value))
    }

    @Test func missingSecretNamesBothVariables() throws {
        #expect(
            throws: ConfigurationError(
                code: .missing, variable: "TELEGRAM_BOT_TOKEN",
                reason: "required but not set (set TELEGRAM_BOT_TOKEN or TELEGRAM_BOT_TOKEN_FILE)")
        ) {
            _ = try EnvironmentReader([:]).secret("TELEGRAM_BOT_TOKEN")
        }
        #expect(try EnvironmentReader([:]).optionalSecret("TELEGRAM_BOT_TOKEN") == nil)
    }

    @Test func bothVariablesAreAConflict() {
        #expect(
            throws: ConfigurationError(
                code: .conflicting, variable: "TOKEN", reason: "set either TOKEN or TOKEN_FILE, not both")
        ) {
            _ = try EnvironmentReader(["TOKEN": "a", "TOKEN_FILE": "/x"]).secret("TOKEN")
        }
    }

    @Test func unreadableOrEmptyFileNamesTheFileVariable() throws {
        let missingPath = "/nonexistent/\(UUID().uuidString)"
        #expect(
            throws: ConfigurationError(
                code: .unreadableFile, variable: "TOKEN_FILE", reason: "cannot read file \"\(missingPath)\"")
        ) {
            _ = try EnvironmentReader(["TOKEN_FILE": missingPath]).secret("TOKEN")
        }
        let empty = try temporaryFile("\n")
        defer { try? FileManager.default.removeItem(atPath: empty) }
        #expect(
            throws: ConfigurationError(
                code: .unreadableFile, variable: "TOKEN_FILE", reason: "file \"\(empty)\" is empty")
        ) {
            _ = try EnvironmentReader(["TOKEN_FILE": empty]).secret("TOKEN")
        }
    }
}
