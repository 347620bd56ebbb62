import Foundation
import PQ
import SchoolNetDomain
import SchoolNetService
import Testing

/// Edit, withdraw, review and read: rules re-checked, deadlines, places freed, who may see and do what.
@Suite(.serialized) struct RegistrationChangeTests {
    let fx: RegistrationFixture
    init() throws { fx = try RegistrationFixture.shared("registration_change") }

    func registered(_ event: EventID, _ members: [MemberRequest], team: String? = nil, by school: OrganisationID? = nil) async throws -> Application {
        let school = school ?? fx.schoolA
        return try await fx.service().register(request(event, school, members, team: team), by: fx.school(school)).application
    }

    @Test func editReplacesMembersNominationAndTeamName() async throws {
        let event = try fx.event(EventSpec(team: 2...3))
        let nomination = try fx.nomination(event, "Робототехника")
        let application = try await registered(event, [pupil("Альфа", "Аня"), pupil("Бета", "Боря")], team: "Роботы")
        let kept = application.members[0].personID
        let edited = try await fx.service().edit(
            application.id,
            ApplicationChange(
                teamName: "Киборги", nominationID: nomination, responsible: ResponsibleTeacher(name: "Иванов И. И.", phone: "+7 (3822) 12-34-56"),
                members: [pupil("Альфа", "Аня", role: .captain), pupil("Гамма", "Гоша"), pupil("Дельта", "Даша")]
            ), by: fx.school(fx.schoolA))
        #expect(edited.teamName == "Киборги")
        #expect(edited.nominationID == nomination)
        #expect(edited.members.map(\.lastName) == ["Альфа", "Гамма", "Дельта"])
        #expect(edited.members[0].personID == kept)
        #expect(edited.members[0].role == .captain)
        #expect(edited.responsible.phone == "+7 (3822) 12-34-56")
        // The removed member is free to join another team of the event.
        _ = try await registered(event, [pupil("Бета", "Боря"), pupil("Эпсилон", "Ева")], team: "Другие")
    }

    @Test func editReChecksEveryRule() async throws {
        let event = try fx.event(EventSpec(team: 2...3))
        let application = try await registered(event, [pupil("Один", "Олег"), pupil("Два", "Дима")], team: "Команда 1")
        _ = try await registered(event, [pupil("Три", "Толя"), pupil("Четыре", "Чеслав")], team: "Команда 2", by: fx.schoolB)
        let service = fx.service()
        let school = fx.school(fx.schoolA)
        try await expectRefusal(.teamTooSmall, in: fx) {
            try await service.edit(
                application.id, ApplicationChange(teamName: "Команда 1", responsible: responsible, members: [pupil("Один", "Олег")]), by: school)
        }
        try await expectRefusal(.gradeOutOfRange, in: fx) {
            try await service.edit(
                application.id,
                ApplicationChange(
                    teamName: "Команда 1", responsible: responsible,
                    members: [pupil("Один", "Олег"), pupil("Старый", "Савва", grade: 11)]), by: school)
        }
        try await expectRefusal(.teamNameTaken, in: fx) {
            try await service.edit(
                application.id,
                ApplicationChange(
                    teamName: "Команда 2", responsible: responsible,
                    members: [pupil("Один", "Олег"), pupil("Два", "Дима")]), by: school)
        }
        // Its own name and members don't count against it.
        _ = try await service.edit(
            application.id,
            ApplicationChange(
                teamName: "команда 1", responsible: responsible,
                members: [pupil("Два", "Дима"), pupil("Один", "Олег")]), by: school)
    }

    @Test func editAndWithdrawAfterTheDeadline() async throws {
        let event = try fx.event()
        let application = try await registered(event, [pupil("Поздняя", "Полина")])
        let late = fx.service(at: instant("2020-10-21T00:00:00+07:00"))
        try await expectRefusal(.editAfterDeadline, in: fx) {
            try await late.edit(application.id, ApplicationChange(responsible: responsible, members: [pupil("Поздняя", "Полина")]), by: fx.school(fx.schoolA))
        }
        try await expectRefusal(.withdrawAfterDeadline, in: fx) {
            try await late.withdraw(application.id, by: fx.school(fx.schoolA))
        }
    }

