import Foundation
import SchoolNetDomain
import SchoolNetService
import Testing

/// The decoder the API and the CLI share, without HTTP around it: Foundation's JSONDecoder with a known-keys check.
@Suite struct JSONBodyTests {
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
        var kind: PersonKind?
    }

    func decode<T: Decodable>(_ json: String, as type: T.Type) throws -> T {
        try JSONBody.decode(type, from: Array(json.utf8))
    }

    func fieldErrors(_ json: String, as type: (some Decodable).Type) -> [BodyFieldError] {
        do {
            _ = try JSONBody.decode(type, from: Array(json.utf8))
            Issue.record("decoded \(json)")
            return []
        } catch let error as JSONBodyError {
            #expect(error.code == "invalid_body")
            return error.fieldErrors
        } catch {
            Issue.record("unexpected \(error)")
            return []
        }
    }

    @Test func integersNeverPassThroughDouble() throws {
        let numbers = try self.decode(#"{"big":9007199254740993,"amount":0.1}"#, as: Numbers.self)
        #expect(numbers.big == 9_007_199_254_740_993)
        #expect(numbers.amount == Decimal(string: "0.1"))
    }

    @Test func wholeNumbersWrittenWithAFractionAreIntegers() throws {
        #expect(try self.decode(#"{"big":3.0}"#, as: Numbers.self).big == 3)
    }

    @Test func fractionsAndBooleansAreNotIntegers() {
        #expect(self.fieldErrors(#"{"big":3.5}"#, as: Numbers.self).map(\.code) == ["invalid_type"])
        #expect(self.fieldErrors(#"{"big":true}"#, as: Numbers.self).map(\.code) == ["invalid_type"])
        #expect(self.fieldErrors(#"{"big":1,"flag":1}"#, as: Numbers.self).map(\.field) == ["flag"])
    }

    /// Foundation alone reports 5.5 for an integer as "not valid JSON" at no path; the field keeps its name here.
    @Test func aFractionForAnIntegerIsNamedByItsPath() {
        let members =
            #"{"organisationId":1,"responsible":{"name":"Смирнова"},"members":["#
            + #"{"lastName":"А","firstName":"Б","kind":"pupil","grade":5},{"lastName":"В","firstName":"Г","kind":"pupil","grade":5},"#
            + #"{"lastName":"Д","firstName":"Е","kind":"pupil","grade":5.5}]}"#
        let errors = self.fieldErrors(members, as: RegistrationBody.self)
        #expect(errors.map(\.field) == ["members[2].grade"])
        #expect(errors.map(\.code) == ["invalid_type"])
        #expect(errors.first?.messageEN == "Expected an integer.")
    }

    @Test func outOfRangeIsInvalidValue() {
        let errors = self.fieldErrors(#"{"big":1,"small":300}"#, as: Numbers.self)
        #expect(errors.map(\.field) == ["small"])
        #expect(errors.map(\.code) == ["invalid_value"])
        #expect(self.fieldErrors(#"{"big":[1],"small":[2.5]}"#, as: Numbers.self).map(\.field) == ["big"])
        #expect(self.fieldErrors(#"[1, 2, 3.5]"#, as: [Int].self).map(\.field) == ["[2]"])
    }

    /// Foundation's decoder does not look inside members it never reads; the body is still not JSON, and says where.
    @Test func aSyntaxErrorInAnUnknownMemberIsStillMalformed() {
        #expect(throws: JSONBodyError.malformed(line: 1, column: 15)) { try self.decode(#"{"big":1,"x":01}"#, as: Numbers.self) }
        #expect(throws: JSONBodyError.malformed(line: 1, column: 15)) { try self.decode(#"{"big":1,"x":"\q"}"#, as: Numbers.self) }
    }

    @Test func dictionariesAcceptAnyKeyAndEnumsRejectUnknownValues() throws {
        let labels = try self.decode(#"{"labels":{"a":1,"б":2},"kind":"teacher"}"#, as: Labels.self)
        #expect(labels.labels == ["a": 1, "б": 2])
        #expect(labels.kind == .teacher)
        #expect(self.fieldErrors(#"{"labels":{},"kind":"alien"}"#, as: Labels.self).map(\.field) == ["kind"])
    }

    @Test func datesAreISO8601() throws {
        let labels = try self.decode(#"{"labels":{},"when":"2020-11-02T17:00:00Z"}"#, as: Labels.self)
        #expect(labels.when == Date(timeIntervalSince1970: 1_604_336_400))
        #expect(try self.decode(#"{"labels":{},"when":"2020-11-02T17:00:00.5Z"}"#, as: Labels.self).when == Date(timeIntervalSince1970: 1_604_336_400.5))
        #expect(self.fieldErrors(#"{"labels":{},"when":"02.11.2020"}"#, as: Labels.self).map(\.field) == ["when"])
    }

    @Test func escapesAndSurrogatePairsDecode() throws {
        let value = try self.decode(#"["\u0418\n\"", "\ud83c\udf93"]"#, as: [String].self)
        #expect(value == ["И\n\"", "🎓"])
    }

    @Test func loneSurrogateIsRefused() {
        #expect(throws: JSONBodyError.self) { try self.decode(#"["\ud83c"]"#, as: [String].self) }
    }

    @Test func deepNestingIsRefusedNotACrash() {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        #expect(throws: JSONBodyError.self) { try self.decode(deep, as: [String].self) }
    }

    @Test func overlongUTF8IsNotUTF8() {
        #expect(throws: JSONBodyError.notUTF8(offset: 2)) { try JSONBody.decode([String].self, from: [0x5B, 0x22, 0xC0, 0xAF, 0x22, 0x5D]) }
    }

    /// Foundation's JSONDecoder reads UTF-16 and UTF-32 too; the body must be UTF-8 (RFC 8259 §8.1). Without a byte
    /// order mark UTF-16 is valid UTF-8 holding NUL bytes, which JSON text never has; with one it is not UTF-8.
    @Test func utf16IsRefused() {
        let utf16 = Array(#"{"big":1}"#.utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        #expect(throws: JSONBodyError.malformed(line: 1, column: 2)) { try JSONBody.decode(Numbers.self, from: utf16) }
        #expect(throws: JSONBodyError.notUTF8(offset: 0)) { try JSONBody.decode(Numbers.self, from: [0xFF, 0xFE] + utf16) }
    }

    @Test func memberNamedLikeAPathIsStillUnknown() {
        struct Outer: Decodable {
            struct Inner: Decodable { var b: Int }
            var a: Inner
        }
        #expect(self.fieldErrors(#"{"a":{"b":1},"a.b":2}"#, as: Outer.self).map(\.field) == ["a.b"])
        #expect(self.fieldErrors(#"{"a":{"b":1,"c":2}}"#, as: Outer.self).map(\.field) == ["a.c"])
    }

    @Test func unknownMembersInsideArraysOfArraysAreNamed() {
        struct Grid: Decodable {
            struct Cell: Decodable { var v: Int }
            var rows: [[Cell]]
        }
        #expect(self.fieldErrors(#"{"rows":[[{"v":1}],[{"v":2},{"v":3,"w":4}]]}"#, as: Grid.self).map(\.field) == ["rows[1][1].w"])
    }

    /// A type may read one object through two containers (its own members beside another type's): a member either
    /// knows is not unknown, one neither knows is.
    @Test func anObjectReadByTwoTypesKnowsTheMembersOfBoth() throws {
        struct Inner: Decodable { var x: Int }
        struct Outer: Decodable {
            var own: Int
            var inner: Inner
            enum CodingKeys: CodingKey { case own }
            init(from decoder: any Decoder) throws {
                self.own = try decoder.container(keyedBy: CodingKeys.self).decode(Int.self, forKey: .own)
                self.inner = try Inner(from: decoder)
            }
        }
        #expect(try self.decode(#"{"own":1,"x":2}"#, as: Outer.self).inner.x == 2)
        #expect(self.fieldErrors(#"{"own":1,"x":2,"y":3}"#, as: Outer.self).map(\.field) == ["y"])
        #expect(self.fieldErrors(#"[{"own":1,"x":2},{"own":1,"x":2,"own2":3}]"#, as: [Outer].self).map(\.field) == ["[1].own2"])
    }

    /// The registration body holds the application's fields beside its event and organisation: unknown members are
    /// named at both levels, the outer object's first; the idempotency key is not a body member, and a refused first value
    /// does not make the fields read after it unknown.
    @Test func theRegistrationBodyKnowsItsOwnAndTheApplicationsMembers() {
        let body =
            #"{"organisationId":1,"eventId":2,"teamNam":"Сириус","idempotencyKey":"k","responsible":{"name":"Смирнова"},"#
            + #""members":[{"lastName":"А","firstName":"Б","kind":"pupil","gradee":6}],"historicalImport":false}"#
        let unknown = self.fieldErrors(body, as: RegistrationBody.self)
        #expect(Set(unknown.map(\.field)) == ["teamNam", "idempotencyKey", "members[0].gradee"])
        #expect(unknown.last?.field == "members[0].gradee", "an object's unknown members come before those of the objects inside it")
        #expect(Set(unknown.map(\.code)) == ["unknown_field"])

        let refused = self.fieldErrors(#"{"organisationId":"1","teamName":"Сириус","responsible":{"name":"Смирнова"},"entries":[]}"#, as: RegistrationBody.self)
        #expect(refused.map(\.field) == ["organisationId"])
        #expect(refused.map(\.code) == ["invalid_type"])
    }

    /// A typo is both a missing field and an unknown one: both are named, the missing one first.
    @Test func aMisspeltMemberIsMissingAndUnknown() {
        let errors = self.fieldErrors(#"{"bigg":1}"#, as: Numbers.self)
        #expect(errors.map(\.field) == ["big", "bigg"])
        #expect(errors.map(\.code) == ["missing", "unknown_field"])
    }

    @Test func malformedJSONSaysWhere() {
        #expect(throws: JSONBodyError.malformed(line: 3, column: 12)) {
            try self.decode("{\n  \"big\": 5,\n  \"ratio\": 'x'\n}", as: Numbers.self)
        }
        #expect(throws: JSONBodyError.malformed(line: 1, column: 6)) { try self.decode(#"{"big"#, as: Numbers.self) }
    }

    /// Foundation keeps the first of two equal keys; refusing them would take a parser of our own (docs/DESIGN.md).
    @Test func duplicateKeysKeepTheFirst() throws {
        #expect(try self.decode(#"{"big":1,"big":2}"#, as: Numbers.self).big == 1)
    }

    /// Foundation's parser takes a trailing comma in an array (JSON5's leniency); documented, not refused.
    @Test func aTrailingCommaInAnArrayIsTolerated() throws {
        #expect(try self.decode(#"[1,2,]"#, as: [Int].self) == [1, 2])
    }

    /// PostgreSQL cannot store U+0000 in text: a NUL in any string is a 422 `validation` naming the field.
    @Test func aNULInAStringIsAValidationRefusalNamingTheField() {
        let body =
            #"{"organisationId":1,"teamName":"Сириус\u0000","responsible":{"name":"Смир\u0000нова"},"#
            + #""members":[{"lastName":"А","firstName":"Б\u0000","kind":"pupil"}]}"#
        do {
            _ = try self.decode(body, as: RegistrationBody.self)
            Issue.record("decoded a NUL")
        } catch let refusal as RegistrationRefusal {
            #expect(refusal.errors.map(\.code) == [.validation, .validation, .validation])
            #expect(refusal.errors.map(\.field) == ["teamName", "responsible.name", "members[0].firstName"])
            #expect(refusal.httpStatus == 422)
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test func theRegistrationBodyNeedsAnEventFromTheURLOrItself() throws {
        let body = try self.decode(#"{"organisationId":1,"responsible":{"name":"Смирнова","email":"a@b.ru"}}"#, as: RegistrationBody.self)
        #expect(
            throws: JSONBodyError.invalid([
                BodyFieldError(field: "eventId", code: "missing", ru: "Обязательное поле отсутствует.", en: "This field is required.")
            ])
        ) {
            try body.request(idempotencyKey: nil)
        }
        #expect(try body.request(pathEvent: EventID(rawValue: 7), idempotencyKey: nil).eventID == EventID(rawValue: 7))
        var other = body
        other.eventId = 8
        #expect(throws: RegistrationRefusal.self) { try other.request(pathEvent: EventID(rawValue: 7), idempotencyKey: nil) }
    }
}
