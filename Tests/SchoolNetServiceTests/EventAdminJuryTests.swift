import Foundation
import SchoolNetDomain
import SchoolNetService
import Testing

@Suite struct EventAdminJuryTests {
    typealias F = EventAdminFixture
    static let kuznetsova = PersonID(rawValue: 201)  // teacher at гимназия №18
    static let smirnov = PersonID(rawValue: 202)  // expert by a staff role at СОШ №50
    static let orlova = PersonID(rawValue: 203)  // teacher at СОШ №60, which enters nothing

    /// Makes the three teachers experts of гимназия №13 too: an organiser may name only people it may know.
    static let staffOf13 = "INSERT INTO teacher_role (person_id, organisation_id, role) VALUES (201, 13, 'expert'), (202, 13, 'expert'), (203, 13, 'expert');"

    /// The refusal's messages, both languages, all errors.
    static func messages(_ body: () async throws -> some Any) async -> (codes: [ErrorCode], text: String) {
        do {
            _ = try await body()
            return ([], "")
        } catch let refusal as RegistrationRefusal {
            return (refusal.errors.map(\.code), refusal.errors.map { "\($0.field ?? "") \($0.messageRU) \($0.messageEN)" }.joined(separator: "\n"))
        } catch {
            return ([], "\(error)")
        }
    }

    @Test func assigningListingAndRemovingAJuror() async throws {
        try await F.with("jury_assign") { f in
            try f.run(Self.staffOf13)
            try f.applications(2, firstID: 1000, organisations: [18], nomination: F.poetry)
            let assignment = try await f.service.assignJuror(Self.orlova, event: F.event, nomination: F.poetry, role: .chair, by: F.organiser)
            #expect(assignment.jurorName == "Орлова Нина")
            #expect(assignment.role == .chair)
            let again = try await f.service.assignJuror(Self.orlova, event: F.event, nomination: F.poetry, role: .chair, by: F.organiser)
            #expect(again.id == assignment.id)
            #expect(try await f.service.jurors(event: F.event, by: F.organiser) == [assignment])
            #expect(try f.count("SELECT count(*) FROM audit_log WHERE entity = 'jury_assignment' AND actor = $1", [F.organiser.displayName]) == 1)

            try await f.service.unassignJuror(assignment.id, event: F.event, by: F.organiser)
            #expect(try f.count("SELECT count(*) FROM jury_assignment") == 0)
            let gone = await refusal { try await f.service.unassignJuror(assignment.id, event: F.event, by: F.organiser) }
            #expect(gone.codes == [.notFound])
        }
    }

    @Test func aJurorMayJudgeANominationTheirOrganisationStaysOutOf() async throws {
        try await F.with("jury_other_nomination") { f in
            try f.run(Self.staffOf13)
            try f.applications(1, firstID: 1000, organisations: [18], nomination: F.poetry)
            let assignment = try await f.service.assignJuror(Self.kuznetsova, event: F.event, nomination: F.prose, by: F.organiser)
            #expect(assignment.nominationID == F.prose)
        }
    }

    @Test func aJurorMayNotJudgeTheirOwnOrganisation() async throws {
        try await F.with("jury_conflict") { f in
            try f.run(Self.staffOf13)
            try f.applications(1, firstID: 1000, organisations: [18], nomination: F.poetry)
            try f.applications(1, firstID: 1100, organisations: [50], nomination: F.prose)
            let before = try f.footprint()
            let own = await refusal { try await f.service.assignJuror(Self.kuznetsova, event: F.event, nomination: F.poetry, by: F.organiser) }
            #expect(own.codes == [.jurorConflict])
            // The whole event includes every nomination.
            let whole = await refusal { try await f.service.assignJuror(Self.kuznetsova, event: F.event, by: F.organiser) }
            #expect(whole.codes == [.jurorConflict])
            // A staff role counts as much as the usual organisation.
            let role = await refusal { try await f.service.assignJuror(Self.smirnov, event: F.event, nomination: F.prose, by: F.organiser) }
            #expect(role.codes == [.jurorConflict])
            #expect(try f.footprint() == before)
        }
    }

    @Test func aStaffRoleThatEndedBeforeTheEventIsNoConflict() async throws {
        try await F.with("jury_past_role") { f in
            try f.run(Self.staffOf13)
            try f.applications(1, firstID: 1000, organisations: [50], nomination: F.prose)
            try f.run("UPDATE teacher_role SET since = '2015-09-01', until = '2020-08-31' WHERE person_id = 202")
            let assignment = try await f.service.assignJuror(Self.smirnov, event: F.event, nomination: F.prose, by: F.organiser)
            #expect(assignment.jurorName == "Смирнов Павел")
        }
    }

