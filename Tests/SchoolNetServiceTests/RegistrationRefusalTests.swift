import Foundation
import PQ
import SchoolNetDomain
import SchoolNetService
import Testing

/// Every refusal of issue 5, provoked once: the right code, and not one row written anywhere.
@Suite(.serialized) struct RegistrationRefusalTests {
    let fx: RegistrationFixture
    init() throws { fx = try RegistrationFixture.shared("registration_refusals") }

    func register(_ r: RegistrationRequest, at now: Date = RegistrationFixture.now, by caller: Caller? = nil) async throws -> RegistrationOutcome {
        try await fx.service(at: now).register(r, by: caller ?? fx.school(r.organisationID))
    }

    // MARK: the window

    @Test func notOpenYet() async throws {
        let event = try fx.event(EventSpec(opensAt: instant("2020-10-15T09:00:00+07:00")))
        try await expectRefusal(.registrationNotOpen, in: fx) {
            try await register(request(event, fx.schoolA, [pupil("Иванова", "Мария")]))
        }
    }

    @Test func notScheduledByTheOrganiser() async throws {
        let event = try fx.event(EventSpec(opensAt: nil))
        try await expectRefusal(.registrationNotOpen, in: fx) {
            try await register(request(event, fx.schoolA, [pupil("Иванова", "Мария")]))
        }
    }

    @Test func closedAtTheEndOfTheDeadlineDayInTheEventsZone() async throws {
        let event = try fx.event(EventSpec(closesOn: "2020-10-20"))
        // 23:59 in Tomsk on the 20th is still the 20th: accepted.
        _ = try await register(request(event, fx.schoolA, [pupil("Сидоров", "Пётр")]), at: instant("2020-10-20T23:59:00+07:00"))
        // Midnight in Tomsk is 17:00 UTC on the 20th: closed, though it is still the 20th in UTC.
        try await expectRefusal(.registrationClosed, in: fx) {
            try await register(request(event, fx.schoolA, [pupil("Иванова", "Мария")]), at: instant("2020-10-20T17:00:00Z"))
        }
    }

    @Test func closedEarlyByTheOrganiser() async throws {
        let event = try fx.event(EventSpec(closedEarlyAt: instant("2020-10-05T10:00:00+07:00")))
        try await expectRefusal(.registrationClosedEarly, in: fx) {
            try await register(request(event, fx.schoolA, [pupil("Иванова", "Мария")]))
        }
    }

    // MARK: eligibility

    @Test func gradeOutsideTheRange() async throws {
        let event = try fx.event(EventSpec(grades: 8...11))
        try await expectRefusal(.gradeOutOfRange, field: "members[0].grade", in: fx) {
            try await register(request(event, fx.schoolA, [pupil("Иванова", "Мария", grade: 6)]))
        }
    }

    @Test func gradeMissing() async throws {
        let event = try fx.event(EventSpec(grades: 8...11))
        try await expectRefusal(.gradeMissing, field: "members[0].grade", in: fx) {
            try await register(request(event, fx.schoolA, [pupil("Иванова", "Мария", grade: nil)]))
        }
    }

    @Test func ageOutsideTheRangeOnTheReferenceDate() async throws {
        // Born 2013-10-27: 6 on the event's first day (2020-10-25), 7 two days later.
        let event = try fx.event(EventSpec(grades: nil, ages: 7...18))
        try await expectRefusal(.ageOutOfRange, field: "members[0].birthDate", in: fx) {
            try await register(request(event, fx.schoolA, [pupil("Иванов", "Илья", grade: 1, born: "2013-10-27")]))
        }
        let later = try fx.event(EventSpec(grades: nil, ages: 7...18, ageReferenceDate: "2020-10-27"))
        _ = try await register(request(later, fx.schoolA, [pupil("Иванов", "Илья", grade: 1, born: "2013-10-27")]))
    }

    @Test func birthDateMissingWhereAgesAreLimited() async throws {
        let event = try fx.event(EventSpec(grades: nil, ages: 7...18))
        try await expectRefusal(.birthDateMissing, in: fx) {
            try await register(request(event, fx.schoolA, [pupil("Иванов", "Илья", born: nil)]))
        }
    }

    @Test func preschoolerNotAllowed() async throws {
        let event = try fx.event(EventSpec(grades: nil))
        let child = MemberRequest(lastName: "Малышева", firstName: "Ева", birthDate: date("2015-05-05"), kind: .preschooler, grade: 0, consent: true)
        try await expectRefusal(.preschoolerNotAllowed, field: "members[0].kind", in: fx) {
            try await register(request(event, fx.schoolA, [child]))
        }
    }

