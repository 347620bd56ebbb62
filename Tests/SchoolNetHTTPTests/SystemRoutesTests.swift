import Foundation
import Hummingbird
import HummingbirdTesting
import SchoolNetHTTP
import Testing

@Suite struct SystemRoutesTests {
    @Test func healthzNeedsNothing() async throws {
        try await makeApp().test(.router) { client in
            try await client.execute(uri: "/healthz", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.text == #"{"status":"ok"}"#)
            }
        }
    }

    @Test func readyzIs200WhenTheCheckPasses() async throws {
        var dependencies = AppDependencies.failing
        dependencies.readiness = {}
        try await makeApp(dependencies: dependencies).test(.router) { client in
            try await client.execute(uri: "/readyz", method: .get) { response in
                #expect(response.status == .ok)
            }
        }
    }

    @Test func readyzIs503WhenTheCheckThrowsAndHidesTheCause() async throws {
        var dependencies = AppDependencies.failing
        dependencies.readiness = { throw SecretCause() }
        try await makeApp(dependencies: dependencies).test(.live) { client in
            try await client.execute(uri: "/readyz", method: .get) { response in
                #expect(response.status == .serviceUnavailable)
                #expect(response.problem?.code == "not_ready")
                #expect(!response.text.contains("db.internal"))
            }
        }
    }

    @Test func readyzIs503WhenTheCheckHangs() async throws {
        var dependencies = AppDependencies.failing
        dependencies.readiness = { try await Task.sleep(for: .seconds(30)) }
        let config = HTTPConfig(port: 0, readinessTimeout: .milliseconds(100))
        try await makeApp(dependencies: dependencies, config: config).test(.router) { client in
            // Had the timeout not fired, the check would have finished after 30 s and answered 200.
            try await client.execute(uri: "/readyz", method: .get) { response in
                #expect(response.status == .serviceUnavailable)
                #expect(response.problem?.code == "not_ready")
            }
        }
    }

    @Test func openAPIIsServedAsIs() async throws {
        try await makeApp().test(.live) { client in
            try await client.execute(uri: "/openapi.yaml", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "application/yaml")
                #expect(Array(buffer: response.body) == OpenAPIDocument.bytes)
                #expect(response.text.hasPrefix("openapi: 3.1"))
            }
        }
    }

    struct SecretCause: Error, CustomStringConvertible {
        var description: String { "could not connect to db.internal:5432" }
    }
}
