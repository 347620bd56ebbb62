import Testing
@testable import SchoolNetDomain

@Suite struct ResultRulesTests {
    @Test func finalistGetsAResult() {
        #expect(ResultRules.checkRecord(award: .winner, entrant: "Иванова Мария", reachedFinal: true, absoluteWinner: nil, results: .draft).isEmpty)
    }

    @Test func onlyFinalistsGetResults() {
        let errors = ResultRules.checkRecord(award: .certificate, entrant: "Иванова Мария", reachedFinal: false, absoluteWinner: nil, results: .draft)
        #expect(errors.map(\.code) == [.notInFinalStage])
        #expect(errors.first?.messageRU == "Иванова Мария не участвует в финальном этапе, поэтому результат записать нельзя")
    }

    @Test func oneAbsoluteWinnerPerEvent() {
        let errors = ResultRules.checkRecord(
            award: .absoluteWinner, entrant: "Команда гимназии №56", reachedFinal: true,
            absoluteWinner: "Команда гимназии №55", results: .draft)
        #expect(errors.map(\.code) == [.absoluteWinnerTaken])
        #expect(errors.first?.messageRU == "Абсолютный победитель уже определён: Команда гимназии №55; у события он может быть только один")
        // Other awards are unaffected by an existing absolute winner.
        #expect(ResultRules.checkRecord(award: .winner, entrant: "X Y", reachedFinal: true, absoluteWinner: "A B", results: .draft).isEmpty)
    }

    @Test func publishedResultsChangeOnlyByCorrection() {
        let errors = ResultRules.checkRecord(award: .winner, entrant: "Иванова Мария", reachedFinal: true, absoluteWinner: nil, results: .published)
        #expect(errors.map(\.code) == [.resultsPublished])
        #expect(errors.first?.httpStatus == 409)
        #expect(errors.first?.messageRU == "Результаты уже опубликованы: изменить их можно только исправлением с указанием причины")
    }

    @Test(arguments: ["", "  "])
    func correctionNeedsAReason(reason: String) {
        let errors = ResultRules.checkRecord(
            award: .winner, entrant: "Иванова Мария", reachedFinal: true, absoluteWinner: nil,
            results: .published, change: .correction(reason: reason))
        #expect(errors.map(\.code) == [.correctionReasonRequired])
        #expect(errors.first?.field == "reason")
    }

    @Test(arguments: [ResultsState.draft, .published])
    func correctionWithReasonIsAccepted(results: ResultsState) {
        #expect(
            ResultRules.checkRecord(
                award: .winner, entrant: "Иванова Мария", reachedFinal: true, absoluteWinner: nil,
                results: results, change: .correction(reason: "Опечатка в протоколе жюри")
            ).isEmpty)
    }

    @Test func awardFromApi() throws {
        #expect(try ResultRules.award(code: "diploma_1", title: nil) == .diplomaFirstDegree)
        #expect(try ResultRules.award(code: "special", title: "За артистизм") == .specialNomination(title: "За артистизм"))
        let untitled = refusal { () throws(RegistrationError) in try ResultRules.award(code: "special", title: " ") }
        #expect(untitled?.code == .specialTitleRequired)
        #expect(untitled?.field == "title")
        let unknown = refusal { () throws(RegistrationError) in try ResultRules.award(code: "gold", title: nil) }
        #expect(unknown?.code == .validation)
        #expect(unknown?.httpStatus == 422)
    }
}

@Suite struct StageRulesTests {
    let final = Stage(id: StageID(rawValue: 2), name: "Финал", number: 2, capacity: 54, isFinal: true)

    @Test func acceptedEntryAdvancesWhileThereIsRoom() {
        #expect(StageRules.checkAdvance(entrant: "Иванова Мария", status: .accepted, into: final, stageTaken: 53).isEmpty)
    }

    @Test(arguments: [ApplicationStatus.submitted, .rejected, .withdrawn])
    func onlyAcceptedAdvance(status: ApplicationStatus) {
        let errors = StageRules.checkAdvance(entrant: "Иванова Мария", status: status, into: final, stageTaken: 0)
        #expect(errors.map(\.code) == [.applicationNotAccepted])
        #expect(errors.first?.messageRU == "Иванова Мария: на этап «Финал» переводят только принятые заявки, а эта \(status.nameRU)")
    }

    @Test func finalStageAndFinalists() {
        let qualifying = Stage(id: StageID(rawValue: 1), name: "Отборочный", number: 1, isFinal: false)
        #expect(StageRules.finalStage(of: [qualifying, final])?.id == final.id)
        #expect(StageRules.finalStage(of: [qualifying])?.id == qualifying.id)
        #expect(StageRules.finalStage(of: []) == nil)
        #expect(StageRules.reachedFinal(reached: [qualifying.id, final.id], stages: [qualifying, final]))
        #expect(!StageRules.reachedFinal(reached: [qualifying.id], stages: [qualifying, final]))
        #expect(StageRules.reachedFinal(reached: [], stages: []))
    }

    @Test func fullStage() {
        let errors = StageRules.checkAdvance(entrant: "Иванова Мария", status: .accepted, into: final, stageTaken: 54)
        #expect(errors.map(\.code) == [.stageFull])
    }
}

@Suite struct JurorRulesTests {
    let gymnasium13 = OrganisationID(rawValue: 13)

    @Test func jurorFromACompetingSchoolIsRefused() {
        let error = JurorRules.checkAssignment(
            juror: PersonName(parsing: "Смирнова Ольга Ивановна")!, jurorOrganisation: gymnasium13,
            organisationName: "МАОУ гимназия №13", nomination: "Вокал",
            competingOrganisations: [gymnasium13, OrganisationID(rawValue: 55)])
        #expect(error?.code == .jurorConflict)
        #expect(error?.messageRU == "Смирнова Ольга не может оценивать номинацию «Вокал»: в ней участвует МАОУ гимназия №13, где работает эксперт")
        #expect(error?.messageEN.hasPrefix("Смирнова Ольга may not judge “Вокал”") == true)
    }

    @Test func jurorFromElsewhereIsFine() {
        #expect(
            JurorRules.checkAssignment(
                juror: PersonName(parsing: "Смирнова Ольга")!, jurorOrganisation: gymnasium13,
                organisationName: "МАОУ гимназия №13", nomination: "Вокал",
                competingOrganisations: [OrganisationID(rawValue: 55)]) == nil)
    }
}
