import Foundation
import Synchronization
import Testing

@testable import ServiceRuntime

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

@Suite struct LoggerTests {
    private func logger(level: Logger.Level = .debug, metadata: [String: String] = [:]) -> (Logger, LogBuffer) {
        let buffer = LogBuffer()
        return (
            Logger(service: "scraper", instance: "pod-1", level: level, metadata: metadata, sink: .buffer(buffer)),
            buffer
        )
    }

    @Test func writesOneJSONObjectPerLineWithTheFixedFields() throws {
        let (logger, buffer) = logger()
        logger.info("checked doctor", ["doctor": "dr-x", "slots": "3"])
        logger.warning("line one\nline two \"quoted\" \\ tab\t bell\u{07}", ["ключ": "значение 🙂"])
        #expect(buffer.lines.count == 2)
        for line in buffer.lines {
            #expect(!line.contains("\n"))
            let object = try #require(jsonObject(line))
            #expect(object["service"] as? String == "scraper")
            #expect(object["instance"] as? String == "pod-1")
            let ts = try #require(object["ts"] as? String)
            #expect(ts.wholeMatch(of: /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z/) != nil)
        }
        let first = try #require(jsonObject(buffer.lines[0]))
        #expect(first["level"] as? String == "info")
        #expect(first["msg"] as? String == "checked doctor")
        #expect(first["doctor"] as? String == "dr-x")
        let second = try #require(jsonObject(buffer.lines[1]))
        #expect(second["msg"] as? String == "line one\nline two \"quoted\" \\ tab\t bell\u{07}")
        #expect(second["ключ"] as? String == "значение 🙂")
    }

