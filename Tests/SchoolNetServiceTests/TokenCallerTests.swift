import Foundation
import PQ
import SchoolNetDomain
import SchoolNetService
import SchoolNetStore
import Testing

/// The caller a token acts as (what the CLI hands the services), and the regional centre's own use cases
/// refusing every other caller.
@Suite(.serialized) struct TokenCallerTests {
    let fixture: RegistrationFixture
    init() throws { fixture = try RegistrationFixture.shared("token_caller") }

    var tokens: TokenService { TokenService(pool: fixture.pool, time: FixedTime(RegistrationFixture.now)) }
    var authenticator: TokenAuthenticator { TokenAuthenticator(pool: fixture.pool, time: FixedTime(RegistrationFixture.now)) }

    @Test func aTokenActsAsItsRoleOrganisationAndLabel() async throws {
        let school = try await tokens.issue(role: .school, organisation: fixture.schoolA, label: "СОШ №50", by: fixture.admin)
        let caller = try #require(try await authenticator.caller(of: school.raw))
        #expect(caller == Caller(organisationID: fixture.schoolA, role: .school, tokenID: school.token.id, displayName: "СОШ №50"))

        let admin = try await tokens.issue(role: .regionalAdmin, organisation: nil, label: "РЦРО", by: fixture.admin)
        let centre = try #require(try await authenticator.caller(of: admin.raw))
        #expect(centre.role == .regionalAdmin)
        #expect(centre.organisationID == nil)
        #expect(centre.tokenID == admin.token.id)

        #expect(try await tokens.revoke(school.token.id, by: fixture.admin))
        #expect(try await authenticator.caller(of: school.raw) == nil)
        #expect(try await authenticator.caller(of: "sn_unknown") == nil)
    }

    @Test func onlyTheRegionalCentreIssuesAndRevokesTokensAndRecordsAgreements() async throws {
        let conn = try fixture.connect()
        func count(_ table: String) throws -> Int64 { try conn.query("SELECT count(*) FROM \(table)").first!.decode(0) }
        let existing = try await tokens.issue(role: .school, organisation: fixture.schoolB, label: "СОШ", by: fixture.admin)
        let (tokensBefore, agreementsBefore) = (try count("api_token"), try count("network_agreement"))

        for caller in [fixture.school(fixture.schoolA, tokenID: existing.token.id), fixture.organiserCaller] {
            await #expect(throws: RegistrationRefusal.self) {
                _ = try await tokens.issue(role: .school, organisation: fixture.schoolA, label: "свой", by: caller)
            }
            let refusal = await #expect(throws: RegistrationRefusal.self) { _ = try await tokens.revoke(existing.token.id, by: caller) }
            #expect(refusal?.errors.map(\.code) == [.forbidden])
            await #expect(throws: RegistrationRefusal.self) {
                _ = try await DirectoryService(pool: fixture.pool, time: FixedTime(RegistrationFixture.now))
                    .addAgreement(fixture.schoolC, since: LocalDate(year: 2020, month: 9, day: 1)!, until: nil, number: nil, by: caller)
            }
        }
        #expect(try count("api_token") == tokensBefore)
        #expect(try count("network_agreement") == agreementsBefore)
        #expect(try conn.query("SELECT revoked_at IS NULL FROM api_token WHERE id = $1", [existing.token.id]).first!.decode(0, as: Bool.self))
    }
}
