import Testing
import SchoolNetDomain

@Suite struct CSVWriterTests {
    @Test func quotesWhatNeedsQuotingAndEndsLinesWithCRLF() {
        let writer = CSVWriter(separator: ";")
        #expect(
            writer.line(["Иванова Мария", "СОШ №50; филиал", "«Звёздочки» \"2\"", "две\nстроки"])
                == "Иванова Мария;\"СОШ №50; филиал\";\"«Звёздочки» \"\"2\"\"\";\"две\nстроки\"\r\n")
        #expect(CSVWriter(separator: ",").line(["a,b", "c;d"]) == "\"a,b\",c;d\r\n")
    }

    @Test func defusesFormulasButNotNumbers() {
        let writer = CSVWriter(separator: ",")
        #expect(writer.field("=HYPERLINK(\"x\")") == "\"'=HYPERLINK(\"\"x\"\")\"")
        #expect(writer.field("+7 913") == "'+7 913")
        #expect(writer.field("-1+2") == "'-1+2")
        #expect(writer.field("@team") == "'@team")
        #expect(writer.field("-") == "'-")
        #expect(writer.field("-3") == "-3")
        #expect(writer.field("+12") == "+12")
        #expect(writer.field("-0.5") == "-0.5")
    }

    @Test func bytesStartWithTheMarkExcelNeeds() {
        let bytes = CSVWriter().bytes([["a", "б"]])
        #expect(bytes == [0xEF, 0xBB, 0xBF] + Array("a;б\r\n".utf8))
        #expect(CSVWriter().bytes([["a"]], byteOrderMark: false) == Array("a\r\n".utf8))
    }
}