    @Test func anEarlyCloseStopsNewApplicationsButNotEditsOrWithdrawals() async throws {
        let event = try fx.event()
        let application = try await registered(event, [pupil("Ранняя", "Рита")])
        try fx.connect().execute("UPDATE event SET closed_early_at = $2 WHERE id = $1", [event.rawValue, instant("2020-10-11T09:00:00+07:00")])
        let afterClose = fx.service(at: instant("2020-10-12T09:00:00+07:00"))
        try await expectRefusal(.registrationClosedEarly, in: fx) {
            try await afterClose.register(request(event, fx.schoolB, [pupil("Поздняя", "Полина")]), by: fx.school(fx.schoolB))
        }
        let edited = try await afterClose.edit(
            application.id, ApplicationChange(responsible: responsible, members: [pupil("Вторая", "Вера")]),
            by: fx.school(fx.schoolA))
        #expect(edited.members.map(\.lastName) == ["Вторая"])  // (a grade on record is corrected explicitly: RegistrationGradeTests)
        #expect(try await afterClose.withdraw(application.id, by: fx.school(fx.schoolA)).status == .withdrawn)
    }

    @Test func withdrawalFreesThePlace() async throws {
        let event = try fx.event(EventSpec(capacity: 1))
        let first = try await registered(event, [pupil("Первая", "Анна")])
        try await expectRefusal(.eventFull, in: fx) {
            try await registered(event, [pupil("Вторая", "Вера")], by: fx.schoolB)
        }
        let withdrawn = try await fx.service().withdraw(first.id, reason: "заболела", by: fx.school(fx.schoolA))
        #expect(withdrawn.status == .withdrawn)
        #expect(withdrawn.statusReason == "заболела")
        _ = try await registered(event, [pupil("Вторая", "Вера")], by: fx.schoolB)
        // A withdrawn application stays withdrawn.
        try await expectRefusal(.invalidTransition, in: fx) {
            try await fx.service().withdraw(first.id, by: fx.school(fx.schoolA))
        }
    }

    @Test func organiserAcceptsAndRejectsWithAReason() async throws {
        let event = try fx.event()
        let a = try await registered(event, [pupil("Принятая", "Агата")])
        let b = try await registered(event, [pupil("Отклонённая", "Берта")])
        let organiser = fx.organiserCaller
        let accepted = try await fx.service().review(a.id, decision: .accept, by: organiser)
        #expect(accepted.status == .accepted)
        try await expectRefusal(.rejectionReasonRequired, field: "reason", in: fx) {
            try await fx.service().review(b.id, decision: .reject(reason: "  "), by: organiser)
        }
        let rejected = try await fx.service().review(b.id, decision: .reject(reason: "Работа не по теме"), by: organiser)
        #expect(rejected.status == .rejected)
        #expect(rejected.statusReason == "Работа не по теме")
        try await expectRefusal(.invalidTransition, in: fx) {
            try await fx.service().review(b.id, decision: .accept, by: organiser)
        }
        // The school sees the decision but may not make one.
        try await expectRefusal(.forbidden, in: fx) {
            try await fx.service().review(a.id, decision: .reject(reason: "сами"), by: fx.school(fx.schoolA))
        }
        // An organiser of someone else's event doesn't even see the application.
        let stranger = Caller(organisationID: fx.schoolB, role: .organiser, displayName: "Чужой организатор")
        try await expectRefusal(.notFound, in: fx) {
            try await fx.service().review(a.id, decision: .accept, by: stranger)
        }
    }

    @Test func schoolsSeeOnlyTheirOwnApplications() async throws {
        let event = try fx.event()
        let mine = try await registered(event, [pupil("Моя", "Маша")])
        let theirs = try await registered(event, [pupil("Чужая", "Чара")], by: fx.schoolB)
        let service = fx.service()
        #expect(try await service.application(mine.id, by: fx.school(fx.schoolA)) == mine)
        try await expectRefusal(.notFound, in: fx) { try await service.application(theirs.id, by: fx.school(fx.schoolA)) }
        try await expectRefusal(.notFound, in: fx) {
            try await service.edit(theirs.id, ApplicationChange(responsible: responsible, members: [pupil("Моя", "Маша")]), by: fx.school(fx.schoolA))
        }
        try await expectRefusal(.notFound, in: fx) { try await service.withdraw(theirs.id, by: fx.school(fx.schoolA)) }
        try await expectRefusal(.forbidden, in: fx) {
            try await service.applications(eventID: event, organisationID: fx.schoolB, by: fx.school(fx.schoolA))
        }
        #expect(try await service.applications(eventID: event, by: fx.school(fx.schoolA)).map(\.id) == [mine.id])
        #expect(try await service.applications(eventID: event, by: fx.organiserCaller).map(\.id) == [mine.id, theirs.id])
        #expect(try await service.applications(eventID: event, organisationID: fx.schoolB, by: fx.admin).map(\.id) == [theirs.id])
        let stranger = Caller(organisationID: fx.schoolB, role: .organiser, displayName: "Чужой организатор")
        #expect(try await service.applications(eventID: event, by: stranger).isEmpty)
    }
}
