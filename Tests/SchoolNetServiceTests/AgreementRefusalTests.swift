import Foundation
import PQ
import SchoolNetDomain
import SchoolNetTestSupport
import Testing
@testable import SchoolNetService

/// `organisations agreement` said "overlaps one already recorded, or its dates are out of order" for both
/// mistakes, and never which agreement it ran into.
@Suite struct AgreementRefusalTests {
    let admin = Caller(organisationID: nil, role: .regionalAdmin, tokenID: nil, displayName: "cli:test")

    @Test func anAgreementIsRefusedSayingWhichMistakeItIs() async throws {
        let pool = try ImportFixtures.pool("agreement_refusals", setup: ImportFixtures.tomsk)
        defer { Task { await pool.shutdown() } }
        let directory = DirectoryService(pool: pool, time: FixedTime(ISO8601DateFormatter().date(from: "2020-10-01T03:00:00Z")!))
        let school = try await directory.resolve("Богашевская СОШ")
        _ = try await directory.addAgreement(school, since: LocalDate(year: 2017, month: 9, day: 1)!, until: nil, number: "5/2017", by: admin)

        let reversed = await #expect(throws: RegistrationError.self) {
            _ = try await directory.addAgreement(
                school, since: LocalDate(year: 2021, month: 9, day: 1)!,
                until: LocalDate(year: 2021, month: 8, day: 1)!, number: nil, by: admin)
        }
        #expect(reversed?.field == "agreement.until")
        #expect(reversed?.messageEN == "The agreement ends (2021-08-01) before it starts (2021-09-01)")

        let overlapping = await #expect(throws: RegistrationError.self) {
            _ = try await directory.addAgreement(school, since: LocalDate(year: 2020, month: 9, day: 17)!, until: nil, number: nil, by: admin)
        }
        #expect(overlapping?.messageEN == "The agreement overlaps one already recorded: 2017-09-01.. №5/2017")
        #expect(try await directory.details(school).agreements.count == 1)
    }
}
