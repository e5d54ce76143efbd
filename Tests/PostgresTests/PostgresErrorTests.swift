import Testing

@testable import Postgres

@Suite("PostgresError")
struct PostgresErrorTests {
    @Test("retriability follows the code and SQLSTATE")
    func retriability() {
        #expect(PostgresError(code: .connectionLost, message: "x").isRetriable)
        #expect(PostgresError(code: .connectionFailed, message: "x").isRetriable)
        #expect(PostgresError(code: .queryFailed, message: "x", sqlState: "40001").isRetriable)
        #expect(PostgresError(code: .queryFailed, message: "x", sqlState: "40P01").isRetriable)
        #expect(PostgresError(code: .queryFailed, message: "x", sqlState: "57P01").isRetriable)
        #expect(PostgresError(code: .queryFailed, message: "x", sqlState: "08006").isRetriable)
        #expect(!PostgresError(code: .queryFailed, message: "x", sqlState: "23505").isRetriable)
        #expect(!PostgresError(code: .queryFailed, message: "x", sqlState: "42601").isRetriable)
        #expect(!PostgresError(code: .decodingFailed, message: "x").isRetriable)
        #expect(!PostgresError(code: .poolClosed, message: "x").isRetriable)
    }

    @Test("unique violation is recognised and described without values")
    func uniqueViolation() {
        let error = PostgresError(
            code: .queryFailed, message: "duplicate key value violates unique constraint \"users_pkey\"", sqlState: "23505",
            constraintName: "users_pkey")
        #expect(error.isUniqueViolation)
        #expect(!error.isForeignKeyViolation)
        #expect(
            error.description
                == #"PostgresError(queryFailed, sqlState: 23505, constraint: users_pkey): duplicate key value violates unique constraint "users_pkey""#
        )
    }

    @Test("server messages lose quoted data values and echoed binds")
    func scrubbing() {
        let binds = [PostgresBind("s3cret-value"), PostgresBind(Int64(1))]
        #expect(
            PostgresMessageScrubber.scrub(#"invalid input syntax for type integer: "s3cret-value""#, sqlState: "22P02", binds: binds)
                == #"invalid input syntax for type integer: "<redacted>""#)
        #expect(
            PostgresMessageScrubber.scrub(#"value "99999999999" is out of range for type integer"#, sqlState: "22003", binds: [])
                == #"value "<redacted>" is out of range for type integer"#)
        #expect(
            PostgresMessageScrubber.scrub("function f(s3cret-value) failed", sqlState: "42883", binds: binds)
                == "function f(<redacted>) failed")
        #expect(
            PostgresMessageScrubber.scrub(#"relation "t1" does not exist"#, sqlState: "42P01", binds: binds)
                == #"relation "t1" does not exist"#)
    }
}