    @Test func teacherWhereOnlyPupilsMayEnter() async throws {
        let event = try fx.event(EventSpec(grades: nil))
        try await expectRefusal(.teacherNotAllowed, in: fx) {
            try await register(request(event, fx.schoolA, [teacher("Петрова", "Анна")]))
        }
    }

    @Test func pupilWhereOnlyTeachersMayEnter() async throws {
        let event = try fx.event(EventSpec(grades: nil, allowPupils: false, allowTeachers: true))
        try await expectRefusal(.pupilNotAllowed, in: fx) {
            try await register(request(event, fx.schoolA, [pupil("Иванова", "Мария")]))
        }
    }

    @Test func studentWhereStudentsDontEnter() async throws {
        let event = try fx.event(EventSpec(grades: nil))
        let student = MemberRequest(lastName: "Студентов", firstName: "Степан", birthDate: date("2001-01-01"), kind: .student)
        try await expectRefusal(.studentNotAllowed, in: fx) {
            try await register(request(event, fx.schoolA, [student]))
        }
    }

    @Test func headcountInAnIndividualEvent() async throws {
        let event = try fx.event()
        try await expectRefusal(.teamNotAllowed, field: "headcount", in: fx) {
            try await register(request(event, fx.schoolA, [pupil("Иванова", "Мария")], headcount: 5))
        }
    }

    @Test func minorWithoutConsent() async throws {
        let event = try fx.event()
        try await expectRefusal(.consentMissing, field: "members[0].consent", in: fx) {
            try await register(request(event, fx.schoolA, [pupil("Иванова", "Мария", consent: false)]))
        }
    }

    // MARK: teams

    @Test func teamTooSmallAndTooLarge() async throws {
        let event = try fx.event(EventSpec(team: 3...4))
        try await expectRefusal(.teamTooSmall, in: fx) {
            try await register(request(event, fx.schoolA, [pupil("А", "Аня"), pupil("Б", "Боря")], team: "Малые"))
        }
        let five = ["А", "Б", "В", "Г", "Д"].map { pupil($0, "Имя") }
        try await expectRefusal(.teamTooLarge, in: fx) {
            try await register(request(event, fx.schoolA, five, team: "Большие"))
        }
    }

    @Test func requiredRoleMissing() async throws {
        let event = try fx.event(EventSpec(team: 2...2, requiredRoles: ["mentor", "young_teacher"], grades: nil, allowPupils: false, allowTeachers: true))
        try await expectRefusal(.requiredRoleMissing, in: fx) {
            try await register(
                request(
                    event, fx.schoolA,
                    [
                        teacher("Наставникова", "Ольга", role: .mentor), teacher("Учителева", "Ирина", role: .mentor)
                    ], team: "Кейс"))
        }
    }

    @Test func teamInAnIndividualEvent() async throws {
        let event = try fx.event()
        try await expectRefusal(.teamNotAllowed, in: fx) {
            try await register(request(event, fx.schoolA, [pupil("А", "Аня"), pupil("Б", "Боря")]))
        }
    }

    @Test func samePersonTwiceInOneApplication() async throws {
        let event = try fx.event(EventSpec(team: 2...4))
        try await expectRefusal(.duplicateMember, field: "members[1]", in: fx) {
            try await register(request(event, fx.schoolA, [pupil("Иванова", "Мария"), pupil("ИВАНОВА", "Мария")], team: "Дубль"))
        }
    }

    @Test func teamNameTaken() async throws {
        let event = try fx.event(EventSpec(team: 1...3))
        _ = try await register(request(event, fx.schoolA, [pupil("Орлов", "Олег")], team: "Звезда"))
        try await expectRefusal(.teamNameTaken, in: fx) {
            try await register(request(event, fx.schoolB, [pupil("Соколов", "Семён")], team: "  звезда "))
        }
    }

    // MARK: places

    @Test func eventFull() async throws {
        let event = try fx.event(EventSpec(capacity: 1))
        _ = try await register(request(event, fx.schoolA, [pupil("Первая", "Анна")]))
        try await expectRefusal(.eventFull, in: fx) {
            try await register(request(event, fx.schoolB, [pupil("Вторая", "Вера")]))
        }
    }

    @Test func firstStageFull() async throws {
        let event = try fx.event()
        try fx.connect().execute("INSERT INTO event_stage (event_id, position, title, capacity) VALUES ($1, 1, 'Отборочный', 1)", [event.rawValue])
        _ = try await register(request(event, fx.schoolA, [pupil("Первая", "Анна")]))
        try await expectRefusal(.stageFull, in: fx) {
            try await register(request(event, fx.schoolB, [pupil("Вторая", "Вера")]))
        }
    }

