import Hummingbird
import HummingbirdTesting
import SchoolNetHTTP
import Testing

/// Authentication over a real socket (`.live`): 401 without or with a bad token, 403 for the wrong role.
@Suite struct AuthTests {
    var app: some ApplicationProtocol { makeApp(dependencies: .tokens(testTokens)) }

    @Test func noTokenIs401WithChallenge() async throws {
        try await self.app.test(.live) { client in
            try await client.execute(uri: "/v1/test/auth/me", method: .get) { response in
                #expect(response.status == .unauthorized)
                #expect(response.headers[.wwwAuthenticate] == "Bearer")
                let problem = try #require(response.problem)
                #expect(problem.code == "unauthenticated")
                #expect(problem.requestId == response.headers[.requestID])
            }
        }
    }

    @Test(arguments: ["Bearer unknown-token", "Bearer ", "Basic c2Nob29sOnNlY3JldA==", "school-token", "Bearer school token"])
    func badTokenIs401(authorization: String) async throws {
        try await self.app.test(.live) { client in
            try await client.execute(uri: "/v1/test/auth/me", method: .get, headers: [.authorization: authorization]) { response in
                #expect(response.status == .unauthorized)
                #expect(response.headers[.wwwAuthenticate] == #"Bearer error="invalid_token""#)
                #expect(response.problem?.code == "invalid_token")
            }
        }
    }

    @Test func validTokenReachesTheHandler() async throws {
        try await self.app.test(.live) { client in
            try await client.execute(uri: "/v1/test/auth/me", method: .get, headers: [.authorization: "bearer school-token"]) { response in
                #expect(response.status == .ok)
                #expect(response.text == "school:13")
            }
        }
    }

    @Test func wrongRoleIs403ByMiddleware() async throws {
        try await self.app.test(.live) { client in
            try await client.execute(uri: "/v1/test/auth/organiser/only", method: .get, headers: [.authorization: "Bearer school-token"]) { response in
                #expect(response.status == .forbidden)
                #expect(response.problem?.code == "forbidden")
            }
            try await client.execute(uri: "/v1/test/auth/organiser/only", method: .get, headers: [.authorization: "Bearer organiser-token"]) { response in
                #expect(response.status == .ok)
            }
        }
    }

    @Test func wrongRoleIs403ByCall() async throws {
        try await self.app.test(.router) { client in
            try await client.execute(uri: "/v1/test/auth/organiser-by-call", method: .get, headers: [.authorization: "Bearer school-token"]) { response in
                #expect(response.status == .forbidden)
                #expect(response.problem?.detail == "Действие доступно только ролям: organiser, admin.")
            }
        }
    }

    @Test func publicRoutesNeverAskForTheToken() async throws {
        // `.failing` records an issue if authenticate is called.
        try await makeApp().test(.router) { client in
            try await client.execute(uri: "/healthz", method: .get, headers: [.authorization: "Bearer whatever"]) { response in
                #expect(response.status == .ok)
            }
        }
    }

    @Test func failingTokenLookupIs500NotALeak() async throws {
        var dependencies = AppDependencies.failing
        dependencies.authenticate = { _ in throw SurpriseError() }
        try await makeApp(dependencies: dependencies).test(.live) { client in
            try await client.execute(uri: "/v1/test/auth/me", method: .get, headers: [.authorization: "Bearer school-token"]) { response in
                #expect(response.status == .internalServerError)
                #expect(response.problem?.code == "internal_error")
            }
        }
    }
}
