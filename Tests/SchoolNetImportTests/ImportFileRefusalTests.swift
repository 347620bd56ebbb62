import Foundation
import PQ
import SchoolNetDomain
import SchoolNetTestSupport
import Testing
@testable import SchoolNetImport
import SchoolNetService

/// Files a tired coordinator sends that must be refused as a whole, with words that say where to look.
@Suite struct ImportFileRefusalTests {
    let today = FixedTime(ISO8601DateFormatter().date(from: "2020-10-01T03:00:00Z")!)

    private func people(_ pool: PQPool) async throws -> Int64 {
        try await pool.withConnection { conn in try conn.query("SELECT count(*) FROM person").first?.decode(0, as: Int64.self) ?? -1 }
    }

    /// A pupils' list without a birth date column used to be read, every row rejected as missing_birth_date
    /// under the column name "birthDate" the file never had.
    @Test func aPupilsListWithoutABirthDateColumnIsRefusedNamingTheColumn() async throws {
        let pool = try ImportFixtures.pool("import_refuse_no_birth_column", setup: ImportFixtures.tomsk)
        defer { Task { await pool.shutdown() } }
        let path = try ImportFixtures.file(Array("ФИО;Класс;Школа\nИванова Мария;4А;гимназия 13\n".utf8))
        let error = await #expect(throws: ImportError.self) {
            try await ImportService(pool: pool, clock: today).importFile(.pupils, path: path)
        }
        #expect(error?.message.contains("Дата рождения") == true)
        #expect(try await people(pool) == 0)
    }

    /// "columns understood: lastName, schoolClass" named the program's fields, not the file's headers.
    @Test func aRefusedHeaderIsToldInTheFilesOwnWords() async throws {
        let pool = try ImportFixtures.pool("import_refuse_header_words", setup: ImportFixtures.tomsk)
        defer { Task { await pool.shutdown() } }
        let path = try ImportFixtures.file(Array("Фамилия;Дата;Класс\nИванова;01.01.2010;6\n".utf8))
        let error = await #expect(throws: ImportError.self) {
            try await ImportService(pool: pool, clock: today).importFile(.pupils, path: path)
        }
        #expect(error?.message.hasSuffix("columns understood: Фамилия, Класс; not understood: Дата") == true, "\(error?.message ?? "")")
    }

    /// The first 64 KiB are UTF-8 and a row pasted later from a Windows-1251 file is not: COPY's error named
    /// no line; the refusal now names the file's line.
    @Test func aLineInAnotherEncodingIsNamedByItsLineAndNothingIsWritten() async throws {
        let pool = try ImportFixtures.pool("import_refuse_mixed_encoding", setup: ImportFixtures.tomsk)
        defer { Task { await pool.shutdown() } }
        var bytes = Array("ФИО;Дата рождения;Класс;Школа\n".utf8)
        for i in 0..<3000 { bytes += Array("Ученик\(i) Тестовый;01.01.2010;4А;гимназия 13\n".utf8) }
        bytes += Array("Козлова Вера;01.05.2010;4А;гимназия 13\n".data(using: .windowsCP1251)!)
        #expect(bytes.count > CSVDialect.sampleSize)
        let path = try ImportFixtures.file(bytes)
        let error = await #expect(throws: ImportError.self) {
            try await ImportService(pool: pool, clock: today).importFile(.pupils, path: path)
        }
        #expect(error?.message.contains("line 3002 is not UTF-8") == true, "\(error?.message ?? "")")
        #expect(try await people(pool) == 0)
    }

    /// A Windows-1251 list with a row pasted from a UTF-8 file: nothing COPY cannot convert (no 0x98), so the
    /// pupil used to be written as "Р›РµР±РµРґРµРІ РћР»РµРі" with no word said.
    @Test func aUTF8RowInAWindows1251ListIsRefusedNotStoredAsMojibake() async throws {
        let pool = try ImportFixtures.pool("import_refuse_mojibake", setup: ImportFixtures.tomsk)
        defer { Task { await pool.shutdown() } }
        let bytes =
            Array("ФИО;Дата рождения;Класс\nКозлова Вера;01.05.2010;4\n".data(using: .windowsCP1251)!)
            + Array("Лебедев Олег;01.04.2010;4\n".utf8)
        let path = try ImportFixtures.file(bytes)
        let options = ImportService.Options(defaultSchool: "гимназия 13")
        let error = await #expect(throws: ImportError.self) {
            try await ImportService(pool: pool, clock: today).importFile(.pupils, path: path, options: options)
        }
        #expect(error?.message.contains("line 3 is UTF-8") == true, "\(error?.message ?? "")")
        #expect(try await people(pool) == 0)
    }

    /// The same past the first 64 KiB the encoding is detected from: the streaming COPY looks at every row.
    @Test func aUTF8RowFarIntoAWindows1251ListIsRefusedToo() async throws {
        let pool = try ImportFixtures.pool("import_refuse_mojibake_late", setup: ImportFixtures.tomsk)
        defer { Task { await pool.shutdown() } }
        var bytes = Array("ФИО;Дата рождения;Класс\n".data(using: .windowsCP1251)!)
        for i in 0..<4000 { bytes += Array("Ученик\(i) Тестовый;01.01.2010;4А\n".data(using: .windowsCP1251)!) }
        #expect(bytes.count > CSVDialect.sampleSize)
        bytes += Array("Лебедев Олег;01.04.2010;4\n".utf8)
        bytes += Array("Сёмина Ёлка;01.04.2010;4\n".data(using: .windowsCP1251)!)
        let path = try ImportFixtures.file(bytes)
        let options = ImportService.Options(defaultSchool: "гимназия 13")
        let error = await #expect(throws: ImportError.self) {
            try await ImportService(pool: pool, clock: today).importFile(.pupils, path: path, options: options)
        }
        #expect(error?.message.contains("line 4002 is UTF-8") == true, "\(error?.message ?? "")")
        #expect(try await people(pool) == 0)

        // and a genuine Windows-1251 list of that size (ё and Ё included) goes in whole
        let genuine =
            Array(bytes.dropLast(Array("Лебедев Олег;01.04.2010;4\n".utf8).count + Array("Сёмина Ёлка;01.04.2010;4\n".data(using: .windowsCP1251)!).count))
            + Array("Сёмина Ёлка;01.04.2010;4\n".data(using: .windowsCP1251)!)
        let report = try await ImportService(pool: pool, clock: today).importFile(.pupils, path: try ImportFixtures.file(genuine), options: options)
        #expect(report.inserted == 4001)
    }

    /// The row named its region; only its country was unknown. The message told the user to add the region column they had.
    @Test func anUnknownMunicipalitySaysWhyItWasNotCreated() async throws {
        let pool = try ImportFixtures.pool("import_org_unknown_municipality", setup: ImportFixtures.tomsk)
        defer { Task { await pool.shutdown() } }
        let csv = """
            Наименование;Муниципалитет;Регион;Страна
            МБОУ Другая СОШ;Новый район;Томская область;Атлантида
            МБОУ Третья СОШ;Неведомый район;;Россия

            """
        let report = try await ImportService(pool: pool, clock: today).importFile(.organisations, path: try ImportFixtures.file(Array(csv.utf8)))
        let messages = report.rejections.filter { $0.reason == "unknown_municipality" }.map { "\($0.line) \($0.message)" }
        #expect(
            messages == [
                "2 unknown municipality \"Новый район\": its region could not be created, the country is unknown",
                "3 unknown municipality \"Неведомый район\": give its region (a Регион column) to create it"
            ])
    }

    @Test func aSchoolYearTheReportCannotUseIsToldInWords() {
        #expect("\(ReportService.ReportError.invalidSchoolYear("2020"))".contains("write it as 2020-2021"))
        #expect("\(ReportService.ReportError.unknownSchoolYear("2031-2032"))".contains("2031-2032 is not in the database"))
    }
}
