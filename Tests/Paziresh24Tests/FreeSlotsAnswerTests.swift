import Foundation
import Testing

@testable import Paziresh24

@Suite struct FreeSlotsAnswerTests {
    private func decode(_ json: String) throws(Paziresh24Error) -> FreeSlotsAnswer {
        try FreeSlotsAnswer.decode(Data(json.utf8))
    }

    @Test func status32IsAnEmptyAnswer() throws {
        let answer = try decode(#"{"status":32,"message":"ظرفیت تکمیل است"}"#)
        #expect(answer.status == 32)
        #expect(answer.slots.isEmpty)
    }

    @Test func status700IsBookingDisabled() {
        #expect(throws: Paziresh24Error(.bookingDisabled, serverMessage: "غیرفعال")) {
            try decode(#"{"status":700,"message":"غیرفعال","result":[]}"#)
        }
    }

    @Test func otherStatusesAreRefusals() {
        #expect(throws: Paziresh24Error(.refused(status: 3, message: "bad terminal"), serverMessage: "bad terminal")) {
            try decode(#"{"status":3,"message":"bad terminal"}"#)
        }
        #expect(throws: Paziresh24Error(.refused(status: 0, message: ""), serverMessage: "")) {
            try decode(#"{"status":"0"}"#)
        }
    }

    @Test(arguments: [
        "<html><body>504 Gateway Time-out</body></html>", "", "[1,2]", #"{"message":"no status"}"#,
        #"{"status":1}"#, #"{"status":1,"result":{"tomorrow":[]}}"#, #"{"status":1,"result":"x"}"#,
    ])
    func malformedBodies(_ body: String) {
        #expect {
            try decode(body)
        } throws: { error in
            guard let error = error as? Paziresh24Error, case .malformedResponse = error.kind else { return false }
            return !error.isRetriable
        }
    }

    @Test func unionsShiftsDeduplicatesAndUsesEachSlice() throws {
        let answer = try decode(
            #"""
            {"status":1,"message":"ok","result":{
              "1791232200":[
                {"from":1791271800,"turns":{"1791271800":0,"1791273000":0},"slice":1200,"rebook":[],"workhour_info":{}},
                {"from":1791286200,"turns":{"1791286200":0,"1791271800":0},"slice":600,"rebook":[],"workhour_info":{}}],
              "1791318600":[{"from":1791372600,"turns":[],"slice":600}]}}
            """#)
        #expect(answer.slots.map(\.tehranStartTime) == ["11:00", "11:20", "15:00"])
        #expect(answer.slots.map { Int($0.end.timeIntervalSince($0.start)) } == [1200, 1200, 600])
    }

    @Test func missingSliceFallsBackToTheFirstSliceOfTheAnswer() throws {
        let answer = try decode(
            #"{"status":"1","result":{"1791232200":[{"turns":{"1791286200":0},"slice":null},{"turns":{"1791287400":0},"slice":900}]}}"#)
        #expect(answer.slots.map { Int($0.end.timeIntervalSince($0.start)) } == [900, 900])
    }
}
