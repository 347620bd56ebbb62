import Hummingbird
import HummingbirdTesting
import SchoolNetHTTP
import Testing

@Suite struct LanguageTests {
    @Test(
        arguments: [
            (nil, Language.ru),
            ("en", .en),
            ("en-GB", .en),
            ("ru-RU,ru;q=0.9,en;q=0.8", .ru),
            ("de-DE,en;q=0.5", .en),
            ("en;q=0.3,ru;q=0.7", .ru),
            ("en;q=0", .ru),
            ("*", .ru),
            ("kk", .ru)
        ] as [(String?, Language)])
    func acceptLanguagePicksTheBestSupported(header: String?, expected: Language) {
        #expect(Language(acceptLanguage: header) == expected)
    }

    @Test func problemsAreRussianByDefault() async throws {
        try await makeApp().test(.router) { client in
            try await client.execute(uri: "/nowhere", method: .get) { response in
                #expect(response.status == .notFound)
                #expect(response.headers[.contentLanguage] == "ru")
                let problem = try #require(response.problem)
                #expect(problem.detail == "Ресурс не найден.")
                #expect(problem.title == "Не найдено")
                #expect(problem.type == "urn:schoolnet:problem:not_found")
            }
        }
    }

    @Test func problemsAreEnglishWhenAsked() async throws {
        try await makeApp().test(.router) { client in
            try await client.execute(uri: "/nowhere", method: .get, headers: [.acceptLanguage: "en-US,en;q=0.9"]) { response in
                #expect(response.headers[.contentLanguage] == "en")
                let problem = try #require(response.problem)
                #expect(problem.detail == "The resource was not found.")
                #expect(problem.title == "Not Found")
            }
        }
    }

    @Test func fieldErrorsFollowTheLanguage() async throws {
        try await makeApp().test(.router) { client in
            let body = ByteBuffer(string: #"{"eventID":"5"}"#)
            try await client.execute(uri: "/v1/test/echo", method: .post, headers: [.contentType: "application/json", .acceptLanguage: "en"], body: body) {
                response in
                #expect(response.problem?.errors?.first?.detail == "Expected an integer.")
                #expect(response.problem?.detail == "Invalid field 'eventID'.")
            }
        }
    }
}
