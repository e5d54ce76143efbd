// swift-tools-version: 6.0
// SlotHunter: watches paziresh24 for free appointment slots and tells people on Telegram.
// No package dependencies by design: the toolchain plus librdkafka and libpq through module maps.
import PackageDescription

let package = Package(
    name: "SlotHunter",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "scraper", targets: ["scraper"]),
        .executable(name: "notifier", targets: ["notifier"]),
        .executable(name: "bot", targets: ["bot"]),
        .executable(name: "kafka-mock-broker", targets: ["kafka-mock-broker"]),
        .executable(name: "paziresh24-standin", targets: ["paziresh24-standin"]),
        .executable(name: "telegram-standin", targets: ["telegram-standin"]),
        .executable(name: "deadletter", targets: ["deadletter"]),
        .executable(name: "migrate", targets: ["migrate"]),
    ],
    targets: [
        // MARK: C libraries (one Swift importer each: Kafka imports CRdKafka, Postgres imports CLibPQ)
        .systemLibrary(
            name: "CRdKafka", path: "Shared/CRdKafka",
            providers: [.apt(["librdkafka-dev"])]),
        .systemLibrary(
            name: "CLibPQ", path: "Shared/CLibPQ",
            providers: [.apt(["libpq-dev"])]),

        // MARK: Shared modules
        // Calendar arithmetic, RFC 3339 and Tehran time shared by the contract, paziresh24, the logs and libpq.
        .target(name: "CivilTime", path: "Shared/CivilTime"),
        .target(name: "Messaging", dependencies: ["CivilTime"], path: "Shared/Messaging"),
        .target(name: "Kafka", dependencies: ["CRdKafka"], path: "Shared/Kafka"),
        .target(name: "Postgres", dependencies: ["CLibPQ", "CivilTime"], path: "Shared/Postgres"),
        .target(name: "HTTPServer", path: "Shared/HTTPServer"),
        .target(name: "ServiceRuntime", dependencies: ["HTTPServer", "CivilTime"], path: "Shared/ServiceRuntime"),
        // One send schedule per Telegram chat that the bot and the notifier share (port, rule, in-memory actor).
        .target(name: "ChatPacing", path: "Shared/ChatPacing"),
        .target(name: "Storage", dependencies: ["Postgres", "ChatPacing"], path: "Shared/Storage"),
        // The one outbound HTTP client (paziresh24, Telegram) and the parser of external waiting times.
        .target(name: "HTTPClient", dependencies: ["CivilTime"], path: "Shared/HTTPClient"),
        .target(name: "Paziresh24", dependencies: ["CivilTime", "HTTPClient"], path: "Shared/Paziresh24"),
        .target(name: "Telegram", dependencies: ["HTTPClient"], path: "Shared/Telegram"),
        .target(name: "Localization", dependencies: ["CivilTime"], path: "Shared/Localization"),
        // Every user-facing text of the bot and the notices: keys with typed arguments, one catalogue per language.
        .target(name: "UserTexts", dependencies: ["Localization"], path: "Shared/UserTexts"),
        // The adapter between the contract and Kafka: typed publish, dead letters, topic bootstrap.
        .target(name: "EventBus", dependencies: ["Messaging", "Kafka", "ServiceRuntime"], path: "Shared/EventBus"),

        // MARK: Services
        // The scraper in layers the compiler enforces: the domain and its use cases know no Kafka,
        // HTTP or paziresh24; the adapters implement their ports; the app wires them.
        .target(
            name: "ScraperDomain", path: "Services/Scraper", exclude: ["Adapters", "App", "Main"], sources: ["Domain", "UseCases"]),
        .target(
            name: "ScraperAdapters", dependencies: ["ScraperDomain", "Messaging", "EventBus", "ServiceRuntime", "Paziresh24"],
            path: "Services/Scraper/Adapters"),
        .target(
            name: "ScraperApp",
            dependencies: ["ScraperDomain", "ScraperAdapters", "Messaging", "Kafka", "EventBus", "ServiceRuntime", "Paziresh24"],
            path: "Services/Scraper/App"),
        .executableTarget(name: "scraper", dependencies: ["ScraperApp"], path: "Services/Scraper/Main"),
        // The notifier in layers; the compiler enforces the direction App → Adapters → Domain.
        // NotifierDomain: pure types and rules (Domain) plus the use cases and their ports (UseCases).
        .target(
            name: "NotifierDomain", dependencies: ["CivilTime", "Localization", "UserTexts", "ServiceRuntime"], path: "Services/Notifier",
            exclude: ["Adapters", "App", "Main"], sources: ["Domain", "UseCases"]),
        .target(
            name: "NotifierAdapters",
            dependencies: [
                "NotifierDomain", "Messaging", "Kafka", "EventBus", "Postgres", "ServiceRuntime", "Telegram", "Localization",
                "ChatPacing",
            ],
            path: "Services/Notifier/Adapters"),
        .target(
            name: "NotifierApp",
            dependencies: [
                "NotifierDomain", "NotifierAdapters", "Messaging", "Kafka", "EventBus", "Postgres", "Storage", "ServiceRuntime",
                "Telegram", "ChatPacing",
            ],
            path: "Services/Notifier/App"),
        .executableTarget(name: "notifier", dependencies: ["NotifierApp"], path: "Services/Notifier/Main"),
        // The bot: Domain + UseCases (pure: no Kafka, SQL, Telegram or HTTP), adapters, app wiring.
        .target(
            name: "BotDomain", dependencies: ["Messaging", "Localization", "UserTexts", "ServiceRuntime"], path: "Services/Bot",
            exclude: ["Adapters", "App", "Main"], sources: ["Domain", "UseCases"]),
        .target(
            name: "BotAdapters",
            dependencies: [
                "BotDomain", "Messaging", "Kafka", "EventBus", "Postgres", "ServiceRuntime", "Telegram", "Paziresh24",
                "HTTPServer", "Localization", "ChatPacing",
            ],
            path: "Services/Bot/Adapters"),
        .target(
            name: "BotApp",
            dependencies: [
                "BotDomain", "BotAdapters", "Messaging", "Kafka", "EventBus", "Postgres", "Storage", "ServiceRuntime", "Telegram",
                "Paziresh24", "ChatPacing",
            ],
            path: "Services/Bot/App"),
        .executableTarget(name: "bot", dependencies: ["BotApp"], path: "Services/Bot/Main"),

        // MARK: Tools: test broker host, stand-ins for the internet services, dead-letter replay
        .executableTarget(name: "kafka-mock-broker", dependencies: ["CRdKafka"], path: "Tools/KafkaMockBroker"),
        .target(
            name: "StandIns", dependencies: ["HTTPServer"], path: "Tools/StandIns",
            resources: [.copy("Fixtures")]),
        .executableTarget(name: "paziresh24-standin", dependencies: ["StandIns"], path: "Tools/Paziresh24StandIn"),
        .executableTarget(name: "telegram-standin", dependencies: ["StandIns"], path: "Tools/TelegramStandIn"),
        .target(
            name: "DeadLetterTool", dependencies: ["Messaging", "Kafka", "EventBus", "ServiceRuntime"],
            path: "Tools/DeadLetterTool"),
        .executableTarget(name: "deadletter", dependencies: ["DeadLetterTool"], path: "Tools/DeadLetter"),
        .executableTarget(name: "migrate", dependencies: ["Postgres", "Storage", "ServiceRuntime"], path: "Tools/Migrate"),

        // MARK: Tests
        .target(
            name: "TestSupport", dependencies: ["Messaging", "Kafka", "Postgres", "Storage", "ServiceRuntime"],
            path: "Tests/TestSupport"),
        .testTarget(name: "CivilTimeTests", dependencies: ["CivilTime"]),
        .testTarget(name: "MessagingTests", dependencies: ["Messaging", "CivilTime", "TestSupport"]),
        .testTarget(name: "LocalizationTests", dependencies: ["Localization"]),
        .testTarget(name: "UserTextsTests", dependencies: ["UserTexts", "Localization"]),
        .testTarget(name: "KafkaTests", dependencies: ["Kafka", "TestSupport"]),
        .testTarget(name: "EventBusTests", dependencies: ["EventBus", "Kafka", "Messaging", "ServiceRuntime", "TestSupport"]),
        .testTarget(name: "PostgresTests", dependencies: ["Postgres", "Storage", "ChatPacing", "TestSupport"]),
        .testTarget(name: "HTTPServerTests", dependencies: ["HTTPServer", "TestSupport"]),
        .testTarget(name: "ServiceRuntimeTests", dependencies: ["ServiceRuntime", "HTTPServer", "TestSupport"]),
        // A service group that only a second signal can end (ServiceRuntimeTests start it as a child process).
        .executableTarget(name: "servicegroup-probe", dependencies: ["ServiceRuntime"], path: "Tests/ServiceGroupProbe"),
        .testTarget(name: "HTTPClientTests", dependencies: ["HTTPClient", "HTTPServer", "ServiceRuntime", "TestSupport"]),
        .testTarget(name: "Paziresh24Tests", dependencies: ["Paziresh24", "CivilTime", "StandIns", "TestSupport"]),
        .testTarget(name: "TelegramTests", dependencies: ["Telegram", "StandIns", "TestSupport"]),
        .testTarget(name: "StandInsTests", dependencies: ["StandIns", "HTTPServer"]),
        // In-memory doubles of the scraper's ports (actors on an injected clock) and its contract suites' harness.
        .target(name: "ScraperTestSupport", dependencies: ["ScraperDomain", "TestSupport"], path: "Tests/ScraperTestSupport"),
        .testTarget(
            name: "ScraperTests",
            dependencies: [
                "ScraperDomain", "ScraperAdapters", "ScraperApp", "ScraperTestSupport", "Messaging", "Kafka", "EventBus",
                "ServiceRuntime", "Paziresh24", "TestSupport", "StandIns",
            ]),
        .target(
            name: "NotifierTestSupport", dependencies: ["NotifierDomain", "Localization"], path: "Tests/NotifierTestSupport"),
        .testTarget(
            name: "NotifierTests",
            dependencies: [
                "NotifierDomain", "NotifierAdapters", "NotifierApp", "NotifierTestSupport", "Messaging", "CivilTime", "TestSupport",
                "StandIns", "ChatPacing",
            ]),
        .target(
            name: "BotTestSupport", dependencies: ["BotDomain", "Messaging", "Localization"], path: "Tests/BotTestSupport"),
        .testTarget(
            name: "BotTests",
            dependencies: [
                "BotDomain", "BotAdapters", "BotApp", "BotTestSupport", "Messaging", "TestSupport", "StandIns", "ChatPacing",
            ]),
        .testTarget(name: "EndToEndTests", dependencies: ["Messaging", "Kafka", "Postgres", "TestSupport", "StandIns"]),
        .testTarget(
            name: "DeadLetterToolTests", dependencies: ["DeadLetterTool", "Messaging", "Kafka", "TestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
