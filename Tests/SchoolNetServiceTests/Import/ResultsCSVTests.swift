import SchoolNetDomain
import Testing
@testable import SchoolNetService

@Suite struct ResultsCSVTests {
    @Test func russianHeadersSemicolonsAndWindows1251() throws {
        let bytes = CP1251.encode("Заявка;Номинация;Награда;Название\r\n12;3;winner;\r\n13;;special;За артистизм\r\n14;;;\r\n")
        let lines = try ResultsCSV.parse(bytes)
        #expect(lines == [
            ResultInput(applicationID: ApplicationID(rawValue: 12), nominationID: NominationID(rawValue: 3), award: "winner", title: nil),
            ResultInput(applicationID: ApplicationID(rawValue: 13), nominationID: nil, award: "special", title: "За артистизм"),
            ResultInput(applicationID: ApplicationID(rawValue: 14), nominationID: nil, award: nil, title: nil),
        ])
    }

    @Test func everyBadRowIsNamed() {
        #expect(throws: RegistrationRefusal.self) {
            try ResultsCSV.parse(Array("application_id,award\nx,winner\n5,winner\n,certificate\n".utf8))
        }
        do {
            _ = try ResultsCSV.parse(Array("application_id,award\nx,winner\n5,winner\n,certificate\n".utf8))
        } catch let refusal as RegistrationRefusal {
            #expect(refusal.errors.map(\.field) == ["rows[0].applicationId", "rows[2].applicationId"])
        } catch {
            Issue.record(error)
        }
    }

    @Test func aFileWithoutTheColumnsIsRefused() {
        #expect(throws: ImportError.self) { try ResultsCSV.parse(Array("name;place\nx;1\n".utf8)) }
    }
}
