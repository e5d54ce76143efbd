import Foundation
import Testing

@testable import Postgres

@Suite("PostgresQuery")
struct PostgresQueryTests {
    @Test("every interpolated value becomes $n and a bind, in order")
    func interpolationBindsValues() {
        let chatID: Int64 = 42
        let status = "active"
        let query: PostgresQuery = "SELECT * FROM users WHERE chat_id = \(chatID) AND status = \(status) LIMIT \(10)"
        #expect(query.sql == "SELECT * FROM users WHERE chat_id = $1 AND status = $2 LIMIT $3")
        #expect(query.binds.count == 3)
        #expect(query.binds[0] == PostgresBind(dataType: .int8, text: "42"))
        #expect(query.binds[1] == PostgresBind(dataType: .unknown, text: "active"))
        #expect(query.binds[2] == PostgresBind(dataType: .int8, text: "10"))
    }

    @Test("injection attempts stay data")
    func injectionIsBound() {
        let hostile = "x'; DROP TABLE users; --"
        let query: PostgresQuery = "SELECT 1 FROM users WHERE name = \(hostile)"
        #expect(query.sql == "SELECT 1 FROM users WHERE name = $1")
        #expect(query.binds == [PostgresBind(dataType: .unknown, text: hostile)])
    }

    @Test("nil optionals bind a typed NULL")
    func optionalNil() {
        let missing: Date? = nil
        let present: Int32? = 7
        let query: PostgresQuery = "UPDATE t SET at = \(missing), n = \(present)"
        #expect(query.sql == "UPDATE t SET at = $1, n = $2")
        #expect(query.binds == [PostgresBind(dataType: .timestamptz, text: nil), PostgresBind(dataType: .int4, text: "7")])
    }

    @Test("unsafeRaw splices text without a bind")
    func unsafeRaw() {
        let table = "users_abc"
        let query: PostgresQuery = "INSERT INTO \(unsafeRaw: table) (id) VALUES (\(1))"
        #expect(query.sql == "INSERT INTO users_abc (id) VALUES ($1)")
        #expect(query.binds.count == 1)
    }

    @Test("a plain literal has no binds; unsafeSQL keeps its own placeholders")
    func literalAndUnsafeSQL() {
        let plain: PostgresQuery = "SELECT 1"
        #expect(plain.sql == "SELECT 1" && plain.binds.isEmpty)
        let manual = PostgresQuery(unsafeSQL: "SELECT $1::int + $2", binds: [Int32(1), Int64(2)])
        #expect(manual.sql == "SELECT $1::int + $2")
        #expect(manual.binds.map(\.dataType) == [.int4, .int8])
    }

    @Test("encodable types announce their PostgreSQL types and text")
    func encodings() throws {
        let uuid = try #require(UUID(uuidString: "E621E1F8-C36C-495A-93FC-0C247A3E6E5F"))
        let date = Date(timeIntervalSince1970: 1_700_000_000.25)
        let nested: Int16? = 3
        let query: PostgresQuery = """
            SELECT \(true), \(2.5), \(uuid), \(date), \([UInt8]([0, 255, 16])), \(["a", "b\"c"]), \([Int64(1), -2]), \(Int16(-3)), \(nested)
            """
        #expect(query.binds.map(\.dataType) == [.bool, .float8, .uuid, .timestamptz, .bytea, .textArray, .int8Array, .int2, .int2])
        #expect(
            query.binds.map(\.text) == [
                "true", "2.5", "e621e1f8-c36c-495a-93fc-0c247a3e6e5f", "2023-11-14 22:13:20.250000+00", "\\x00ff10",
                #"{"a","b\"c"}"#, #"{"1","-2"}"#, "-3", "3",
            ])
    }

    @Test("descriptions never show bound values")
    func descriptionsHideValues() {
        let secret = "hunter2-secret"
        let query: PostgresQuery = "SELECT \(secret)"
        #expect(!query.description.contains(secret))
        #expect(!String(describing: query.binds).contains(secret))
        var dumped = ""
        dump(query, to: &dumped)
        #expect(!dumped.contains(secret))
        #expect(query.description == "SELECT $1 [1 bind]")
    }
}
