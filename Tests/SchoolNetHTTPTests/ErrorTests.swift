import Hummingbird
import HummingbirdTesting
import Logging
import SchoolNetHTTP
import Testing

@Suite struct ErrorTests {
    @Test func unknownErrorIs500ProblemAndLoggedWithTheRequestID() async throws {
        let recorder = LogRecorder()
        try await makeApp(logger: recorder.logger).test(.live) { client in
            try await client.execute(uri: "/v1/test/boom", method: .get) { response in
                #expect(response.status == .internalServerError)
                let problem = try #require(response.problem)
                let id = try #require(response.headers[.requestID])
                #expect(problem.code == "internal_error")
                #expect(problem.requestId == id)
                #expect(problem.detail.contains(id))
                let logged = recorder.entries.filter { $0.level == .error }
                #expect(logged.count == 1)
                #expect(logged.first?.metadata["hb.request.id"]?.description == id)
                #expect(logged.first?.metadata["error"]?.description == "surprise")
            }
        }
    }

    @Test func hummingbirdHTTPErrorBecomesAProblem() async throws {
        try await makeApp().test(.router) { client in
            try await client.execute(uri: "/v1/test/teapot", method: .get, headers: [.acceptLanguage: "en"]) { response in
                #expect(response.status == .badRequest)
                let problem = try #require(response.problem)
                #expect(problem.code == "bad_request")
                #expect(problem.detail == "query parameter 'x' is required")
            }
        }
    }

    @Test func unknownRouteAndWrongMethodAre404Problems() async throws {
        try await makeApp().test(.live) { client in
            for (uri, method) in [("/v2/events", HTTPRequest.Method.get), ("/healthz", .post)] {
                try await client.execute(uri: uri, method: method) { response in
                    #expect(response.status == .notFound)
                    #expect(response.problem?.code == "not_found")
                }
            }
        }
    }

    @Test func requestLogHasNoQueryValuesOrBodies() async throws {
        let recorder = LogRecorder()
        try await makeApp(logger: recorder.logger).test(.router) { client in
            let body = ByteBuffer(string: #"{"teamName":"Иванова Мария"}"#)
            _ = try await client.execute(uri: "/v1/test/echo?surname=Иванова&birth=2010-01-01", method: .post, headers: .json, body: body)
        }
        let line = try #require(recorder.entries.first { $0.message == "request" })
        #expect(line.metadata["http.method"]?.description == "POST")
        #expect(line.metadata["http.path"]?.description == "/v1/test/echo")
        #expect(line.metadata["http.route"]?.description == "/v1/test/echo")
        #expect(line.metadata["http.status"]?.description == "400")
        #expect(line.metadata["http.query_names"]?.description == "birth,surname")
        #expect(line.metadata["http.duration_ms"] != nil)
        #expect(line.metadata["hb.request.id"] != nil)
        let everything = recorder.entries.map { "\($0.message) \($0.metadata)" }.joined()
        #expect(!everything.contains("Иванова"))
        #expect(!everything.contains("2010-01-01"))
    }
}
