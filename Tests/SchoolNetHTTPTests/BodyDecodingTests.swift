import Foundation
import Hummingbird
import HummingbirdTesting
import SchoolNetHTTP
import Testing

/// Every way a JSON body can be wrong is a clear 4xx problem naming what is wrong, never a 500.
@Suite struct BodyDecodingTests {
    let valid =
        #"{"eventID":5,"teamName":"Сириус","contact":{"email":"a@b.ru"},"members":[{"name":"Иванова Мария","grade":6},{"name":"Петров Иван","grade":6,"mentor":false}]}"#

    func post(_ body: [UInt8], headers: HTTPFields = .json, check: @escaping @Sendable (TestResponse) throws -> Void) async throws {
        try await makeApp().test(.router) { client in
            try await client.execute(uri: "/v1/test/echo", method: .post, headers: headers, body: ByteBuffer(bytes: body)) { response in
                try check(response)
            }
        }
    }

    func post(_ body: String, headers: HTTPFields = .json, check: @escaping @Sendable (TestResponse) throws -> Void) async throws {
        try await self.post(Array(body.utf8), headers: headers, check: check)
    }

    @Test func validBodyDecodes() async throws {
        try await self.post(self.valid) { response in
            #expect(response.status == .ok)
            let echoed = try JSONDecoder().decode(TeamApplicationBody.self, from: Data(buffer: response.body))
            #expect(echoed.members[1] == .init(name: "Петров Иван", grade: 6, mentor: false))
            #expect(echoed.note == nil)
        }
    }

    @Test(arguments: [nil, "text/plain", "application/x-www-form-urlencoded", "application/json; charset=windows-1251", "application/jsonx"])
    func wrongContentTypeIs415(contentType: String?) async throws {
        var headers: HTTPFields = [:]
        if let contentType { headers[.contentType] = contentType }
        try await self.post(self.valid, headers: headers) { response in
            #expect(response.status == .unsupportedMediaType)
            let problem = try #require(response.problem)
            #expect(problem.code == "unsupported_media_type")
            #expect(problem.status == 415)
        }
    }

    @Test func jsonWithUTF8CharsetIsAccepted() async throws {
        try await self.post(self.valid, headers: [.contentType: "Application/JSON; charset=\"UTF-8\""]) { response in
            #expect(response.status == .ok)
        }
    }

    @Test func oversizedBodyIs413() async throws {
        let big = #"{"teamName":""# + String(repeating: "я", count: 600) + #""}"#
        try await self.post(big) { response in
            #expect(response.status == .contentTooLarge)
            let problem = try #require(response.problem)
            #expect(problem.code == "body_too_large")
            #expect(problem.detail.contains("1024"))
        }
    }

