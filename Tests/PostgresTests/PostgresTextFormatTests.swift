import Foundation
import Testing

@testable import Postgres

@Suite("Text format decoding")
struct PostgresTextFormatTests {
    @Test("array literals: quoting, escapes, NULL, bounds")
    func arrayParsing() {
        #expect(PostgresArrayLiteral.parse("{}") == [])
        #expect(PostgresArrayLiteral.parse("{a,b}") == ["a", "b"])
        #expect(PostgresArrayLiteral.parse(#"{"a,b","c\"d","e\\f",NULL,"NULL",""}"#) == ["a,b", "c\"d", "e\\f", nil, "NULL", ""])
        #expect(PostgresArrayLiteral.parse("{سلام,\"دنیا من\"}") == ["سلام", "دنیا من"])
        #expect(PostgresArrayLiteral.parse("[0:1]={7,8}") == ["7", "8"])
        #expect(PostgresArrayLiteral.parse("{ 1 , 2 }") == ["1", "2"])
        for bad in ["", "{", "{a", "{a,}", "{{1,2},{3,4}}", "a,b", "{a}x", #"{"a}"#] {
            #expect(PostgresArrayLiteral.parse(bad) == nil, "\(bad)")
        }
    }

    @Test("array literals read back what they write")
    func arrayRoundTrip() {
        let values: [String?] = ["plain", "with space", "comma,", "quote\"", "back\\slash", "{brace}", "", "NULL", nil, "نوبت‌دهی"]
        #expect(PostgresArrayLiteral.parse(PostgresArrayLiteral.format(values)) == values)
    }

    @Test("typed arrays decode, NULL elements only into optionals")
    func typedArrays() throws {
        #expect(try [Int64](postgresText: "{1,-2,9223372036854775807}") == [1, -2, .max])
        #expect(try [String](postgresText: #"{x,"y z"}"#) == ["x", "y z"])
        #expect(try [Bool](postgresText: "{t,f}") == [true, false])
        #expect(throws: PostgresError.self) { try [Int64](postgresText: "{1,NULL}") }
        #expect(throws: PostgresError.self) { try [Int64](postgresText: "{1,x}") }
    }

    @Test("bytea: hex and escape formats")
    func bytea() throws {
        let all = (0...255).map { UInt8($0) }
        #expect(try [UInt8](postgresText: all.postgresText()!) == all)
        #expect(try [UInt8](postgresText: "\\x") == [])
        #expect(try [UInt8](postgresText: "\\xDEADbeef") == [0xDE, 0xAD, 0xBE, 0xEF])
        #expect(try [UInt8](postgresText: #"ab\\\000\377"#) == [0x61, 0x62, 0x5C, 0x00, 0xFF])
        #expect(throws: PostgresError.self) { try [UInt8](postgresText: "\\x0") }
        #expect(throws: PostgresError.self) { try [UInt8](postgresText: "\\xzz") }
        #expect(throws: PostgresError.self) { try [UInt8](postgresText: #"\9"#) }
    }

    @Test("scalars from text output")
    func scalars() throws {
        #expect(try Bool(postgresText: "t") && !(try Bool(postgresText: "f")))
        #expect(try Double(postgresText: "Infinity") == .infinity)
        #expect(try Double(postgresText: "-Infinity") == -.infinity)
        #expect(try Double(postgresText: "NaN").isNaN)
        #expect(try Double(postgresText: "1e-300") == 1e-300)
        #expect(try Int16(postgresText: "-32768") == .min)
        #expect(throws: PostgresError.self) { try Int16(postgresText: "32768") }
        #expect(throws: PostgresError.self) { try Bool(postgresText: "yes") }
        #expect(throws: PostgresError.self) { try UUID(postgresText: "not-a-uuid") }
        #expect(try String?.postgresNull() == nil)
        #expect(throws: PostgresError.self) { try String.postgresNull() }
    }

    @Test("Double text reads back exactly, special values spelled PostgreSQL's way")
    func doubleText() throws {
        for value in [0.1, -2.5e-300, 1.7976931348623157e308, 3.141592653589793] {
            #expect(try Double(postgresText: value.postgresText()!) == value)
        }
        #expect(Double.nan.postgresText() == "NaN")
        #expect((-Double.infinity).postgresText() == "-Infinity")
    }
}