    @Test func organisationsOwnLimit() async throws {
        let event = try fx.event(EventSpec(perOrganisationLimit: 1))
        _ = try await register(request(event, fx.schoolA, [pupil("Первая", "Анна")]))
        try await expectRefusal(.organisationLimitReached, in: fx) {
            try await register(request(event, fx.schoolA, [pupil("Вторая", "Вера")]))
        }
        _ = try await register(request(event, fx.schoolB, [pupil("Третья", "Галя")]))
    }

    @Test func personAlreadyEnteredInAnotherTeam() async throws {
        let event = try fx.event(EventSpec(team: 1...3))
        _ = try await register(request(event, fx.schoolA, [pupil("Иванова", "Мария"), pupil("Кузнецов", "Кирилл")], team: "Первая"))
        try await expectRefusal(.personAlreadyEntered, field: "members[1]", in: fx) {
            try await register(request(event, fx.schoolA, [pupil("Смирнов", "Степан"), pupil("Иванова", "Мария")], team: "Вторая"))
        }
    }

    // MARK: event and organisation

    @Test func nominationOfAnotherEvent() async throws {
        let event = try fx.event()
        let other = try fx.nomination(try fx.event())
        try await expectRefusal(.nominationNotInEvent, field: "nominationId", in: fx) {
            try await register(request(event, fx.schoolA, [pupil("Иванова", "Мария")], nomination: other))
        }
        try await expectRefusal(.nominationNotInEvent, field: "entries[0].nominationId", in: fx) {
            try await register(
                request(
                    event, fx.schoolA, [pupil("Иванова", "Мария")],
                    entries: [
                        EntryRequest(kind: .work, title: "Рисунок", nominationID: other, authors: [0])
                    ]))
        }
    }

    @Test func membersOnlyEventRefusesANonMember() async throws {
        let event = try fx.event(EventSpec(membersOnly: true))
        try await expectRefusal(.organisationNotAllowed, in: fx) {
            try await register(request(event, fx.schoolC, [pupil("Иванова", "Мария")]))
        }
        _ = try await register(request(event, fx.schoolA, [pupil("Иванова", "Мария")]))
    }

    @Test func unknownEventAndOrganisation() async throws {
        try await expectRefusal(.notFound, field: "eventId", in: fx) {
            try await register(request(EventID(rawValue: 987_654), fx.schoolA, [pupil("Иванова", "Мария")]))
        }
        let event = try fx.event()
        try await expectRefusal(.notFound, field: "organisationId", in: fx) {
            try await register(request(event, OrganisationID(rawValue: 987_654), [pupil("Иванова", "Мария")]), by: fx.admin)
        }
    }

    // MARK: who may ask

    @Test func schoolForAnotherOrganisation() async throws {
        let event = try fx.event()
        try await expectRefusal(.forbidden, field: "organisationId", in: fx) {
            try await register(request(event, fx.schoolB, [pupil("Иванова", "Мария")]), by: fx.school(fx.schoolA))
        }
        try await expectRefusal(.forbidden, in: fx) {
            try await register(request(event, fx.schoolB, [pupil("Иванова", "Мария")]), by: fx.organiserCaller)
        }
    }

    @Test func historicalImportIsForTheAdminOnly() async throws {
        let event = try fx.event(EventSpec(startsOn: "2020-10-02", opensAt: instant("2020-09-01T00:00:00+07:00"), closesOn: "2020-09-30"))
        try await expectRefusal(.forbidden, field: "historicalImport", in: fx) {
            try await register(request(event, fx.schoolA, [pupil("Иванова", "Мария")], historical: true))
        }
    }

    @Test func malformedRequestIsAValidationRefusal() async throws {
        let event = try fx.event()
        var r = request(event, fx.schoolA, [pupil("  ", "Мария")])
        r.change.responsible = ResponsibleTeacher(name: "Петрова", email: "not-an-email")
        try await expectRefusal([.validation, .validation], in: fx) { try await register(r) }
        r = request(event, fx.schoolA, [pupil("Иванова", "Мария")])
        r.change.responsible = ResponsibleTeacher(name: "Петрова")
        try await expectRefusal(.validation, field: "responsible", in: fx) { try await register(r) }
    }

    // MARK: idempotency

    @Test func sameKeyWithADifferentBody() async throws {
        let event = try fx.event()
        _ = try await register(request(event, fx.schoolA, [pupil("Иванова", "Мария")], key: "k-conflict"))
        try await expectRefusal(.idempotencyConflict, field: "Idempotency-Key", in: fx) {
            try await register(request(event, fx.schoolA, [pupil("Петрова", "Мария")], key: "k-conflict"))
        }
    }
}