    @Test func exactLineForAFixedClock() {
        let buffer = LogBuffer()
        let date = Date(timeIntervalSince1970: 1_791_273_600.123)  // 2026-10-06T08:00:00.123Z
        let logger = Logger(
            service: "bot", instance: "bot-0", level: .info, metadata: ["component": "poller"], sink: .buffer(buffer),
            now: { date })
        logger.notice("started", ["b": "2", "a": "1"])
        #expect(
            buffer.lines == [
                #"{"ts":"2026-10-06T08:00:00.123Z","level":"notice","service":"bot","instance":"bot-0","msg":"started","a":"1","b":"2","component":"poller"}"#
            ])
    }

    @Test func levelThresholdDropsLowerEvents() {
        let (logger, buffer) = logger(level: .warning)
        logger.debug("d")
        logger.info("i")
        logger.notice("n")
        logger.warning("w")
        logger.error("e")
        logger.critical("c")
        #expect(buffer.lines.compactMap { jsonObject($0)?["level"] as? String } == ["warning", "error", "critical"])
        #expect(!logger.isEnabled(.info))
        #expect(Logger.Level.debug < .info && Logger.Level.error < .critical)
    }

    @Test func messageIsNotBuiltBelowTheThreshold() {
        let (logger, _) = logger(level: .error)
        let built = Flag(false)
        logger.debug(
            {
                built.set(true)
                return "expensive"
            }())
        #expect(!built.isSet)
    }

    @Test func metadataMergesAndReservedKeysArePrefixed() throws {
        let (base, buffer) = logger(metadata: ["component": "a", "shared": "base"])
        base.with(["shared": "child"]).info("m", ["msg": "not the message", "level": "x"])
        let object = try #require(jsonObject(buffer.lines[0]))
        #expect(object["msg"] as? String == "m")
        #expect(object["level"] as? String == "info")
        #expect(object["meta_msg"] as? String == "not the message")
        #expect(object["meta_level"] as? String == "x")
        #expect(object["shared"] as? String == "child")
        #expect(object["component"] as? String == "a")
    }

    @Test func registeredSecretNeverAppears() throws {
        let value = "registered-\(UUID().uuidString)"
        Logger.registerSecret(Secret(value))
        let (logger, buffer) = logger()
        logger.error("connecting with \(value) failed", ["password": value, "dsn": "x=\(value)=y", value: "key"])
        let line = buffer.lines[0]
        #expect(!line.contains(value))
        let object = try #require(jsonObject(line))
        #expect(object["msg"] as? String == "connecting with <redacted> failed")
        #expect(object["password"] as? String == "<redacted>")
        #expect(object["dsn"] as? String == "x=<redacted>=y")
        #expect(object["<redacted>"] as? String == "key")
    }

    @Test func longerSecretIsReplacedWholeWhenItContainsAShorterOne() {
        let short = "abc-\(UUID().uuidString.prefix(8))"
        let long = short + "-and-more"
        Logger.registerSecret(Secret(short))
        Logger.registerSecret(Secret(long))
        #expect(Logger.redact("x \(long) y") == "x <redacted> y")
    }

    @Test func botTokenPatternsAreRedactedWithoutRegistration() throws {
        let token = "8123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw"
        let (logger, buffer) = logger()
        logger.error(
            "POST https://api.telegram.org/bot\(token)/sendMessage failed",
            ["url": "http://127.0.0.1:9000/bot\(token)/getUpdates", "token": token])
        let line = buffer.lines[0]
        #expect(!line.contains("AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw"))
        let object = try #require(jsonObject(line))
        #expect(object["msg"] as? String == "POST https://api.telegram.org/bot<redacted>/sendMessage failed")
        #expect(object["url"] as? String == "http://127.0.0.1:9000/bot<redacted>/getUpdates")
        #expect(object["token"] as? String == "<redacted>")
    }

    @Test func urlPasswordsAreRedacted() {
        #expect(
            Logger.redact("dsn postgres://app:hunter2@db:5432/slothunter ok")
                == "dsn postgres://app:<redacted>@db:5432/slothunter ok")
        #expect(Logger.redact("postgresql://u:p@ss:w@rd@host/db") == "postgresql://u:<redacted>@host/db")
        #expect(Logger.redact("\"amqp://:secret@broker\"") == "\"amqp://:<redacted>@broker\"")
        // No password, or no userinfo at all: untouched.
        #expect(
            Logger.redact("postgres://postgres@127.0.0.1:5432/postgres")
                == "postgres://postgres@127.0.0.1:5432/postgres")
        #expect(Logger.redact("http://127.0.0.1:8080/path?a=b@c") == "http://127.0.0.1:8080/path?a=b@c")
        #expect(Logger.redact("at 12:30:45 on 2026-10-06") == "at 12:30:45 on 2026-10-06")
    }

    @Test func concurrentLoggersNeverInterleaveLinesOnAFileDescriptor() async throws {
        var fds: [Int32] = [0, 0]
        #expect(pipe(&fds) == 0)
        let readFD = fds[0]
        let writeFD = fds[1]
        let writer = FileDescriptorWriter(descriptor: writeFD)
        // Blocking reads happen on a thread of their own, never on the cooperative pool.
        let drained = OneShotEvent()
        let collected = Mutex<[UInt8]>([])
        Thread {
            var chunk = [UInt8](repeating: 0, count: 65_536)
            while true {
                let count = read(readFD, &chunk, chunk.count)
                if count <= 0 { break }
                collected.withLock { $0 += chunk[0..<count] }
            }
            drained.fire()
        }.start()
        let payload = String(repeating: "x", count: 10_000)  // > PIPE_BUF: the kernel alone would not keep lines whole
        await withTaskGroup(of: Void.self) { group in
            for writerIndex in 0..<8 {
                group.addTask {
                    let logger = Logger(
                        service: "s", instance: "\(writerIndex)", level: .info, sink: LogSink { writer.writeLine($0) })
                    for line in 0..<25 { logger.info(payload, ["line": String(line)]) }
                }
            }
        }
        close(writeFD)
        await drained.wait()
        let output = String(decoding: collected.withLock { $0 }, as: UTF8.self)
        close(readFD)
        let lines = output.split(separator: "\n")
        #expect(lines.count == 200)
        #expect(lines.allSatisfy { jsonObject(String($0))?["msg"] as? String == payload })
    }
}