    @Test func nonUTF8BodyIs400() async throws {
        // "Иванова" in Windows-1251, as Russian Excel writes it.
        let cp1251: [UInt8] = Array(#"{"teamName":""#.utf8) + [0xC8, 0xE2, 0xE0, 0xED, 0xEE, 0xE2, 0xE0] + Array(#""}"#.utf8)
        try await self.post(cp1251) { response in
            #expect(response.status == .badRequest)
            let problem = try #require(response.problem)
            #expect(problem.code == "invalid_encoding")
            #expect(problem.detail.contains("13"))
        }
    }

    @Test func malformedJSONIs400WithPosition() async throws {
        try await self.post("{\n  \"eventID\": 5,\n  \"teamName\": 'x'\n}") { response in
            #expect(response.status == .badRequest)
            let problem = try #require(response.problem)
            #expect(problem.code == "malformed_json")
            #expect(problem.detail.contains("строке 3, столбце 15"))
        }
    }

    @Test(arguments: ["", "{", "{\"a\":1}x", "{\"a\":01}", "{\"a\":\"\\x\"}", "nul"])
    func everyMalformedBodyIs400(body: String) async throws {
        try await self.post(body) { response in
            #expect(response.status == .badRequest)
            #expect(response.problem?.code == "malformed_json")
        }
    }

    /// Foundation's parsers take a trailing comma in an array: such a body is still 400, as one of another shape.
    @Test(arguments: ["[1,]", "[{\"name\":\"a\",\"grade\":1},]"])
    func bodiesFoundationToleratesAre400AsAnotherShape(body: String) async throws {
        try await self.post(body) { response in
            #expect(response.status == .badRequest)
            #expect(response.problem?.code == "invalid_body")
        }
    }

    @Test func unknownTopLevelFieldIs400() async throws {
        let body = self.valid.replacingOccurrences(of: #""eventID":5,"#, with: #""eventID":5,"birthDate":"2010-01-01","#)
        try await self.post(body) { response in
            #expect(response.status == .badRequest)
            let problem = try #require(response.problem)
            #expect(problem.code == "invalid_body")
            #expect(problem.errors?.map(\.field) == ["birthDate"])
            #expect(problem.errors?.first?.code == "unknown_field")
        }
    }

    @Test func unknownNestedFieldsAreNamedWithTheirPaths() async throws {
        let body = self.valid
            .replacingOccurrences(of: #""grade":6,"mentor""#, with: #""grade":6,"phone":"+7","mentor""#)
            .replacingOccurrences(of: #""email":"a@b.ru""#, with: #""email":"a@b.ru","fax":null"#)
        try await self.post(body) { response in
            #expect(response.status == .badRequest)
            let fields = try #require(response.problem?.errors).map(\.field)
            #expect(Set(fields) == ["members[1].phone", "contact.fax"])
        }
    }

    @Test func missingNestedFieldIs400WithPath() async throws {
        let body = self.valid.replacingOccurrences(of: #""grade":6,"mentor":false"#, with: #""mentor":false"#)
        try await self.post(body) { response in
            #expect(response.status == .badRequest)
            let error = try #require(response.problem?.errors?.first)
            #expect(error.field == "members[1].grade")
            #expect(error.code == "missing")
        }
    }

    @Test func wrongTypeIs400WithPath() async throws {
        let body = self.valid.replacingOccurrences(of: #""grade":6,"mentor":false"#, with: #""grade":"6","mentor":false"#)
        try await self.post(body) { response in
            #expect(response.status == .badRequest)
            let error = try #require(response.problem?.errors?.first)
            #expect(error.field == "members[1].grade")
            #expect(error.code == "invalid_type")
            #expect(error.detail == "Ожидается целое число.")
        }
    }

    @Test func nullForARequiredFieldIs400() async throws {
        let body = self.valid.replacingOccurrences(of: #""teamName":"Сириус""#, with: #""teamName":null"#)
        try await self.post(body) { response in
            #expect(response.status == .badRequest)
            #expect(response.problem?.errors?.first?.field == "teamName")
        }
    }

    @Test func wholeBodyOfTheWrongShapeIs400() async throws {
        try await self.post("[1,2]") { response in
            #expect(response.status == .badRequest)
            let error = try #require(response.problem?.errors?.first)
            #expect(error.field == "")
            #expect(error.code == "invalid_type")
        }
    }

    /// Refusing a repeated member would take a parser of our own; Foundation keeps the first (docs/DESIGN.md).
    @Test func duplicateFieldKeepsTheFirst() async throws {
        try await self.post(self.valid.replacingOccurrences(of: #""eventID":5,"#, with: #""eventID":5,"eventID":6,"#)) { response in
            #expect(response.status == .ok)
            let echoed = try JSONDecoder().decode(TeamApplicationBody.self, from: Data(buffer: response.body))
            #expect(echoed.eventID == 5)
        }
    }

    /// A NUL (U+0000) in any string: 422 `validation` at its field, not a 500 from PostgreSQL.
    @Test func nulInAStringIs422NamingTheField() async throws {
        try await self.post(self.valid.replacingOccurrences(of: "Петров Иван", with: #"Петров\u0000Иван"#)) { response in
            #expect(response.status == .unprocessableContent)
            let problem = try #require(response.problem)
            #expect(problem.code == "validation")
            #expect(problem.errors?.map(\.field) == ["members[1].name"])
        }
    }

    /// 5.5 where an integer belongs is the wrong shape (400) and keeps its path; Foundation alone loses it.
    @Test func fractionForAnIntegerIs400WithPath() async throws {
        try await self.post(self.valid.replacingOccurrences(of: #""grade":6,"mentor""#, with: #""grade":5.5,"mentor""#)) { response in
            #expect(response.status == .badRequest)
            #expect(response.problem?.code == "invalid_body")
            #expect(response.problem?.errors?.map(\.field) == ["members[1].grade"])
            #expect(response.problem?.errors?.first?.code == "invalid_type")
        }
    }

    /// Over a real socket: refused bodies (some never read) leave the keep-alive connection usable.
    @Test func bodyErrorsOverALiveConnection() async throws {
        let valid = self.valid
        try await makeApp().test(.live) { client in
            let big = ByteBuffer(string: #"{"teamName":""# + String(repeating: "x", count: 5000) + #""}"#)
            try await client.execute(uri: "/v1/test/echo", method: .post, headers: .json, body: big) { response in
                #expect(response.status == .contentTooLarge)
                #expect(response.problem?.code == "body_too_large")
            }
            try await client.execute(uri: "/v1/test/echo", method: .post, headers: [.contentType: "text/csv"], body: ByteBuffer(string: "a;b")) { response in
                #expect(response.status == .unsupportedMediaType)
            }
            try await client.execute(uri: "/v1/test/echo", method: .post, headers: .json, body: ByteBuffer(bytes: [0x7B, 0xFF, 0x7D])) { response in
                #expect(response.status == .badRequest)
                #expect(response.problem?.code == "invalid_encoding")
            }
            try await client.execute(uri: "/v1/test/echo", method: .post, headers: .json, body: ByteBuffer(string: valid)) { response in
                #expect(response.status == .ok)
            }
        }
    }
}
