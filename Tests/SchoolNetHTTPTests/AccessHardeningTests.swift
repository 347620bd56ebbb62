import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import SchoolNetHTTP
import Testing

/// Answers that may carry personal data are not cached nor sniffed, the request log names who read them (never the
/// data), and a flood of unknown tokens from one address is answered 429 before any lookup.
@Suite(.serialized) struct AccessHardeningTests {
    let fixture: APIFixture
    init() throws { self.fixture = try APIFixture.shared("api_hardening") }

    private func tokenID(_ raw: String) throws -> Int64 {
        try self.fixture.count("SELECT id FROM api_token WHERE token_hash = sha256(convert_to($1, 'UTF8'))", [raw])
    }

    @Test func personalDataIsNeitherCachedNorSniffed() async throws {
        let f = self.fixture
        let event = f.event.event.id.rawValue
        try await f.app.test(.live) { client in
            let created = try await send(client, .post, "/v1/applications", token: f.tokens.schoolA, json: f.individual(lastName: "Кэшева"))
            #expect(created.status == .created, "\(created.text)")
            let id = try #require(created.id)
            for (path, token) in [
                ("/v1/applications/\(id)", f.tokens.schoolA), ("/v1/applications", f.tokens.schoolA),
                ("/v1/events/\(event)/applications", f.tokens.organiser), ("/v1/events/\(event)/participants.csv", f.tokens.organiser),
                ("/v1/applications/\(id)", f.tokens.schoolB)
            ] {
                let answer = try await send(client, .get, path, token: token)
                #expect(answer.headers[.cacheControl] == "no-store", "\(path) \(answer.status)")
                #expect(answer.headers[.contentTypeOptions] == "nosniff", "\(path)")
            }
            #expect(created.headers[.cacheControl] == "no-store")
            let health = try await send(client, .get, "/healthz")
            #expect(health.headers[.contentTypeOptions] == "nosniff")
            #expect(health.headers[.cacheControl] == nil)
        }
    }

    @Test func theRequestLogNamesWhoReadPersonalDataButNotTheData() async throws {
        let f = self.fixture
        let event = f.event.event.id.rawValue
        let recorder = LogRecorder()
        let app = buildApplication(HTTPConfig(port: 0), dependencies: f.dependencies, logger: recorder.logger)
        try await app.test(.live) { client in
            let created = try await send(
                client, .post, "/v1/applications", token: f.tokens.schoolA,
                json: f.individual(lastName: "Журналова", birthDate: "2011-04-05"))
            #expect(created.status == .created, "\(created.text)")
            #expect(try await send(client, .get, "/v1/events/\(event)/applications", token: f.tokens.organiser).status == .ok)
            #expect(try await send(client, .get, "/v1/events/\(event)/participants.csv", token: f.tokens.organiser).status == .ok)
        }
        let organiserToken = try self.tokenID(f.tokens.organiser)
        let requests = recorder.entries.filter { $0.message == "request" }
        for route in ["/v1/events/{eventID}/applications", "/v1/events/{eventID}/participants.csv"] {
            let line = try #require(requests.first { $0.metadata["http.route"]?.description == route }, "\(route)")
            #expect(line.metadata["auth.token_id"]?.description == String(organiserToken))
            #expect(line.metadata["auth.organisation_id"]?.description == String(f.organiser.rawValue))
            #expect(line.metadata["auth.role"]?.description == "organiser")
            let peer = line.metadata["net.peer.addr"]?.description
            #expect(peer == "127.0.0.1" || peer == "::1", "\(String(describing: peer))")
        }
        let everything = recorder.entries.map { "\($0.message) \($0.metadata)" }.joined(separator: "\n")
        for secret in ["Журналова", "2011-04-05", f.tokens.organiser, f.tokens.schoolA, "kuznetsova@example.org"] {
            #expect(!everything.contains(secret), "\(secret)")
        }
    }

    @Test func aFloodOfUnknownTokensFromOneAddressIs429BeforeAnyLookup() async throws {
        let lookups = LookupCounter()
        var dependencies = AppDependencies.tokens(testTokens)
        dependencies.authenticate = { token in
            lookups.increment()
            return testTokens[token]
        }
        dependencies.unknownTokens = BadTokenLimiter(burst: 3, refillPerSecond: 0.001)
        try await makeApp(dependencies: dependencies).test(.live) { client in
            func me(_ token: String) async throws -> TestResponse {
                try await client.execute(uri: "/v1/test/auth/me", method: .get, headers: [.authorization: "Bearer \(token)"]) { $0 }
            }
            #expect(try await me("school-token").status == .ok)
            for i in 0..<3 { #expect(try await me("guess-\(i)").status == .unauthorized) }
            let limited = try await me("guess-3")
            #expect(limited.status == .tooManyRequests)
            #expect(limited.problem?.code == "too_many_unknown_tokens")
            let retry = try #require(limited.headers[.retryAfter].flatMap { Int($0) })
            #expect(retry > 0)
            // The limited address waits, whatever it sends: the lookups stop here.
            #expect(try await me("school-token").status == .tooManyRequests)
            #expect(lookups.count == 4)
        }
    }

    @Test func theLimiterCountsEachAddressApartAndForgetsWithinItsBound() {
        let limiter = BadTokenLimiter(burst: 2, refillPerSecond: 0.001, maxAddresses: 4)
        // Two unknown tokens spend the burst; the third presentation waits.
        #expect(limiter.admit("10.0.0.1") == nil)
        limiter.charge("10.0.0.1")
        #expect(limiter.admit("10.0.0.1") == nil)
        limiter.charge("10.0.0.1")
        #expect(limiter.admit("10.0.0.1") != nil)
        // Another address is not affected.
        #expect(limiter.admit("10.0.0.2") == nil)
        for i in 3...20 { limiter.charge("10.0.0.\(i)") }
        #expect(limiter.trackedAddresses <= 4)
    }

    /// Benchmarks/http/run at 64 connections (2026-12-07): valid tokens got 429 once more than the burst of lookups
    /// were in flight from one address, as every request behind a reverse proxy is.
    @Test func validTokensInFlightFromOneAddressAreNeverLimited() {
        let limiter = BadTokenLimiter(burst: 2, refillPerSecond: 0.001, maxAddresses: 4)
        for _ in 0..<64 { #expect(limiter.admit("10.0.0.1") == nil) }
    }
}

/// How many times the token lookup ran.
final class LookupCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0
    func increment() { self.lock.withLock { self.value += 1 } }
    var count: Int { self.lock.withLock { self.value } }
}
