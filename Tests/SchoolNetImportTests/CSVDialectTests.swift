import SchoolNetTestSupport
import Testing
@testable import SchoolNetImport

@Suite struct CSVDialectTests {
    @Test func aByteOrderMarkMeansUTF8() {
        let bytes = TextEncoding.byteOrderMark + Array("ФИО;Класс\n".utf8)
        #expect(CSVDialect.detect(bytes) == CSVDialect(encoding: .utf8WithBOM, delimiter: ";"))
    }

    @Test func utf8WithoutAMarkAndCommas() {
        #expect(CSVDialect.detect(Array("ФИО,Класс,Школа\n".utf8)) == CSVDialect(encoding: .utf8, delimiter: ","))
    }

    @Test func cyrillicThatIsNotUTF8IsWindows1251() {
        #expect(TextEncoding.detect(CP1251.encode("Фамилия;Имя\nИванова;Мария\n")) == .windows1251)
    }

    @Test func aSampleCutInsideACharacterIsStillUTF8() {
        let bytes = Array("Иванова".utf8)
        #expect(TextEncoding.detect(Array(bytes.dropLast())) == .utf8)
    }

    @Test func delimitersInsideQuotesDoNotCount() {
        #expect(CSVDialect.detect(Array("\"Школа, №13\";\"Класс\"\n".utf8)).delimiter == ";")
        #expect(CSVDialect.detect(Array("Name\n".utf8)).delimiter == ";")
        #expect(CSVDialect.detect(Array("a\tb\tc\n".utf8)).delimiter == "\t")
    }

    @Test func splitsQuotedFieldsLineBreaksAndBlankRows() {
        let text = "ФИО;Школа\r\n\"Иванова \"\"Маша\"\"\";\"МАОУ; гимназия\n№13\"\r\n;;\r\nПетров Пётр;СОШ 50"
        var splitter = CSVRecordSplitter(delimiter: 0x3B)
        var records: [CSVRecord] = []
        let bytes = Array(text.utf8)
        // fed in odd pieces: a record may straddle chunks
        for start in stride(from: 0, to: bytes.count, by: 7) {
            splitter.feed(Array(bytes[start..<min(start + 7, bytes.count)])) { records.append($0) }
        }
        splitter.finish { records.append($0) }
        let strings = records.filter { !$0.isBlank }.map { ($0.line, $0.fields.map { String(decoding: $0, as: UTF8.self) }) }
        #expect(strings.count == 3)
        #expect(strings[0].0 == 1 && strings[0].1 == ["ФИО", "Школа"])
        #expect(strings[1].0 == 2 && strings[1].1 == ["Иванова \"Маша\"", "МАОУ; гимназия\n№13"])
        #expect(strings[2].0 == 5 && strings[2].1 == ["Петров Пётр", "СОШ 50"])
    }

    /// The run-at-a-time splitter gives exactly the records of the byte-at-a-time one, on random text
    /// made of the bytes that matter (delimiters, quotes, CR, LF) and plain ones, cut into random chunks.
    @Test func fastSplittingAgreesWithByteByByte() {
        var seed: UInt64 = 0x5C0_01_2020
        func next(_ bound: Int) -> Int {
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            return Int((seed >> 33) % UInt64(bound))
        }
        let pieces: [[UInt8]] = [
            [0x3B], [0x22], [0x0D], [0x0A], [0x0D, 0x0A], [0x20], [0x2C], Array("ab".utf8),
            Array("Ж".utf8), Array("\"\"".utf8), [0x41], [0xC6, 0xE5]
        ]
        for _ in 0..<300 {
            var text: [UInt8] = []
            for _ in 0..<next(120) { text += pieces[next(pieces.count)] }
            func records(_ fast: Bool) -> [String] {
                var splitter = CSVRecordSplitter(delimiter: 0x3B)
                var out: [String] = []
                var start = 0
                while start < text.count {
                    let end = min(text.count, start + 1 + next(9))
                    let chunk = Array(text[start..<end])
                    if fast {
                        splitter.feed(chunk) { out.append("\($0.line) \($0.fields)") }
                    } else {
                        splitter.feedByteByByte(chunk) { out.append("\($0.line) \($0.fields)") }
                    }
                    start = end
                }
                splitter.finish { out.append("\($0.line) \($0.fields)") }
                return out
            }
            let saved = seed
            let fast = records(true)
            seed = saved
            #expect(fast == records(false), "differs on \(text)")
        }
    }

    @Test func stagedRowsQuoteEveryCellAndLeaveEmptyOnesNull() {
        var out: [UInt8] = []
        ImportRun.append(CSVRecord(line: 7, fields: [Array("a\"b".utf8), [], Array("c".utf8), []]), width: 3, to: &out)
        #expect(String(decoding: out, as: UTF8.self) == "7,3,\"a\"\"b\",,\"c\"\n")
        // line numbers of every length; cells past the header's width are counted, not sent
        for line in [1, 10, 99, 100, 1_000_000, 1_234_567] {
            var row: [UInt8] = []
            ImportRun.append(CSVRecord(line: line, fields: [Array("Иванов".utf8), [], Array("x".utf8), []]), width: 2, to: &row)
            #expect(String(decoding: row, as: UTF8.self) == "\(line),3,\"Иванов\",\n")
        }
    }

    @Test func headersAreRecognisedInTheirUsualSpellings() {
        let layout = ImportLayout(
            headers: ["Ф.И.О.", "Дата рождения:", nil, "Класс", "Примечание"],
            wanted: [.fullName, .birthDate, .schoolClass, .school])
        #expect(layout.columns[.fullName]?.index == 1)
        #expect(layout.columns[.birthDate]?.index == 2)
        #expect(layout.columns[.schoolClass]?.index == 4)
        #expect(layout.ignored == ["Примечание"])
    }
}
