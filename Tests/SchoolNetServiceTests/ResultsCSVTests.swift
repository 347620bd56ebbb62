import SchoolNetDomain
import SchoolNetImport
import SchoolNetTestSupport
import Testing
@testable import SchoolNetService

@Suite struct ResultsCSVTests {
    @Test func russianHeadersSemicolonsAndWindows1251() throws {
        let bytes = CP1251.encode("Заявка;Номинация;Награда;Название\r\n12;3;winner;\r\n13;;special;За артистизм\r\n14;;;\r\n")
        let lines = try ResultsCSV.parse(bytes)
        #expect(
            lines == [
                ResultInput(applicationID: ApplicationID(rawValue: 12), nominationID: NominationID(rawValue: 3), award: "winner", title: nil),
                ResultInput(applicationID: ApplicationID(rawValue: 13), nominationID: nil, award: "special", title: "За артистизм"),
                ResultInput(applicationID: ApplicationID(rawValue: 14), nominationID: nil, award: nil, title: nil)
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

    /// Blank lines are skipped, so "Row i + 2" named the wrong line; the messages give the file's own line.
    @Test func aBadRowsMessageNamesTheFilesLineAcrossBlankLines() throws {
        let numbered = try ResultsCSV.numbered(Array("application_id,award\n\n5,winner\n,,\n6,certificate\n".utf8))
        #expect(numbered.lines == [3, 5])
        do {
            _ = try ResultsCSV.parse(Array("application_id,award\n\nx,winner\n".utf8))
            Issue.record("a row without an application number was accepted")
        } catch let refusal as RegistrationRefusal {
            #expect(refusal.errors.map(\.messageEN) == ["Line 3: no application number"])
        } catch {
            Issue.record(error)
        }
    }

    @Test func aFileWithoutTheColumnsIsRefused() {
        #expect(throws: ImportError.self) { try ResultsCSV.parse(Array("name;place\nx;1\n".utf8)) }
    }
}
