import Foundation
import PQ
import SchoolNetDomain
import SchoolNetTestSupport
import Testing
@testable import SchoolNetImport

@Suite struct ImportServiceTests {
    let today = FixedTime(ISO8601DateFormatter().date(from: "2020-10-01T03:00:00Z")!)

    /// Every rule a pupil's row can break, each row once and one row twice: the exact rejections, with
    /// messages naming the cell, and only the good rows written.
    @Test func everyPupilRuleRejectsItsRowsAndOnlyThose() async throws {
        let pool = try ImportFixtures.pool("import_pupil_rules", setup: ImportFixtures.tomsk)
        defer { Task { await pool.shutdown() } }
        let csv = """
            ФИО;Дата рождения;Класс;Школа
            Иванова Мария;31.08.2010;4А;гимназия 13
            Петров;01.02.2011;3;гимназия 13
            Сидоров Олег;;3;гимназия 13
            Кузнецова Анна;31.02.2010;4;гимназия 13
            Смирнова Юлия;01.03.2021;1;гимназия 13
            Орлова Ольга;01.03.2010;;гимназия 13
            Белова Вера;01.03.2010;пятый;гимназия 13
            Жуков Лев;01.03.2010;12Б;гимназия 13
            Зайцев Ян;тридцатое;восьмой;гимназия 13
            Петров  Пётр	Иванович;2010-01-15;4 б класс;СОШ №50
            ИВАНОВА мария;31.08.2010;4Б;СОШ №50

            """
        let path = try ImportFixtures.file(Array(csv.utf8))
        let report = try await ImportService(pool: pool, clock: today).importFile(.pupils, path: path)
        #expect(report.rows == 11)
        let reasons = report.rejections.map { "\($0.line) \($0.column ?? "-") \($0.reason)" }
        #expect(
            reasons == [
                "3 ФИО missing_name", "4 Дата рождения missing_birth_date", "5 Дата рождения bad_date",
                "6 Дата рождения bad_date", "7 Класс missing_class", "8 Класс bad_class", "9 Класс grade_out_of_range",
                "10 Класс bad_class", "10 Дата рождения bad_date", "12 ФИО duplicate_row"
            ])
        #expect(report.rejectedRows == 9)
        let messages = Dictionary(report.rejections.map { ("\($0.line) \($0.reason)", $0.message) }, uniquingKeysWith: { a, _ in a })
        #expect(messages["6 bad_date"] == "the birth date is not plausible: from 1900-01-01 to yesterday")
        #expect(messages["8 bad_class"] == "\"пятый\" is not a class: write 6А, 6 А or 6")
        #expect(messages["9 grade_out_of_range"] == "grade 12 is outside 0-11 (0: preschool)")
        #expect(messages["12 duplicate_row"] == "the same person as line 2")
        #expect(report.inserted == 2)
        let people = try await pool.withConnection { conn in
            try conn.query(
                """
                SELECT p.last_name || '/' || p.first_name || '/' || coalesce(p.patronymic, '-') || ' ' || g.grade || coalesce(g.class_letter, '')
                FROM person p JOIN pupil_grade g ON g.person_id = p.id ORDER BY p.id
                """
            ).map { try $0.decode(0, as: String.self) }
        }
        // ids in the file's order; blanks and tabs between words, "4 б класс" understood
        #expect(people == ["Иванова/Мария/- 4А", "Петров/Пётр/Иванович 4Б"])
    }

    @Test func pupilsFromExcelWindows1251WithRejections() async throws {
        let pool = try ImportFixtures.pool("import_pupils_1251", setup: ImportFixtures.tomsk)
        defer { Task { await pool.shutdown() } }
        let csv = """
            ФИО;Дата рождения;Класс;Школа
            Иванова Мария Петровна;31.08.2010;4А;гимназия 13
            Петров Пётр;2010-01-15;4 б;СОШ №50
            Сидоров;01.02.2011;3;гимназия 13
            Кузнецова Анна;31.02.2010;4;гимназия 13
            Смирнов Иван;01.03.2010;14;гимназия 13
            Орлова Ольга;01.03.2010;5В;школа 99
            ;;;
            Иванова Мария;31.08.2010;4А;гимназия №13 г. Томска
            Богданов Илья;05.05.2012;2;Богашевская СОШ

            """
        let path = try ImportFixtures.file(CP1251.encode(csv.replacingOccurrences(of: "\n", with: "\r\n")))
        let service = ImportService(pool: pool, clock: today)
        let report = try await service.importFile(.pupils, path: path)
        #expect(report.dialect == CSVDialect(encoding: .windows1251, delimiter: ";"))
        #expect(report.rows == 8)
        #expect(report.inserted == 3)
        #expect(report.matched == 0)
        #expect(report.committed)
        let reasons = report.rejections.map { "\($0.line) \($0.column ?? "-") \($0.reason)" }
        #expect(
            reasons == [
                "4 ФИО missing_name", "5 Дата рождения bad_date", "6 Класс grade_out_of_range",
                "7 Школа unknown_school", "9 ФИО duplicate_row"
            ])
        #expect(report.rejectedRows == 5)
        let names = try await pool.withConnection { conn in
            try conn.query(
                """
                SELECT p.last_name || ' ' || p.first_name || coalesce(' ' || p.patronymic, ''), g.grade, g.class_letter, o.short_name
                FROM person p JOIN pupil_grade g ON g.person_id = p.id JOIN organisation o ON o.id = g.organisation_id
                JOIN school_year y ON y.id = g.school_year_id AND y.start_year = 2020
                ORDER BY 1
                """
            ).map { row in
                "\(try row.decode(0, as: String.self)) \(try row.decode(1, as: Int16.self))\(try row.decode(2, as: String?.self) ?? "") \(try row.decode(3, as: String.self))"
            }
        }
        #expect(names == ["Богданов Илья 2 Богашевская СОШ", "Иванова Мария Петровна 4А гимназия №13", "Петров Пётр 4Б СОШ №50"])
    }

    @Test func aSecondImportMatchesInsteadOfDuplicating() async throws {
        let pool = try ImportFixtures.pool("import_pupils_again", setup: ImportFixtures.tomsk)
        defer { Task { await pool.shutdown() } }
        let first = try ImportFixtures.file(
            TextEncoding.byteOrderMark
                + Array(
                    """
                    Фамилия,Имя,Отчество,Дата рождения,Класс
                    Иванова,Мария,Петровна,31.08.2010,4А
                    Петров,Пётр,,15.01.2010,4Б

                    """.utf8))
        let service = ImportService(pool: pool, clock: today)
        let options = ImportService.Options(defaultSchool: "гимназия 13")
        let once = try await service.importFile(.pupils, path: first, options: options)
        #expect(once.dialect == CSVDialect(encoding: .utf8WithBOM, delimiter: ","))
        #expect((once.inserted, once.matched, once.rejectionsTotal) == (2, 0, 0))
        // the next year's list: one pupil moved up a grade, the patronymic now missing
        let second = try ImportFixtures.file(
            Array(
                """
                ФИО;Дата рождения;Класс
                ИВАНОВА МАРИЯ;31.08.2010;5А
                Новикова Вера;01.01.2010;5Б

                """.utf8))
        let again = try await service.importFile(
            .pupils, path: second, options: ImportService.Options(schoolYear: SchoolYear(startYear: 2021), defaultSchool: "гимназия 13"))
        #expect((again.inserted, again.matched, again.rejectionsTotal) == (1, 1, 0))
        let (people, grades) = try await pool.withConnection { conn in
            (
                try conn.query("SELECT count(*) FROM person").first!.decode(0, as: Int64.self),
                try conn.query("SELECT count(*) FROM pupil_grade").first!.decode(0, as: Int64.self)
            )
        }
        #expect(people == 3)
        #expect(grades == 4)
    }

    /// The import finds people by registration's rule: the same name and birth date at the same school is the same
    /// pupil; a namesake born the same day at another school is someone else.
    @Test func matchesOnlyPeopleOfTheSameSchool() async throws {
        let pool = try ImportFixtures.pool(
            "import_pupils_same_school",
            setup: ImportFixtures.tomsk + """
                INSERT INTO person (kind, last_name, first_name, birth_date, organisation_id)
                SELECT 'pupil'::person_kind, 'Орлова', 'Полина', DATE '2010-05-05', id FROM organisation WHERE short_name = 'гимназия №13'
                UNION ALL
                SELECT 'pupil', 'Зайцев', 'Глеб', DATE '2010-06-06', id FROM organisation WHERE short_name = 'гимназия №18';
                """)
        defer { Task { await pool.shutdown() } }
        let file = try ImportFixtures.file(
            Array(
                """
                ФИО;Дата рождения;Класс
                Орлова Полина;05.05.2010;4А
                Зайцев Глеб;06.06.2010;4А

                """.utf8))
        let report = try await ImportService(pool: pool, clock: today).importFile(
            .pupils, path: file, options: ImportService.Options(defaultSchool: "гимназия 13"))
        #expect((report.inserted, report.matched, report.rejectionsTotal) == (1, 1, 0))
        let zaytsevs = try await pool.withConnection { conn in
            try conn.query("SELECT count(*) FROM person WHERE last_name = 'Зайцев'").first!.decode(0, as: Int64.self)
        }
        #expect(zaytsevs == 2)
    }

    @Test func allOrNothingWritesNothingWhenARowIsBad() async throws {
        let pool = try ImportFixtures.pool("import_all_or_nothing", setup: ImportFixtures.tomsk)
        defer { Task { await pool.shutdown() } }
        let path = try ImportFixtures.file(
            Array(
                """
                ФИО;Дата рождения;Класс;Школа
                Иванова Мария;31.08.2010;4А;гимназия 13
                Петров Пётр;15.01.2010;4Б;гимназия 18 г. Томска
                Сидоров Сидор;not a date;4Б;гимназия 13

                """.utf8))
        let service = ImportService(pool: pool, clock: today)
        let report = try await service.importFile(.pupils, path: path, options: .init(mode: .allOrNothing))
        #expect(!report.committed)
        #expect(report.inserted == 0)
        #expect(report.rejections.map(\.reason) == ["bad_date"])
        let people = try await pool.withConnection { conn in
            try conn.query("SELECT count(*) FROM person").first!.decode(0, as: Int64.self)
        }
        #expect(people == 0)
    }

    @Test func teachersWithRolesAndNoBirthDates() async throws {
        let pool = try ImportFixtures.pool("import_teachers", setup: ImportFixtures.tomsk)
        defer { Task { await pool.shutdown() } }
        let path = try ImportFixtures.file(
            Array(
                """
                ФИО;Школа;Должность
                Смирнова Елена Викторовна;гимназия 13;учитель информатики
                Козлов Андрей;СОШ 50;педагог-наставник
                Лебедева Ирина;СОШ 50;молодой учитель
                Орлов Олег;СОШ 50;сторож

                """.utf8))
        let service = ImportService(pool: pool, clock: today)
        let report = try await service.importFile(.teachers, path: path)
        #expect((report.inserted, report.rejections.map(\.reason)) == (3, ["unknown_role"]))
        let again = try await service.importFile(.teachers, path: path)
        #expect((again.inserted, again.matched) == (0, 3))
        let roles = try await pool.withConnection { conn in
            try conn.query("SELECT role::text FROM teacher_role ORDER BY 1").map { try $0.decode(0, as: String.self) }
        }
        #expect(roles == ["mentor", "teacher", "young_teacher"])
    }

    @Test func organisationsWithNewMunicipalitiesAndAgreements() async throws {
        let pool = try ImportFixtures.pool("import_organisations", setup: ImportFixtures.tomsk)
        defer { Task { await pool.shutdown() } }
        let csv = """
            Наименование;Краткое наименование;Муниципалитет;Регион;Страна;Договор с
            МАОУ гимназия № 13 г. Томска;гимназия 13;г. Томск;;;01.09.2017
            МБОУ СОШ №6 г. Юрги;СОШ №6 г. Юрги;г. Юрга;Кемеровская область;;01.09.2017
            КГУ «Дубровинская средняя школа имени С.Г. Гуденко»;Дубровинская СШ;Мамлютский район;Северо-Казахстанская область;KZ;2017-09-01
            МАДОУ «Детский сад с. Малиновка»;;Томский район;;;
            МАОУ СОШ №99;;Нигдеевск;;;
            МАОУ СОШ № 6 г. Юрги;;г. Юрга;;;

            """
        let path = try ImportFixtures.file(CP1251.encode(csv))
        let service = ImportService(pool: pool, clock: today)
        let report = try await service.importFile(.organisations, path: path)
        #expect(report.dialect.encoding == .windows1251)
        #expect(report.rejections.map { "\($0.line) \($0.reason)" } == ["6 unknown_municipality", "7 duplicate_row"])
        #expect((report.inserted, report.matched, report.agreementsAdded) == (3, 1, 3))
        let kinds = try await pool.withConnection { conn in
            try conn.query(
                """
                SELECT o.kind::text || ' ' || coalesce(o.legal_form, '-') || ' ' || m.kind::text || ' ' || r.country_code
                FROM organisation o JOIN municipality m ON m.id = o.municipality_id JOIN region r ON r.id = m.region_id
                WHERE o.created_at > now() - interval '1 hour' ORDER BY o.id
                """
            ).map { try $0.decode(0, as: String.self) }
        }
        #expect(kinds.suffix(3) == ["school МБОУ city RU", "school КГУ district KZ", "kindergarten МАДОУ district RU"])
        let again = try await service.importFile(.organisations, path: path)
        #expect((again.inserted, again.matched, again.agreementsAdded) == (0, 4, 0))
    }

    @Test func aFileWithoutANameColumnIsRefused() async throws {
        let pool = try ImportFixtures.pool("import_no_name", setup: ImportFixtures.tomsk)
        defer { Task { await pool.shutdown() } }
        let path = try ImportFixtures.file(Array("Школа;Класс\nгимназия 13;4А\n".utf8))
        await #expect(throws: ImportError.self) {
            try await ImportService(pool: pool, clock: today).importFile(.pupils, path: path)
        }
    }

    @Test func aFileOfManyChunksStreamsThroughWithProgress() async throws {
        let pool = try ImportFixtures.pool("import_many_chunks", setup: ImportFixtures.tomsk)
        defer { Task { await pool.shutdown() } }
        // ~600 KB: records straddle the 64 KiB reads; every 1000th row is bad
        var csv = "ФИО;Дата рождения;Класс;Школа\r\n"
        for i in 0..<10_000 {
            let day = i % 1000 == 999 ? "32" : String(format: "%02d", 1 + i % 28)
            csv += "Ученик\(i) Иван Петрович;\(day).\(String(format: "%02d", 1 + i % 12)).2010;\(1 + i % 11)А;\(i % 2 == 0 ? "гимназия 13" : "СОШ №50")\r\n"
        }
        let path = try ImportFixtures.file(CP1251.encode(csv))
        let seen = ProgressLog()
        let report = try await ImportService(pool: pool, clock: today).importFile(.pupils, path: path) { seen.add($0) }
        #expect(report.rows == 10_000)
        #expect(report.inserted == 9_990)
        #expect(report.rejectionsTotal == 10)
        #expect(Set(report.rejections.map(\.reason)) == ["bad_date"])
        let updates = seen.all
        #expect(updates.count > 5)
        #expect(updates.last?.bytesRead == updates.last?.totalBytes)
        #expect(updates.last?.rowsSent == 10_001)
    }
}

/// Progress updates as the import reports them, from whatever thread.
final class ProgressLog: @unchecked Sendable {
    private let lock = NSLock()
    private var updates: [ImportProgress] = []
    func add(_ progress: ImportProgress) { lock.withLock { updates.append(progress) } }
    var all: [ImportProgress] { lock.withLock { updates } }
}
