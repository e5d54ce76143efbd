import Foundation
import ServiceRuntime
import Testing

@Suite struct EnvironmentReaderTests {
    /// The `ConfigurationError` that `body` throws (closures do not infer typed throws).
    private func error(_ body: () throws -> Void) -> ConfigurationError? {
        do {
            try body()
            return nil
        } catch {
            return error as? ConfigurationError
        }
    }

    @Test func missingVariableIsNamedInTheError() {
        let reader = EnvironmentReader([:])
        let failure = error { _ = try reader.string("KAFKA_BOOTSTRAP_SERVERS") }
        #expect(failure?.variable == "KAFKA_BOOTSTRAP_SERVERS")
        #expect(failure?.code == .missing)
        #expect(failure?.isRetriable == false)
        #expect(failure?.description == "invalid configuration: KAFKA_BOOTSTRAP_SERVERS: required but not set")
    }

    @Test func defaultsApplyWhenUnsetOrBlank() throws {
        let reader = EnvironmentReader(["BLANK": "   ", "NAME": "  scraper \n"])
        #expect(try reader.string("UNSET", default: "x") == "x")
        #expect(try reader.string("BLANK", default: "y") == "y")
        #expect(try reader.string("NAME") == "scraper")
        #expect(try reader.int("UNSET", default: 7) == 7)
        #expect(try reader.bool("BLANK", default: true) == true)
        #expect(reader.optionalString("BLANK") == nil)
        #expect(reader.isSet("NAME"))
    }

    @Test func invalidNumberExplainsWhatWasExpected() {
        let reader = EnvironmentReader(["SCRAPER_GLOBAL_RATE": "abc", "ZERO": "0", "WORKERS": "99"])
        let rate = error { _ = try reader.double("SCRAPER_GLOBAL_RATE", greaterThan: 0) }
        #expect(rate?.description == #"invalid configuration: SCRAPER_GLOBAL_RATE: expected a number > 0, got "abc""#)
        #expect(rate?.code == .invalid)
        let zero = error { _ = try reader.double("ZERO", greaterThan: 0) }
        #expect(zero?.description == #"invalid configuration: ZERO: expected a number > 0, got "0""#)
        let workers = error { _ = try reader.int("WORKERS", range: 1...16) }
        #expect(workers?.description == #"invalid configuration: WORKERS: expected an integer in 1...16, got "99""#)
        let open = error { _ = try reader.int("WORKERS", range: 100...Int.max) }
        #expect(open?.reason == #"expected an integer >= 100, got "99""#)
        let fraction = error { _ = try reader.double("WORKERS", range: 0...1) }
        #expect(fraction?.reason == #"expected a number in 0...1, got "99""#)
    }

    @Test func typedThrowsNeedNoCast() {
        do {
            _ = try EnvironmentReader([:]).int("N")
            Issue.record("expected an error")
        } catch {
            #expect(error.variable == "N")  // `error` is a ConfigurationError, not `any Error`
        }
    }

    @Test func numbersParse() throws {
        let reader = EnvironmentReader(["RATE": "2.5", "N": "-3", "INF": "inf"])
        #expect(try reader.double("RATE", greaterThan: 0) == 2.5)
        #expect(try reader.int("N") == -3)
        #expect(error { _ = try reader.double("INF") }?.variable == "INF")
    }

    @Test func booleans() throws {
        for (text, value) in [
            ("true", true), ("YES", true), ("1", true), ("on", true), ("False", false), ("0", false), ("no", false),
            ("off", false),
        ] {
            #expect(try EnvironmentReader(["B": text]).bool("B") == value)
        }
        let failure = error { _ = try EnvironmentReader(["B": "maybe"]).bool("B") }
        #expect(failure?.description == #"invalid configuration: B: expected true or false, got "maybe""#)
    }

    @Test func listsAreTrimmedAndSkipEmptyItems() throws {
        let reader = EnvironmentReader(["TOPICS": " a, b ,,c ", "COMMAS": ",,"])
        #expect(try reader.list("TOPICS") == ["a", "b", "c"])
        #expect(try reader.list("UNSET", default: ["x"]) == ["x"])
        #expect(error { _ = try reader.list("COMMAS") }?.variable == "COMMAS")
    }

    @Test func durationsAcceptSuffixesAndBareNumbersInTheGivenUnit() throws {
        let reader = EnvironmentReader([
            "A": "250ms", "B": "2s", "C": "5m", "D": "1h", "E": "1500", "F": "1.5s", "G": "30", "BAD": "soon",
            "NEG": "-1s",
        ])
        #expect(try reader.duration("A") == .milliseconds(250))
        #expect(try reader.duration("B") == .seconds(2))
        #expect(try reader.duration("C") == .seconds(300))
        #expect(try reader.duration("D") == .seconds(3600))
        #expect(try reader.duration("E") == .milliseconds(1500))
        #expect(try reader.duration("F") == .milliseconds(1500))
        #expect(try reader.duration("G", unit: .seconds) == .seconds(30))
        #expect(try reader.duration("UNSET", default: .seconds(9)) == .seconds(9))
        let bad = error { _ = try reader.duration("BAD") }
        #expect(bad?.reason == #"expected a duration such as 500ms, 30s, 5m or a number of milliseconds, got "soon""#)
        #expect(error { _ = try reader.duration("NEG") }?.variable == "NEG")
        let range = error { _ = try reader.duration("D", range: .seconds(1)...Duration.seconds(60)) }
        #expect(range?.reason.contains("between 1s and 60s") == true)
    }

    @Test func urlsMustBeAbsoluteAndNeverEchoAPassword() throws {
        let reader = EnvironmentReader([
            "DATABASE_URL": "postgres://app:hunter2@db:5432/slothunter", "BROKEN": "postgres://app:hunter2@",
            "RELATIVE": "just/a/path",
        ])
        let url = try reader.url("DATABASE_URL", schemes: ["postgres", "postgresql"])
        #expect(url.host == "db")
        let broken = error { _ = try reader.url("BROKEN") }
        #expect(broken?.variable == "BROKEN")
        #expect(broken?.description.contains("hunter2") == false)
        #expect(broken?.description.contains("<redacted>") == true)
        #expect(error { _ = try reader.url("RELATIVE") }?.reason == #"expected an absolute URL, got "just/a/path""#)
        let scheme = error { _ = try reader.url("DATABASE_URL", schemes: ["http", "https"]) }
        #expect(scheme?.reason.hasPrefix("expected a URL with scheme http or https") == true)
        #expect(scheme?.description.contains("hunter2") == false)
    }

    @Test func choicesMatchCaseInsensitively() throws {
        let reader = EnvironmentReader(["LOG_LEVEL": "WARNING", "BAD_LEVEL": "loud"])
        #expect(try reader.choice("LOG_LEVEL", as: Logger.Level.self) == .warning)
        #expect(try reader.choice("UNSET", default: Logger.Level.info) == .info)
        let failure = error { _ = try reader.choice("BAD_LEVEL", as: Logger.Level.self) }
        #expect(failure?.reason == #"expected one of debug, info, notice, warning, error, critical, got "loud""#)
    }
}