    @Test func anEntryInTheNominationCountsAsCompeting() async throws {
        try await F.with("jury_entry") { f in
            try f.run(Self.staffOf13)
            let ids = try f.applications(1, firstID: 1000, organisations: [18])
            try f.run("INSERT INTO entry (application_id, event_id, nomination_id, kind, title) VALUES (\(ids[0].rawValue), 1, 21, 'work', 'Стихи')")
            let r = await refusal { try await f.service.assignJuror(Self.kuznetsova, event: F.event, nomination: F.poetry, by: F.organiser) }
            #expect(r.codes == [.jurorConflict])
        }
    }

    @Test func badJurorRequestsAreRefused() async throws {
        try await F.with("jury_refused") { f in
            try f.run(Self.staffOf13)
            let pupils = try f.applications(1, firstID: 1000)
            let before = try f.footprint()
            let pupil = await refusal { try await f.service.assignJuror(PersonID(rawValue: pupils[0].rawValue), event: F.event, by: F.organiser) }
            #expect(pupil.codes == [.validation])
            let nobody = await refusal { try await f.service.assignJuror(PersonID(rawValue: 999), event: F.event, by: F.organiser) }
            #expect(nobody.codes == [.notFound])
            let nomination = await refusal { try await f.service.assignJuror(Self.orlova, event: F.event, nomination: F.otherNomination, by: F.organiser) }
            #expect(nomination.codes == [.nominationNotInEvent])
            let stage = await refusal { try await f.service.assignJuror(Self.orlova, event: F.event, stage: F.otherStage, by: F.organiser) }
            #expect(stage.codes == [.notFound])
            for actor in [F.otherOrganiser, F.school] {
                let r = await refusal { try await f.service.assignJuror(Self.orlova, event: F.event, by: actor) }
                #expect(r.codes == [.forbidden])
                let list = await refusal { try await f.service.jurors(event: F.event, by: actor) }
                #expect(list.codes == [.forbidden])
            }
            #expect(try f.footprint() == before)
        }
    }

    @Test func anotherEventsAssignmentCannotBeRemovedThroughThisOne() async throws {
        try await F.with("jury_cross_event") { f in
            let theirs = try await f.service.assignJuror(Self.orlova, event: F.otherEvent, by: F.admin)
            let before = try f.footprint()
            let forbidden = await refusal { try await f.service.unassignJuror(theirs.id, event: F.otherEvent, by: F.organiser) }
            #expect(forbidden.codes == [.forbidden])
            let r = await refusal { try await f.service.unassignJuror(theirs.id, event: F.event, by: F.organiser) }
            #expect(r.codes == [.notFound])
            #expect(try f.footprint() == before)
        }
    }

    @Test func anOrganiserNamesOnlyPeopleItMayKnow() async throws {
        try await F.with("jury_unknown") { f in
            // A pupil of another organiser's event, from a school that enters nothing here.
            let stranger = try f.applications(1, event: F.otherEvent, firstID: 1000, organisations: [50])
            try f.applications(1, firstID: 1100, organisations: [18], nomination: F.poetry)
            let before = try f.footprint()
            let pupil = PersonID(rawValue: stranger[0].rawValue)
            // A pupil, a teacher of another school, a teacher of a competing school: all just "not found", no name, no school.
            for (person, name) in [(pupil, "Ученица1000"), (Self.orlova, "Орлова"), (Self.kuznetsova, "Кузнецова")] {
                let r = await Self.messages { try await f.service.assignJuror(person, event: F.event, nomination: F.poetry, by: F.organiser) }
                #expect(r.codes == [.notFound], "\(person)")
                #expect(!r.text.contains(name) && !r.text.contains("гимназия №18") && !r.text.contains("СОШ"), "\(r.text)")
                #expect(
                    r.text
                        == (await Self.messages {
                            try await f.service.assignJuror(PersonID(rawValue: 999_999), event: F.event, nomination: F.poetry, by: F.organiser)
                        }).text.replacingOccurrences(of: "999999", with: String(person.rawValue)))
            }
            #expect(try f.footprint() == before)

            // Staff of its own organisation, people of its events: named as before.
            try f.run("INSERT INTO teacher_role (person_id, organisation_id, role) VALUES (203, 13, 'mentor');")
            let known = try await f.service.assignJuror(Self.orlova, event: F.event, nomination: F.poetry, by: F.organiser)
            #expect(known.jurorName == "Орлова Нина")
            let ownPupil = try f.applications(1, firstID: 1200, organisations: [50])
            let named = await Self.messages { try await f.service.assignJuror(PersonID(rawValue: ownPupil[0].rawValue), event: F.event, by: F.organiser) }
            #expect(named.codes == [.validation])
            #expect(named.text.contains("Ученица1200"))
            // The regional centre may name anyone.
            let byAdmin = await Self.messages { try await f.service.assignJuror(pupil, event: F.event, by: F.admin) }
            #expect(byAdmin.codes == [.validation])
        }
    }
}
