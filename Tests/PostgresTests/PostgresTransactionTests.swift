import Postgres
import Testing

@Suite("PostgresClient transactions", .enabled(if: PostgresTestDatabase.isEnabled), .timeLimit(.minutes(1)))
struct PostgresTransactionTests {
    private struct Abort: Error {}

    private func withTable(_ body: (PostgresClient, String) async throws -> Void) async throws {
        try await PostgresTestDatabase.withClient(poolSize: 2) { client in
            let table = PostgresTestDatabase.uniqueName("tx")
            try await client.execute(unsafeSQL: "CREATE TABLE \(table) (id bigint PRIMARY KEY)")
            try await body(client, table)
            try await client.execute(unsafeSQL: "DROP TABLE \(table)")
        }
    }

    private func count(_ table: String, _ client: PostgresClient) async throws -> Int {
        try await client.query("SELECT count(*) FROM \(unsafeRaw: table)")[0].decode(Int.self)
    }

    @Test("a returning body commits")
    func commits() async throws {
        try await withTable { client, table in
            let value = try await client.withTransaction { connection in
                try await connection.query("INSERT INTO \(unsafeRaw: table) VALUES (\(1)), (\(2))")
                return "done"
            }
            #expect(value == "done")
            #expect(try await count(table, client) == 2)
        }
    }

    @Test("a throwing body rolls back and the error comes out")
    func rollsBack() async throws {
        try await withTable { client, table in
            await #expect(throws: Abort.self) {
                try await client.withTransaction { connection in
                    try await connection.query("INSERT INTO \(unsafeRaw: table) VALUES (\(1))")
                    #expect(try await connection.query("SELECT count(*) FROM \(unsafeRaw: table)")[0].decode(Int.self) == 1)
                    throw Abort()
                }
            }
            #expect(try await count(table, client) == 0)
            // The pooled session is clean again: a row written through it is visible to other sessions
            // at once (it would not be if the session were still inside a transaction).
            try await client.query("INSERT INTO \(unsafeRaw: table) VALUES (\(5))")
            try await PostgresTestDatabase.withClient(poolSize: 1) { other async throws in
                #expect(try await count(table, other) == 1)
            }
        }
    }

    @Test("a failed statement inside rolls everything back, even if the body swallowed it")
    func swallowedErrorStillRollsBack() async throws {
        try await withTable { client, table async throws in
            let error = await #expect(throws: PostgresError.self) {
                try await client.withTransaction { connection in
                    try await connection.query("INSERT INTO \(unsafeRaw: table) VALUES (\(1))")
                    do {
                        try await connection.query("INSERT INTO \(unsafeRaw: table) VALUES (\(1))")
                    } catch let error as PostgresError where error.isUniqueViolation {
                        // ignored on purpose: the transaction is aborted anyway
                    }
                    return 0
                }
            }
            #expect(error?.code == .transactionRolledBack)
            #expect(try await count(table, client) == 0)
        }
    }

    @Test("a transaction left open in withConnection is rolled back before reuse")
    func leftOpenIsRolledBack() async throws {
        try await PostgresTestDatabase.withClient(poolSize: 1) { client in
            let table = PostgresTestDatabase.uniqueName("open")
            try await client.execute(unsafeSQL: "CREATE TABLE \(table) (id bigint)")
            try await client.withConnection { connection in
                try await connection.execute(unsafeSQL: "BEGIN")
                try await connection.query("INSERT INTO \(unsafeRaw: table) VALUES (\(1))")
            }
            #expect(try await client.query("SELECT count(*) FROM \(unsafeRaw: table)")[0].decode(Int.self) == 0)
            try await client.execute(unsafeSQL: "DROP TABLE \(table)")
        }
    }

    @Test("a serialization failure is retriable")
    func serializationFailureIsRetriable() async throws {
        try await withTable { client, table in
            try await client.query("INSERT INTO \(unsafeRaw: table) VALUES (\(1))")
            let error = await #expect(throws: PostgresError.self) {
                try await client.withTransaction { first in
                    try await first.execute(unsafeSQL: "SET TRANSACTION ISOLATION LEVEL SERIALIZABLE")
                    _ = try await first.query("SELECT id FROM \(unsafeRaw: table)")
                    try await client.withTransaction { second in
                        try await second.execute(unsafeSQL: "SET TRANSACTION ISOLATION LEVEL SERIALIZABLE")
                        _ = try await second.query("SELECT id FROM \(unsafeRaw: table)")
                        try await second.query("UPDATE \(unsafeRaw: table) SET id = id + 10")
                    }
                    try await first.query("UPDATE \(unsafeRaw: table) SET id = id + 100")
                }
            }
            #expect(error?.sqlState == "40001")
            #expect(error?.isRetriable == true)
        }
    }
}
