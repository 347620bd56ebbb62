import Testing
@testable import SchoolNetDomain

@Suite struct TeamRulesTests {
    static let names = ["Иванова Мария", "Петров Иван", "Сидорова Анна", "Кузнецов Илья", "Смирнова Ева", "Попов Глеб", "Волкова Софья", "Лебедев Марк"]
    func sixthGraders(_ n: Int) -> [Entrant] {
        (0..<n).map { pupil(Self.names[$0]) }
    }

    // «Спортивная мозаика»: seven sixth-graders per team.
    let mosaic = TeamRules.team(7...7)

    @Test func exactTeamPasses() {
        #expect(mosaic.violations(for: sixthGraders(7)).isEmpty)
    }

    @Test func tooSmallAndTooLarge() {
        let small = mosaic.violations(for: sixthGraders(6), teamName: "Олимпийцы")
        #expect(small.map(\.code) == [.teamTooSmall])
        #expect(small.first?.messageRU == "Команда «Олимпийцы»: 6 участников, а нужно не меньше 7")
        #expect(small.first?.messageEN == "Team “Олимпийцы” has 6 members, at least 7 required")
        let large = mosaic.violations(for: sixthGraders(8))
        #expect(large.map(\.code) == [.teamTooLarge])
        #expect(large.first?.messageRU == "Команда: 8 участников, а можно не больше 7")
        #expect(large.first?.field == "members")
    }

    @Test(arguments: [(1, false), (2, true), (3, true), (4, true), (5, false)])
    func rangeBoundsAreInclusive(size: Int, ok: Bool) {
        #expect(TeamRules.team(2...4).violations(for: sixthGraders(size)).isEmpty == ok)
    }

    @Test func mentorAndYoungTeacherPair() {
        // «Школьные кейсы»: a mentor and a young teacher.
        let cases = TeamRules.team(2...2, requiredRoles: [.mentor: 1, .youngTeacher: 1])
        let pair = [teacher("Смирнова Ольга Ивановна", role: .mentor), teacher("Зайцева Дарья", role: .youngTeacher)]
        #expect(cases.violations(for: pair).isEmpty)
        let twoMentors = [teacher("Смирнова Ольга", role: .mentor), teacher("Орлов Денис", role: .mentor)]
        let errors = cases.violations(for: twoMentors)
        #expect(errors.map(\.code) == [.requiredRoleMissing])
        #expect(errors.first?.messageRU == "Команда: нужно 1 в роли «молодой учитель», а указано 0")
        #expect(errors.first?.messageEN == "The team needs 1 young teacher, 0 given")
    }

    @Test func accompanyingMentorDoesNotCountTowardsSize() {
        let rules = TeamRules.team(7...7, requiredRoles: [.mentor: 1], uncountedRoles: [.mentor])
        let team = sixthGraders(7) + [teacher("Смирнова Ольга", role: .mentor)]
        #expect(rules.countedSize(of: team) == 7)
        #expect(rules.violations(for: team).isEmpty)
        #expect(rules.violations(for: sixthGraders(7)).map(\.code) == [.requiredRoleMissing])
    }

    @Test func samePersonTwiceIsNamedWithRows() {
        var team = sixthGraders(7)
        team[5] = pupil("ИВАНОВА  мария")
        let errors = mosaic.violations(for: team)
        #expect(errors.map(\.code) == [.duplicateMember])
        #expect(errors.first?.field == "members[5]")
        #expect(errors.first?.messageRU == "Иванова Мария встречается в заявке дважды (строки 1 и 6)")
        #expect(errors.first?.messageEN == "Иванова Мария is listed twice (rows 1 and 6)")
    }

    @Test func registryIdDecidesIdentity() {
        // Namesakes with different ids are different people; one id under two spellings is one person.
        let namesakes = [pupil("Иванова Мария", id: 1), pupil("Иванова Мария", id: 2)]
        #expect(TeamRules.team(2...2).violations(for: namesakes).isEmpty)
        let same = [pupil("Иванова Мария", id: 1), pupil("Иванова Маша", id: 1)]
        #expect(TeamRules.team(2...2).violations(for: same).map(\.code) == [.duplicateMember])
        // Without ids, the same name with different birth dates is two people.
        let twins = [pupil("Иванова Мария", born: "2009-01-01"), pupil("Иванова Мария", born: "2009-05-05")]
        #expect(TeamRules.team(2...2).violations(for: twins).isEmpty)
    }

    @Test func individualEventRefusesATeam() {
        let errors = TeamRules.individual.violations(for: sixthGraders(3))
        #expect(errors.map(\.code) == [.teamNotAllowed])
        #expect(errors.first?.messageRU == "Участие в этом событии индивидуальное: в заявке должен быть один участник, а указано 3 участника")
        #expect(TeamRules.individual.violations(for: sixthGraders(1)).isEmpty)
        #expect(TeamRules.individual.violations(for: []).map(\.code) == [.teamNotAllowed])
    }

    @Test func emptyTeamIsTooSmall() {
        #expect(mosaic.violations(for: []).map(\.code) == [.teamTooSmall])
    }
}
