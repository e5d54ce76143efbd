import Foundation
import TestSupport
import Testing

@testable import Postgres

@Suite("PostgresClient", .enabled(if: PostgresTestDatabase.isEnabled), .timeLimit(.minutes(1)))
struct PostgresClientTests {
    /// `SELECT $1::type` and back.
    private func roundTrip<T: PostgresEncodable & PostgresDecodable & Equatable>(
        _ value: T, as sqlType: String, on client: PostgresClient, sourceLocation: SourceLocation = #_sourceLocation
    ) async throws {
        let rows = try await client.query("SELECT \(value)::\(unsafeRaw: sqlType) AS value")
        #expect(try rows[0].decode(T.self) == value, sourceLocation: sourceLocation)
        #expect(try rows[0].decode("value", as: T.self) == value, sourceLocation: sourceLocation)
    }

    @Test("every encodable type round-trips, NULL included")
    func everyTypeRoundTrips() async throws {
        try await PostgresTestDatabase.withClient { client in
            try await roundTrip("plain", as: "text", on: client)
            try await roundTrip("", as: "text", on: client)
            try await roundTrip("quotes ' \" back\\slash\nnew line\ttab {braces}", as: "text", on: client)
            try await roundTrip(Int.max, as: "bigint", on: client)
            try await roundTrip(Int.min, as: "bigint", on: client)
            try await roundTrip(Int64(-42), as: "bigint", on: client)
            try await roundTrip(Int32.max, as: "integer", on: client)
            try await roundTrip(Int16.min, as: "smallint", on: client)
            try await roundTrip(true, as: "boolean", on: client)
            try await roundTrip(false, as: "boolean", on: client)
            try await roundTrip(3.141592653589793, as: "double precision", on: client)
            try await roundTrip(-1.0e-300, as: "double precision", on: client)
            try await roundTrip(Double.infinity, as: "double precision", on: client)
            try await roundTrip(UUID(), as: "uuid", on: client)
            try await roundTrip((0...255).map { UInt8($0) }, as: "bytea", on: client)
            try await roundTrip([UInt8](), as: "bytea", on: client)
            try await roundTrip(["a", "b,c", "d\"e", "f\\g", "{h}", "", "NULL", "با فاصله"], as: "text[]", on: client)
            try await roundTrip([String](), as: "text[]", on: client)
            try await roundTrip([Int64.min, 0, Int64.max], as: "bigint[]", on: client)
            try await roundTrip([Int32(1), 2], as: "integer[]", on: client)
            try await roundTrip([true, false], as: "boolean[]", on: client)
            try await roundTrip([UUID(), UUID()], as: "uuid[]", on: client)
            try await roundTrip(Date(timeIntervalSince1970: 1_790_000_000.123456), as: "timestamptz", on: client)
            try await roundTrip(Date(timeIntervalSince1970: -1_000_000_000.5), as: "timestamptz", on: client)
            try await roundTrip(
                [Date(timeIntervalSince1970: 0), Date(timeIntervalSince1970: 1_790_000_000.5)], as: "timestamptz[]", on: client)
            try await roundTrip(Int64?.some(5), as: "bigint", on: client)

            let nan = try await client.query("SELECT \(Double.nan)::float8")[0].decode(Double.self)
            #expect(nan.isNaN)
            // Sub-microsecond parts are rounded to PostgreSQL's precision.
            let precise = Date(timeIntervalSince1970: 1_790_000_000.123_456_7)
            let stored = try await client.query("SELECT \(precise)")[0].decode(Date.self)
            #expect(abs(stored.timeIntervalSince1970 - precise.timeIntervalSince1970) < 0.000_001)

            let row = try await client.query(
                """
                SELECT \(String?.none)::text, \(Int64?.none)::bigint, \(Int32?.none)::int, \(Int16?.none)::smallint,
                       \(Bool?.none)::bool, \(Double?.none)::float8, \(Date?.none)::timestamptz, \(UUID?.none)::uuid,
                       \([UInt8]?.none)::bytea, \([String]?.none)::text[], \([Int64]?.none)::bigint[], \(Int?.none)::bigint
                """)[0]
            let (text, int64, int32, int16, bool, double, date, uuid, bytes, strings, ints, int) = try row.decode(
                (String?, Int64?, Int32?, Int16?, Bool?, Double?, Date?, UUID?, [UInt8]?, [String]?, [Int64]?, Int?).self)
            #expect(text == nil && int64 == nil && int32 == nil && int16 == nil && bool == nil && double == nil)
            #expect(date == nil && uuid == nil && bytes == nil && strings == nil && ints == nil && int == nil)
            #expect(row.isNull("text"))
            #expect(throws: PostgresError.self) { try row.decode(column: 0, as: String.self) }
        }
    }

