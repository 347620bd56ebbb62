import Foundation
import PQ
import SchoolNetDomain
import SchoolNetService
import SchoolNetStore
import SchoolNetTestSupport
import Testing

/// One identity from credential to service: the token's `Caller` is what the HTTP context carries and the services
/// take, and what a role may do is the services' decision (no route has to check anything first).
@Suite struct CallerIdentityTests {
    typealias F = EventAdminFixture

    @Test func aTokensCallerIsTheServicesCaller() async throws {
        let config = try TestDatabase.migrated("caller_identity")
        let pool = PQPool(configuration: config, size: 2)
        let now = ISO8601DateFormatter().date(from: "2025-10-10T05:00:00Z")!
        let console = Caller(organisationID: nil, role: .regionalAdmin, displayName: "cli:tester")
        #expect(console.credential == .databaseLogin && console.tokenID == nil)
        let tokens = TokenService(pool: pool, time: FixedTime(now))
        let issued = try await tokens.issue(role: .regionalAdmin, organisation: nil, label: "РЦРО", by: console)
        let caller = try #require(try await TokenAuthenticator(pool: pool, time: FixedTime(now)).caller(of: issued.raw))
        #expect(caller == Caller(organisationID: nil, role: .regionalAdmin, credential: .token(id: issued.token.id), displayName: "РЦРО"))
        #expect(caller.tokenID == issued.token.id)
        // The regional centre acts for no organisation, whatever it is told.
        #expect(Caller(organisationID: OrganisationID(rawValue: 5), role: .regionalAdmin, displayName: "x").organisationID == nil)
        await pool.shutdown()
    }

    @Test func theServicesDecideWhatARoleMayDo() async throws {
        try await F.with("caller_roles") { f in
            try f.applications(2, firstID: 1000, organisations: [50])
            // Before anything is looked up: a school learns nothing, not even whether the event exists.
            for event in [F.event, EventID(rawValue: 999_999)] {
                let r = await refusal { try await f.service.applications(event: event, by: F.school) }
                #expect(r.codes == [.forbidden])
            }
            #expect(throws: RegistrationRefusal.self) { try f.service.authorize(F.school) }
            try f.service.authorize(F.organiser)
            // Then whose event it is.
            #expect(await refusal { try await f.service.applications(event: F.event, by: F.otherOrganiser) }.codes == [.forbidden])
            #expect(await refusal { try await f.service.applications(event: EventID(rawValue: 999_999), by: F.organiser) }.codes == [.notFound])
            #expect(try await f.service.applications(event: F.event, by: F.organiser).map(\.id.rawValue) == [1000, 1001])
            #expect(try await f.service.applications(event: F.event, after: ApplicationID(rawValue: 1000), limit: 5, by: F.admin).map(\.id.rawValue) == [1001])

            let registration = RegistrationService(pool: f.pool, time: FixedTime(F.defaultNow))
            #expect(throws: RegistrationRefusal.self) { try registration.authorize(.register, by: F.organiser) }
            #expect(throws: RegistrationRefusal.self) { try registration.authorize(.review, by: F.school) }
            try registration.authorize(.register, by: F.school)
            try registration.authorize(.review, by: F.organiser)
            try registration.authorize(.change, by: F.admin)
        }
    }
}
