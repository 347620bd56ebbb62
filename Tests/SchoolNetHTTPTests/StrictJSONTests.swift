import Foundation
import SchoolNetDomain
import SchoolNetHTTP
import Testing

/// The decoder without HTTP around it: edges of JSON and of Swift's numeric types.
@Suite struct StrictJSONTests {
    struct Numbers: Decodable {
        var big: Int64
        var small: Int8?
        var ratio: Double?
        var amount: Decimal?
        var flag: Bool?
    }

    struct Labels: Decodable {
        var labels: [String: Int]
        var when: Date?
        var role: ActorRole?
    }

    func fieldErrors(_ json: String, as type: (some Decodable).Type) -> [FieldError] {
        do {
            _ = try StrictJSON.decode(type, from: Array(json.utf8))
            Issue.record("decoded \(json)")
            return []
        } catch let problem as BodyProblem {
            return problem.fieldErrors
        } catch {
            Issue.record("unexpected \(error)")
            return []
        }
    }

    @Test func integersNeverPassThroughDouble() throws {
        let numbers = try StrictJSON.decode(Numbers.self, from: Array(#"{"big":9007199254740993,"amount":0.1}"#.utf8))
        #expect(numbers.big == 9_007_199_254_740_993)
        #expect(numbers.amount == Decimal(string: "0.1"))
    }

    @Test func wholeNumbersWrittenWithAFractionAreIntegers() throws {
        #expect(try StrictJSON.decode(Numbers.self, from: Array(#"{"big":3.0}"#.utf8)).big == 3)
    }

    @Test func fractionsAndBooleansAreNotIntegers() {
        #expect(self.fieldErrors(#"{"big":3.5}"#, as: Numbers.self).map(\.code) == ["invalid_type"])
        #expect(self.fieldErrors(#"{"big":true}"#, as: Numbers.self).map(\.code) == ["invalid_type"])
        #expect(self.fieldErrors(#"{"big":1,"flag":1}"#, as: Numbers.self).map(\.field) == ["flag"])
    }

    @Test func outOfRangeIsInvalidValue() {
        let errors = self.fieldErrors(#"{"big":1,"small":300}"#, as: Numbers.self)
        #expect(errors.map(\.field) == ["small"])
        #expect(errors.map(\.code) == ["invalid_value"])
    }

    @Test func dictionariesAcceptAnyKeyAndEnumsRejectUnknownValues() throws {
        let labels = try StrictJSON.decode(Labels.self, from: Array(#"{"labels":{"a":1,"б":2},"role":"school"}"#.utf8))
        #expect(labels.labels == ["a": 1, "б": 2])
        #expect(labels.role == .school)
        #expect(self.fieldErrors(#"{"labels":{},"role":"root"}"#, as: Labels.self).map(\.field) == ["role"])
    }

    @Test func datesAreISO8601() throws {
        let labels = try StrictJSON.decode(Labels.self, from: Array(#"{"labels":{},"when":"2020-11-02T17:00:00Z"}"#.utf8))
        #expect(labels.when == Date(timeIntervalSince1970: 1_604_336_400))
        #expect(self.fieldErrors(#"{"labels":{},"when":"02.11.2020"}"#, as: Labels.self).map(\.field) == ["when"])
    }

    @Test func escapesAndSurrogatePairsDecode() throws {
        let value = try StrictJSON.decode([String].self, from: Array(#"["\u0418\n\"", "\ud83c\udf93"]"#.utf8))
        #expect(value == ["И\n\"", "🎓"])
    }

    @Test func loneSurrogateIsMalformed() {
        #expect(throws: BodyProblem.self) { try StrictJSON.decode([String].self, from: Array(#"["\ud83c"]"#.utf8)) }
    }

    @Test func deepNestingIsRefusedNotACrash() {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        #expect(throws: BodyProblem.self) { try StrictJSON.decode([String].self, from: Array(deep.utf8)) }
    }

    @Test func overlongUTF8IsNotUTF8() {
        #expect(throws: BodyProblem.notUTF8(offset: 2)) { try StrictJSON.decode([String].self, from: [0x5B, 0x22, 0xC0, 0xAF, 0x22, 0x5D]) }
    }

    @Test func memberNamedLikeAPathIsStillUnknown() {
        struct Outer: Decodable {
            struct Inner: Decodable { var b: Int }
            var a: Inner
        }
        #expect(self.fieldErrors(#"{"a":{"b":1},"a.b":2}"#, as: Outer.self).map(\.field) == ["a.b"])
        #expect(self.fieldErrors(#"{"a":{"b":1,"c":2}}"#, as: Outer.self).map(\.field) == ["a.c"])
    }
}