    @Test("a table with every column type stores and returns values and NULLs")
    func tableRoundTrip() async throws {
        try await PostgresTestDatabase.withClient { client in
            let table = PostgresTestDatabase.uniqueName("types")
            try await client.execute(
                unsafeSQL: """
                    CREATE TABLE \(table) (
                        id bigint PRIMARY KEY, small smallint, normal integer, flag boolean, ratio double precision,
                        at timestamptz, ref uuid, blob bytea, tags text[], counts bigint[], note text, doc jsonb)
                    """)
            let at = Date(timeIntervalSince1970: 1_790_000_000.5)
            let ref = UUID()
            let inserted = try await client.query(
                """
                INSERT INTO \(unsafeRaw: table) VALUES
                (1, \(Int16(7)), \(Int32(70_000)), \(true), \(0.25), \(at), \(ref), \([UInt8]([1, 2, 3])),
                 \(["نوبت", "دکتر"]), \([Int64(10), 20]), \("یادداشت"), \(#"{"k": [1, 2]}"#)),
                (2, \(Int16?.none), \(Int32?.none), \(Bool?.none), \(Double?.none), \(Date?.none), \(UUID?.none),
                 \([UInt8]?.none), \([String]?.none), \([Int64]?.none), \(String?.none), \(String?.none))
                """)
            #expect(inserted.affectedRows == 2)
            #expect(inserted.commandTag == "INSERT 0 2")

            let rows = try await client.query(
                "SELECT id, small, normal, flag, ratio, at, ref, blob, tags, counts, note, doc->>'k' AS k FROM \(unsafeRaw: table) ORDER BY id"
            )
            #expect(rows.count == 2)
            #expect(rows.columns == ["id", "small", "normal", "flag", "ratio", "at", "ref", "blob", "tags", "counts", "note", "k"])
            let full = try rows[0].decode((Int64, Int16, Int32, Bool, Double, Date, UUID, [UInt8], [String], [Int64], String, String).self)
            #expect(full.0 == 1 && full.1 == 7 && full.2 == 70_000 && full.3 && full.4 == 0.25)
            #expect(full.5 == at && full.6 == ref && full.7 == [1, 2, 3] && full.8 == ["نوبت", "دکتر"] && full.9 == [10, 20])
            #expect(full.10 == "یادداشت" && full.11 == "[1, 2]")
            let empty = try rows[1].decode(
                (Int64, Int16?, Int32?, Bool?, Double?, Date?, UUID?, [UInt8]?, [String]?, [Int64]?, String?, String?).self)
            #expect(empty.0 == 2 && empty.1 == nil && empty.5 == nil && empty.8 == nil && empty.10 == nil && empty.11 == nil)
            let all = try rows.decode(
                (Int64, Int16?, Int32?, Bool?, Double?, Date?, UUID?, [UInt8]?, [String]?, [Int64]?, String?, String?).self)
            #expect(all.map(\.0) == [1, 2])
            try await client.execute(unsafeSQL: "DROP TABLE \(table)")
        }
    }

    @Test("Persian text survives: letters, ZWNJ, Persian digits, emoji")
    func persianText() async throws {
        try await PostgresTestDatabase.withClient { client in
            let text = "سلام دکتر! نوبت\u{200C}های آزاد: ۱۴۰۵/۰۷/۱۴ ساعت ۰۹:۳۰ 🩺"
            let table = PostgresTestDatabase.uniqueName("persian")
            try await client.execute(unsafeSQL: "CREATE TABLE \(table) (name text NOT NULL)")
            try await client.query("INSERT INTO \(unsafeRaw: table) (name) VALUES (\(text))")
            let row = try await client.query("SELECT name, length(name), octet_length(name) FROM \(unsafeRaw: table) WHERE name = \(text)")[
                0]
            let (name, characters, bytes) = try row.decode((String, Int, Int).self)
            #expect(name == text)
            #expect(characters == text.unicodeScalars.count)
            #expect(bytes == text.utf8.count)
            try await client.execute(unsafeSQL: "DROP TABLE \(table)")
        }
    }

