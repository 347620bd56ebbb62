import Foundation
import PQ
import SchoolNetDomain
import SchoolNetStore
import Testing

@Suite struct AuditRepositoryTests {
    let audit = AuditRepository()

    @Test func changesAreLoggedWithTheActorOfTheirTransaction() throws {
        let db = try StoreFixture("audit_actor")
        let organiser = try db.gymnasium13()
        let token = try TokenRepository().issue(
            role: .organiser, organisationID: organiser.id, label: "организатор",
            at: instant("2020-09-01T09:00:00+07:00"), on: db.conn)
        let event = try db.conn.transaction { conn in
            try AuditActor.set(actor: "Иванова И.И. (гимназия №13)", tokenID: token.token.id, on: conn)
            return try EventRepository().create(ReportEvents.mosaic(organiser: organiser.id), on: conn)
        }
        try db.conn.transaction { conn in
            try AuditActor.set("РЦРО", nil, on: conn)
            try EventRepository().setClosedEarly(event.id, at: instant("2020-09-20T12:00:00+07:00"), on: conn)
        }
        let entries = try audit.entries(entity: "event", entityID: event.id.rawValue, on: db.conn)
        #expect(entries.map(\.action) == [.insert, .update])
        #expect(entries.map(\.actor) == ["Иванова И.И. (гимназия №13)", "РЦРО"])
        #expect(entries.map(\.tokenID) == [token.token.id, nil])
        #expect(entries[0].before == nil && entries[0].after?.contains("Спортивная мозаика") == true)
        #expect(entries[1].changedKeys == ["closed_early_at", "updated_at"])
    }

    @Test func theActorLastsOnlyForItsTransaction() throws {
        let db = try StoreFixture("audit_scope")
        let school = try db.gymnasium13()
        try db.conn.transaction { conn in
            try AuditActor.set(actor: "первый", tokenID: 1, on: conn)
        }
        let agreement = try OrganisationRepository().addAgreement(
            school.id, membership: NetworkMembership(since: day("2015-09-01")), on: db.conn)
        let entries = try audit.entries(entity: "network_agreement", entityID: agreement.id.rawValue, on: db.conn)
        #expect(entries.count == 1)
        #expect(entries.first?.actor == nil && entries.first?.tokenID == nil)
        #expect(throws: PQError.self) { try AuditActor.set(actor: "без транзакции", tokenID: nil, on: db.conn) }
    }

    @Test func consentsAndTokensAreAuditedWithoutTheHash() throws {
        let db = try StoreFixture("audit_tokens")
        let school = try db.gymnasium13()
        let pupil = try db.person("Орлова Вера", born: "2012-10-10", at: school)
        let at = instant("2020-09-15T10:00:00+07:00")
        let consent = try db.conn.transaction { conn in
            try AuditActor.set(actor: "секретарь", tokenID: nil, on: conn)
            return try PersonRepository().recordConsent(pupil.id, givenBy: "Орлова Ольга", recordedBy: "секретарь", at: at, on: conn)
        }
        #expect(try audit.entries(entity: "personal_data_consent", entityID: consent.id, on: db.conn).map(\.actor) == ["секретарь"])
        let token = try TokenRepository().issue(role: .school, organisationID: school.id, label: "школа", at: at, on: db.conn)
        try TokenRepository().revoke(token.token.id, at: at, on: db.conn)
        let entries = try audit.entries(entity: "api_token", entityID: token.token.id, on: db.conn)
        #expect(entries.map(\.action) == [.insert, .update])
        #expect(entries.allSatisfy { !($0.after ?? "").contains("token_hash") })
        #expect(entries.last?.changedKeys == ["revoked_at"])
    }
}
