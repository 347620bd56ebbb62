@testable import SchoolNetHTTP
import SchoolNetDomain
import Testing

/// Quoting and formula defusing of the participants export, without a database.
@Suite struct ParticipantsCSVTests {
    @Test func quotesSeparatorsQuotesAndLineBreaks() {
        #expect(ParticipantsCSV.field("Иванова Мария") == "Иванова Мария")
        #expect(ParticipantsCSV.field("СОШ №50; филиал") == "\"СОШ №50; филиал\"")
        #expect(ParticipantsCSV.field("«Звёздочки» \"2\"") == "\"«Звёздочки» \"\"2\"\"\"")
        #expect(ParticipantsCSV.field("две\nстроки") == "\"две\nстроки\"")
    }

    @Test func formulasAreDefused() {
        #expect(ParticipantsCSV.field("=HYPERLINK(\"x\")") == "\"'=HYPERLINK(\"\"x\"\")\"")
        #expect(ParticipantsCSV.field("+7 913") == "'+7 913")
        #expect(ParticipantsCSV.field("@team") == "'@team")
    }

    @Test func startsWithTheByteOrderMarkAndEndsLinesWithCRLF() {
        let row = ParticipantRow(
            applicationID: ApplicationID(rawValue: 7), status: .accepted, organisationName: "Гимназия №13", teamName: nil,
            nomination: "Поэзия", fullName: "Ёлкина Мария Петровна", role: "participant", grade: 8, stage: "Финал",
            awards: ["winner", "special:За артистизм"])
        let bytes = ParticipantsCSV.bytes([row])
        #expect(Array(bytes.prefix(3)) == [0xEF, 0xBB, 0xBF])
        let text = String(decoding: bytes.dropFirst(3), as: UTF8.self)
        #expect(text.hasSuffix("7;accepted;Гимназия №13;;Поэзия;Ёлкина Мария Петровна;participant;8;Финал;winner, special:За артистизм\r\n"))
    }
}
