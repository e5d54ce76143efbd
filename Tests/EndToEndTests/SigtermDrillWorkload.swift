import Foundation
import Kafka
import Messaging
import TestSupport

/// Makes a service busy with its upstreams before the SIGTERM drill strikes, and waits for proof
/// that it is: the bot handles an update whose reply hangs at the Telegram stand-in while its long
/// poll waits; the notifier has `sendMessage` calls hanging for the subscribers of fresh
/// `slot.found` events; the scraper has `getFreeDays` requests in flight, some hanging past its
/// drain timeout, some slow and about to answer with new slots that it must publish.
enum SigtermDrillWorkload {
    /// How long a proof may take to show up.
    static let evidenceTimeout: Duration = .seconds(45)

    /// Before the service starts: what it must find when it comes up (the scraper's doctors, slots
    /// and watches; nothing for the others).
    static func prepare(_ service: SigtermDrillService, system: SystemUnderTest) async throws {
        if service == .scraper { try await prepareScraper(system) }
    }

    /// Once the service works: gives it work that keeps a call to its upstream in flight and waits
    /// until that is so. Returns what proves it (for the run's report line).
    static func engage(
        _ service: SigtermDrillService, system: SystemUnderTest, process: ChildProcess, run: Int
    ) async throws
        -> String
    {
        switch service {
        case .bot: try await engageBot(system, process: process, run: run)
        case .notifier: try await engageNotifier(system, process: process, run: run)
        case .scraper: try await engageScraper(system, process: process)
        }
    }

    /// Right before the strike: the scraper's slow targets get new slots, so that polls answered
    /// after a broker death have `slot.found` events to publish while the producer has no broker.
    static func beforeStrike(_ service: SigtermDrillService, system: SystemUnderTest) async throws {
        if service == .scraper { try await addScraperSlots(system) }
    }

    // MARK: Telegram

    /// `count` of the hang fault: sendMessage calls that reached the stand-in lower it.
    static let hangingSendBudget = 1_000

    /// Every `sendMessage` from now on stalls for two minutes at the stand-in (longer than any
    /// grace period), as a Telegram that stopped answering would.
    static func hangSendMessage(_ telegram: TestTelegram) async throws {
        try await telegram.configure([
            "faults": [["method": "sendMessage", "hang_seconds": 120, "count": hangingSendBudget]]
        ])
    }

    /// Waits until at least `minimum` `sendMessage` calls reached the stand-in and hang there.
    /// - Returns: how many do.
    static func waitForHangingSends(_ telegram: TestTelegram, process: ChildProcess, minimum: Int = 1) async throws -> Int {
        let deadline = ContinuousClock.now + evidenceTimeout
        while ContinuousClock.now < deadline {
            let answer = try await telegram.control.get("/control/config")
            let faults = ((answer as? [String: Any])?["result"] as? [String: Any])?["faults"] as? [[String: Any]] ?? []
            let left = faults.first { ($0["method"] as? String) == "sendMessage" }?["count"] as? Int ?? hangingSendBudget
            if hangingSendBudget - left >= minimum { return hangingSendBudget - left }
            guard process.isRunning else { throw ControlError("\(process.name) exited before sending:\n\(process.output.suffix(3000))") }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw ControlError("no sendMessage reached the Telegram stand-in within \(evidenceTimeout):\n\(process.output.suffix(3000))")
    }

    // MARK: Kafka

    /// Publishes `payloads` on `topic` of the system's current broker, keyed, and waits for the acks.
    static func publish<P: MessagePayload>(
        _ payloads: [(key: String, payload: P)], topic: String, as producerService: String, on system: SystemUnderTest
    )
        async throws
    {
        let producer = try KafkaProducer(
            configuration: KafkaProducerConfiguration(bootstrapServers: system.broker.bootstrap, clientId: "sigterm-drill"))
        do {
            for (key, payload) in payloads {
                let envelope = Envelope(
                    producer: ProducerIdentity(service: producerService, instance: "sigterm-drill"),
                    correlationId: UUID().uuidString.lowercased(),
                    payload: payload)
                let message = try MessageCodec.encode(envelope, key: key)
                _ = try await producer.send(
                    topic: topic, key: message.key, value: message.value,
                    headers: message.headers.map { KafkaHeader(key: $0.key, value: $0.value.map { Array($0.utf8) }) })
            }
        } catch {
            await producer.close()
            throw error
        }
        await producer.close()
    }

    /// A slot start `days` days from now at 08:00 Tehran (04:30 UTC) plus `index` × 10 minutes.
    static func slotStart(days: Int = 2, index: Int = 0) -> Date {
        let midnight = (Date().timeIntervalSince1970 / 86_400).rounded(.down) * 86_400
        return Date(timeIntervalSince1970: midnight + Double(days) * 86_400 + 4.5 * 3600 + Double(index) * 600)
    }
}
