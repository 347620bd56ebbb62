import Foundation
import Testing
@testable import SchoolNetDomain

@Suite struct EntryChecksTests {
    @Test func personAlreadyEntered() {
        #expect(EntryChecks.checkNotAlreadyEntered(pupil("Иванова Мария"), existing: nil) == nil)
        let error = EntryChecks.checkNotAlreadyEntered(pupil("Иванова Мария"), existing: ApplicationID(rawValue: 123))
        #expect(error?.code == .personAlreadyEntered)
        #expect(error?.messageRU == "Иванова Мария уже есть в другой заявке на это событие (заявка №123)")
        #expect(error?.messageEN == "Иванова Мария is already entered in this event (application #123)")
    }

    @Test func nominationMustBelongToTheEvent() {
        let event = EventID(rawValue: 10)
        let vocal = NominationID(rawValue: 5)
        #expect(EntryChecks.checkNomination(vocal, belongsTo: event, event: event) == nil)
        let foreign = EntryChecks.checkNomination(vocal, belongsTo: EventID(rawValue: 11), event: event)
        #expect(foreign?.code == .nominationNotInEvent)
        #expect(foreign?.field == "nominationId")
        #expect(foreign?.messageRU == "Номинация №5 не относится к этому событию")
        #expect(EntryChecks.checkNomination(vocal, belongsTo: nil, event: event)?.code == .nominationNotInEvent)
    }

    @Test func membersOnlyEvents() {
        #expect(EntryChecks.checkMembership(organisation: "МАОУ «Калтайская СОШ»", isMember: false, membersOnly: false) == nil)
        #expect(EntryChecks.checkMembership(organisation: "МАОУ гимназия №13", isMember: true, membersOnly: true) == nil)
        let error = EntryChecks.checkMembership(organisation: "МАОУ «Калтайская СОШ»", isMember: false, membersOnly: true)
        #expect(error?.code == .organisationNotAllowed)
        #expect(error?.httpStatus == 403)
        #expect(error?.messageRU == "Событие только для участников сети, а «МАОУ «Калтайская СОШ»» не заключила договор о сетевом взаимодействии")
    }

    @Test func idempotencyKey() throws {
        #expect(try EntryChecks.checkIdempotency(storedFingerprint: nil, incomingFingerprint: "abc") == .proceed)
        #expect(try EntryChecks.checkIdempotency(storedFingerprint: "abc", incomingFingerprint: "abc") == .replay)
        let conflict = refusal { () throws(RegistrationError) in
            try EntryChecks.checkIdempotency(storedFingerprint: "abc", incomingFingerprint: "abd")
        }
        #expect(conflict?.code == .idempotencyConflict)
        #expect(conflict?.httpStatus == 409)
        #expect(conflict?.field == "Idempotency-Key")
    }
}

@Suite struct IdentifierTests {
    @Test func idsAreDistinctTypesOverInt64() throws {
        let id = OrganisationID(rawValue: 13)
        #expect(id.rawValue == 13)
        #expect(OrganisationID(rawValue: 2) < id)
        let data = try JSONEncoder().encode(id)
        #expect(String(decoding: data, as: UTF8.self) == "13")
        #expect(try JSONDecoder().decode(OrganisationID.self, from: data) == id)
    }
}
