import Testing
@testable import SchoolNetDomain

@Suite struct CapacityTests {
    @Test(arguments: [(5, 1, true), (6, 0, true), (5, 2, false), (6, 1, false)])
    func eventCapacityBoundary(taken: Int, requested: Int, ok: Bool) {
        #expect((Capacity.checkEvent(taken: taken, requested: requested, limit: 6) == nil) == ok)
    }

    @Test func unlimitedWhenNoLimit() {
        #expect(Capacity.checkEvent(taken: 10_000, requested: 7, limit: nil) == nil)
        #expect(Capacity.checkStage(named: "Финал", taken: 10_000, limit: nil) == nil)
        #expect(Capacity.checkOrganisation(named: "СОШ №50", taken: 99, requested: 1, limit: nil) == nil)
    }

    @Test func fullAndNotEnoughRoomSayDifferentThings() {
        let full = Capacity.checkEvent(taken: 6, requested: 1, limit: 6)
        #expect(full?.code == .eventFull)
        #expect(full?.messageRU == "Мест на событии больше нет: занято 6 из 6")
        #expect(full?.httpStatus == 409)
        let short = Capacity.checkEvent(taken: 40, requested: 7, limit: 42)
        #expect(short?.messageRU == "На событии свободно мест: 2 из 42, а для заявки нужно 7")
        #expect(short?.messageEN == "Only 2 places left at the event, the application needs 7")
    }

    @Test func stageCapacity() {
        // The readers' final took 54 of the 96 contestants.
        #expect(Capacity.checkStage(named: "Финал", taken: 53, limit: 54) == nil)
        let error = Capacity.checkStage(named: "Финал", taken: 54, limit: 54)
        #expect(error?.code == .stageFull)
        #expect(error?.messageRU == "Этап «Финал» заполнен: 54 из 54, перевести ещё 1 нельзя")
    }

    @Test func organisationQuota() {
        #expect(Capacity.checkOrganisation(named: "МАОУ гимназия №13", taken: 0, requested: 1, limit: 1) == nil)
        let error = Capacity.checkOrganisation(named: "МАОУ гимназия №13", taken: 1, requested: 1, limit: 1)
        #expect(error?.code == .organisationLimitReached)
        #expect(error?.messageRU == "От одной организации принимается не больше 1 заявки; у «МАОУ гимназия №13» уже 1 заявка")
        #expect(error?.messageEN == "At most 1 application per organisation; “МАОУ гимназия №13” already has 1")
        let six = Capacity.checkOrganisation(named: "СОШ №50", taken: 6, limit: 6)
        #expect(six?.messageRU == "От одной организации принимается не больше 6 заявок; у «СОШ №50» уже 6 заявок")
        #expect(Capacity.checkOrganisation(named: "СОШ №50", taken: 2, limit: 3)?.messageRU == nil)
        #expect(Capacity.checkOrganisation(named: "СОШ №50", taken: 3, limit: 3)?.messageRU.hasSuffix("уже 3 заявки") == true)
    }
}
