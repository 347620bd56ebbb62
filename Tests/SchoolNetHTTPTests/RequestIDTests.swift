import Hummingbird
import HummingbirdTesting
import SchoolNetHTTP
import Testing

@Suite struct RequestIDTests {
    @Test(arguments: ["/healthz", "/no/such/route", "/v1/test/boom"])
    func everyResponseCarriesAGeneratedID(uri: String) async throws {
        try await makeApp().test(.router) { client in
            try await client.execute(uri: uri, method: .get) { response in
                let id = try #require(response.headers[.requestID])
                #expect(isGeneratedRequestID(id))
                if let problem = response.problem {
                    #expect(problem.requestId == id)
                }
            }
        }
    }

    @Test func idsDiffer() async throws {
        try await makeApp().test(.router) { client in
            let first = try await client.execute(uri: "/healthz", method: .get).headers[.requestID]
            let second = try await client.execute(uri: "/healthz", method: .get).headers[.requestID]
            #expect(first != second)
        }
    }

    @Test(arguments: ["3f2b8c1e-4d5a-4b6c-9e7f-0a1b2c3d4e5f", "lb.7f3a_01"])
    func wellFormedClientIDIsEchoed(id: String) async throws {
        try await makeApp().test(.live) { client in
            try await client.execute(uri: "/no/such/route", method: .get, headers: [.requestID: id]) { response in
                #expect(response.headers[.requestID] == id)
                #expect(response.problem?.requestId == id)
            }
        }
    }

    @Test(arguments: ["has space", "name=Иванова", String(repeating: "a", count: 129), "a\"b"])
    func malformedClientIDIsReplaced(id: String) async throws {
        try await makeApp().test(.router) { client in
            try await client.execute(uri: "/healthz", method: .get, headers: [.requestID: id]) { response in
                let echoed = try #require(response.headers[.requestID])
                #expect(isGeneratedRequestID(echoed))
            }
        }
    }
}
