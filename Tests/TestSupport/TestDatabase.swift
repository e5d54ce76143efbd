import Foundation
import Postgres

/// A fresh database on the test server, so a test (or a set of service processes) has its own schema.
public struct TestDatabase: Sendable {
    /// URL of the new database.
    public let url: String
    /// Its name.
    public let name: String

    /// Creates `slothunter_<random>` on the server of `SLOTHUNTER_DATABASE_URL`.
    public static func create(prefix: String = "t") async throws -> TestDatabase {
        try await create(prefix: prefix, on: try TestEnvironment.requireDatabaseURL())
    }

    /// Creates `<prefix>_<random>` on the server of `base` (a private `TestPostgresServer`, say).
    public static func create(prefix: String, on base: String) async throws -> TestDatabase {
        let name = "\(prefix)_\(UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(16))"
        let admin = PostgresClient(configuration: try PostgresConfiguration(url: base), poolSize: 1)
        _ = try await admin.query(PostgresQuery(unsafeSQL: "CREATE DATABASE \(name)"))
        await admin.close()
        return TestDatabase(url: Self.replaceDatabase(in: base, with: name), name: name)
    }

    /// A client for it.
    public func client(poolSize: Int = 4) throws -> PostgresClient {
        PostgresClient(configuration: try PostgresConfiguration(url: url), poolSize: poolSize)
    }

    static func replaceDatabase(in url: String, with name: String) -> String {
        guard var components = URLComponents(string: url) else { return url }
        components.path = "/\(name)"
        return components.string ?? url
    }
}