    @Test("timestamps decode in any session time zone, and timestamp / date columns too")
    func timeZones() async throws {
        try await PostgresTestDatabase.withClient { client in
            let moment = Date(timeIntervalSince1970: 1_790_000_000.25)
            try await client.withConnection { connection in
                try await connection.execute(unsafeSQL: "SET TIME ZONE 'Asia/Tehran'")
                let row = try await connection.query("SELECT \(moment)::timestamptz, \(moment)::timestamptz::text")[0]
                let (decoded, text) = try row.decode((Date, String).self)
                #expect(decoded == moment)
                #expect(text.hasSuffix("+03:30"))
                let historic = try await connection.query("SELECT '1900-01-01 00:00:00+00'::timestamptz")[0].decode(Date.self)
                #expect(historic.timeIntervalSince1970 == -2_208_988_800)
            }
            let plain = try await client.query("SELECT '2026-10-06 08:30:00'::timestamp, '2026-10-06'::date")[0]
            let (timestamp, day) = try plain.decode((Date, Date).self)
            #expect(timestamp.timeIntervalSince1970 == 1_791_275_400)
            #expect(day.timeIntervalSince1970 == 1_791_244_800)
        }
    }

    @Test("a duplicate key fails with SQLSTATE 23505 and a description without the value")
    func uniqueViolation() async throws {
        try await PostgresTestDatabase.withClient { client in
            let table = PostgresTestDatabase.uniqueName("uniq")
            try await client.execute(unsafeSQL: "CREATE TABLE \(table) (email text PRIMARY KEY)")
            let email = "secret.person@example.com"
            try await client.query("INSERT INTO \(unsafeRaw: table) VALUES (\(email))")
            let error = await #expect(throws: PostgresError.self) {
                try await client.query("INSERT INTO \(unsafeRaw: table) VALUES (\(email))")
            }
            #expect(error?.isUniqueViolation == true)
            #expect(error?.sqlState == "23505")
            #expect(error?.code == .queryFailed)
            #expect(error?.constraintName == "\(table)_pkey")
            #expect(error?.isRetriable == false)
            #expect(error.map { !$0.description.contains(email) } == true)
            // The connection is still good afterwards.
            #expect(try await client.query("SELECT count(*) FROM \(unsafeRaw: table)")[0].decode(Int.self) == 1)
            try await client.execute(unsafeSQL: "DROP TABLE \(table)")
        }
    }

    @Test("server errors never echo bound values")
    func errorsHideBinds() async throws {
        try await PostgresTestDatabase.withClient { client in
            let secret = "password=hunter2"
            let error = await #expect(throws: PostgresError.self) {
                try await client.query("SELECT \(secret)::integer")
            }
            #expect(error?.sqlState == "22P02")
            #expect(error.map { !$0.description.contains("hunter2") } == true)
            let syntax = await #expect(throws: PostgresError.self) { try await client.query("SELEC 1") }
            #expect(syntax?.sqlState == "42601")
        }
    }

    @Test("decoding mismatches are decodingFailed errors naming the column")
    func decodingErrors() async throws {
        try await PostgresTestDatabase.withClient { client in
            let row = try await client.query("SELECT 'x'::text AS word, 1 AS one")[0]
            let wrongType = #expect(throws: PostgresError.self) { try row.decode((Int, Int).self) }
            #expect(wrongType?.code == .decodingFailed)
            #expect(wrongType?.message.contains("\"word\"") == true)
            #expect(throws: PostgresError.self) { try row.decode(String.self) }
            #expect(throws: PostgresError.self) { try row.decode("missing", as: Int.self) }
        }
    }

    @Test("a pool of 2 serves 10 concurrent queries on at most 2 sessions")
    func poolBoundsConcurrency() async throws {
        try await PostgresTestDatabase.withClient(poolSize: 2) { client in
            let start = ContinuousClock.now
            let pids = try await withThrowingTaskGroup(of: Int32.self) { group in
                for _ in 0..<10 {
                    group.addTask { try await client.query("SELECT pg_backend_pid() FROM pg_sleep(0.1)")[0].decode(Int32.self) }
                }
                var pids: Set<Int32> = []
                for try await pid in group { pids.insert(pid) }
                return pids
            }
            #expect(pids.count <= 2)
            #expect(ContinuousClock.now - start >= .milliseconds(450))
        }
    }

    @Test("withConnection keeps one session; the lease ends with the scope")
    func withConnectionSession() async throws {
        try await PostgresTestDatabase.withClient(poolSize: 3) { client in
            let escaped = try await client.withConnection { connection in
                try await connection.execute(unsafeSQL: "SET application_name = 'lease-test'")
                let name = try await connection.query("SELECT current_setting('application_name')")[0].decode(String.self)
                #expect(name == "lease-test")
                return connection
            }
            let error = await #expect(throws: PostgresError.self) { try await escaped.query("SELECT 1") }
            #expect(error?.code == .connectionReleased)
        }
    }

    @Test("close fails waiting tasks, waits for leases, refuses later work")
    func closeShutsDown() async throws {
        let client = PostgresClient(configuration: try PostgresTestDatabase.configuration(), poolSize: 1)
        try await client.query("SELECT 1")
        let holder = Task {
            try await client.withConnection { connection in
                try await connection.query("SELECT pg_sleep(0.5)")
                return true
            }
        }
        try await eventually(within: .seconds(10), every: .milliseconds(1), "the holder's lease") { client.leasedConnectionCount == 1 }
        let waiter = Task { try await client.query("SELECT 1") }
        try await eventually(within: .seconds(10), every: .milliseconds(1), "the waiter queued") { client.waitingTaskCount == 1 }
        await client.close()
        #expect(try await holder.value)
        let waiterResult = await waiter.result
        #expect(throws: PostgresError.self) { try waiterResult.get() }
        let error = await #expect(throws: PostgresError.self) { try await client.query("SELECT 1") }
        #expect(error?.code == .poolClosed)
        await client.close()
    }

    @Test("cancelling a task cancels its statement on the server")
    func cancellation() async throws {
        try await PostgresTestDatabase.withClient(poolSize: 1) { client in
            let start = ContinuousClock.now
            let pid = try await PostgresTestDatabase.backendPID(client)  // the pool's one connection
            let sleeper = Task { try await client.query("SELECT pg_sleep(20)") }
            try await PostgresTestDatabase.waitUntilRunning("SELECT pg_sleep(20)", pid: pid)
            sleeper.cancel()
            let result = await sleeper.result
            #expect(throws: PostgresError.self) { try result.get() }
            #expect(ContinuousClock.now - start < .seconds(5))
            if case .failure(let error as PostgresError) = result {
                #expect(error.sqlState == "57014" || error.code == .cancelled)
            }
            #expect(try await client.query("SELECT 2")[0].decode(Int.self) == 2)
        }
    }

    @Test("isReachable: true for the server, false fast for a closed port")
    func reachability() async throws {
        try await PostgresTestDatabase.withClient { client in
            #expect(await client.isReachable())
        }
        var nowhere = try PostgresTestDatabase.configuration()
        nowhere.host = "127.0.0.1"
        nowhere.port = 1
        let closed = PostgresClient(configuration: nowhere, poolSize: 1)
        let start = ContinuousClock.now
        #expect(await closed.isReachable(timeout: .seconds(2)) == false)
        #expect(ContinuousClock.now - start < .seconds(3))
        let error = await #expect(throws: PostgresError.self) { try await closed.query("SELECT 1") }
        #expect(error?.code == .connectionFailed)
        #expect(error?.isRetriable == true)
        await closed.close()
    }

    @Test("a wrong password fails without printing it")
    func wrongPasswordNotPrinted() async throws {
        var configuration = try PostgresTestDatabase.configuration()
        configuration.user = PostgresTestDatabase.uniqueName("nobody")
        configuration.password = "very-secret-pw"
        let client = PostgresClient(configuration: configuration, poolSize: 1)
        let error = await #expect(throws: PostgresError.self) { try await client.query("SELECT 1") }
        #expect(error?.code == .connectionFailed)
        #expect(error.map { !$0.description.contains("very-secret-pw") } == true)
        await client.close()
    }
}
