import Testing

@testable import Postgres

@Suite("PostgresConfiguration")
struct PostgresConfigurationTests {
    @Test("parses a full URL with percent-encoded credentials")
    func fullURL() throws {
        let configuration = try PostgresConfiguration(
            url:
                "postgres://slot%40hunter:p%40ss%3Aw0rd@db.internal:6543/slot_hunter?sslmode=require&connect_timeout=5&application_name=bot"
        )
        #expect(configuration.user == "slot@hunter")
        #expect(configuration.password == "p@ss:w0rd")
        #expect(configuration.host == "db.internal")
        #expect(configuration.port == 6543)
        #expect(configuration.database == "slot_hunter")
        #expect(configuration.sslMode == "require")
        #expect(configuration.connectTimeout == .seconds(5))
        #expect(configuration.applicationName == "bot")
    }

    @Test("defaults: port 5432, no password, database named after the user")
    func defaults() throws {
        let configuration = try PostgresConfiguration(url: "postgresql://postgres@127.0.0.1")
        #expect(configuration.port == 5432)
        #expect(configuration.password == nil)
        #expect(configuration.database == "postgres")
        #expect(configuration.sslMode == nil)
    }

    @Test("Unix socket directory through ?host=")
    func unixSocket() throws {
        let configuration = try PostgresConfiguration(url: "postgres://app@/slots?host=/var/run/postgresql&port=5433")
        #expect(configuration.host == "/var/run/postgresql")
        #expect(configuration.port == 5433)
        #expect(configuration.database == "slots")
        #expect(configuration.redactedDescription.contains("host=/var/run/postgresql"))
    }

    @Test("IPv6 host and libpq pass-through parameters")
    func ipv6AndPassThrough() throws {
        let configuration = try PostgresConfiguration(
            url: "postgres://u:p@[::1]:5000/d?options=-c%20statement_timeout%3D5000&target_session_attrs=read-write")
        #expect(configuration.host == "::1")
        #expect(configuration.port == 5000)
        #expect(configuration.parameters["options"] == "-c statement_timeout=5000")
        #expect(configuration.parameters["target_session_attrs"] == "read-write")
    }

    @Test(
        "rejects bad URLs without echoing the password",
        arguments: [
            "mysql://u:topsecret@h/d", "postgres://u:topsecret@h:99999/d", "postgres://u:topsecret@h/d?sslmode=sometimes",
            "postgres://u:topsecret@h/d?bogus=1", "postgres://u:topsecret@h/d?connect_timeout=soon", "postgres://u:top%zzsecret@h/d",
        ])
    func rejectsBadURLs(url: String) {
        do {
            _ = try PostgresConfiguration(url: url)
            Issue.record("accepted \(url)")
        } catch {
            #expect(error.code == .invalidConfiguration)
            #expect(!error.description.contains("topsecret"))
            #expect(!error.isRetriable)
        }
    }

    @Test("descriptions, debug descriptions and dumps redact the password")
    func redaction() throws {
        let configuration = try PostgresConfiguration(url: "postgres://app:s3cr%C3%A9t@db:5432/slots?sslmode=disable")
        #expect(configuration.password == "s3crét")
        #expect(configuration.redactedDescription == "postgres://app:<redacted>@db:5432/slots?sslmode=disable&connect_timeout=10")
        #expect("\(configuration)" == configuration.redactedDescription)
        #expect(!String(reflecting: configuration).contains("s3cr"))
        var dumped = ""
        dump(configuration, to: &dumped)
        #expect(!dumped.contains("s3cr"))
    }

    @Test("connect timeout is whole seconds, at least 2")
    func connectTimeoutSeconds() {
        var configuration = PostgresConfiguration(user: "u", database: "d")
        configuration.connectTimeout = .milliseconds(300)
        #expect(configuration.connectTimeoutSeconds == 2)
        configuration.connectTimeout = .milliseconds(4500)
        #expect(configuration.connectTimeoutSeconds == 5)
    }
}
