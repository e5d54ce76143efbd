import Foundation
import HTTPServer
import Testing

@Suite("HTTPRequest and HTTPResponse values")
struct HTTPRequestTests {
    @Test("header lookup is case-insensitive and the last value wins")
    func headerLookup() {
        let request = HTTPRequest(
            method: "GET", path: "/", headers: [("Content-Type", "a"), ("content-type", "b"), ("X-One", "1")])
        #expect(request.header("CONTENT-TYPE") == "b")
        #expect(request.header("x-one") == "1")
        #expect(request.header("missing") == nil)
    }

    @Test("form values need the form content type")
    func formValues() {
        var request = HTTPRequest(method: "POST", path: "/", body: Array("a=1&b=x+y%26z".utf8))
        #expect(request.formValues.isEmpty)
        request.headers = [("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")]
        #expect(request.formValues == ["a": "1", "b": "x y&z"])
    }

    @Test("jsonObject parses JSON bodies and is nil otherwise")
    func json() {
        let request = HTTPRequest(method: "POST", path: "/", body: Array(#"{"chat_id":5}"#.utf8))
        #expect((request.jsonObject() as? [String: Any])?["chat_id"] as? Int == 5)
        #expect(HTTPRequest(method: "POST", path: "/", body: Array("nope".utf8)).jsonObject() == nil)
    }

    @Test("response helpers set content types")
    func responses() {
        #expect(HTTPResponse.json(201, "{}").header("content-type") == "application/json; charset=utf-8")
        #expect(HTTPResponse.json(200, Data("[]".utf8)).body == Array("[]".utf8))
        #expect(HTTPResponse.text(200, "x").header("Content-Type") == "text/plain; charset=utf-8")
        #expect(HTTPResponse.notFound.status == 404)
        #expect(HTTPResponse.json(encoding: ["b": 1, "a": 2]).body == Array(#"{"a":2,"b":1}"#.utf8))
    }
}
