import Testing
@testable import SchoolNetDomain

@Suite struct PersonNameTests {
    @Test func parsesFullName() throws {
        let name = try #require(PersonName(parsing: "Иванова Мария Петровна"))
        #expect(name.surname == "Иванова")
        #expect(name.givenName == "Мария")
        #expect(name.patronymic == "Петровна")
        #expect(name.full == "Иванова Мария Петровна")
        #expect(name.short == "Иванова Мария")
    }

    @Test func patronymicIsOptionalAndSpacesCollapse() throws {
        let name = try #require(PersonName(parsing: "  Фёдоров \t Алексей  "))
        #expect(name == PersonName(surname: "Фёдоров", givenName: "Алексей"))
        #expect(name.patronymic == nil)
    }

    @Test func twoWordPatronymicStaysTogether() throws {
        let name = try #require(PersonName(parsing: "Алиев Рашид Ахмед оглы"))
        #expect(name.patronymic == "Ахмед оглы")
    }

    @Test func fixesShoutingAndLowercaseButKeepsDeliberateCase() throws {
        #expect(PersonName(parsing: "ИВАНОВА МАРИЯ")?.short == "Иванова Мария")
        #expect(PersonName(parsing: "римская-корсакова анна")?.short == "Римская-Корсакова Анна")
        #expect(PersonName(parsing: "МакДональд Анна")?.surname == "МакДональд")
    }

    @Test(arguments: ["", "   ", "Иванова"])
    func needsAtLeastTwoWords(text: String) {
        #expect(PersonName(parsing: text) == nil)
    }

    @Test func normalizedKeyMatchesSpellingVariants() {
        let a = PersonName(parsing: "Фёдорова  Алёна Петровна")!
        let b = PersonName(parsing: "ФЕДОРОВА алена петровна")!
        #expect(a.normalizedKey == "федорова алена петровна")
        #expect(a.normalizedKey == b.normalizedKey)
        // As the database's normalize_person_name(): punctuation and hyphens separate words.
        #expect(PersonName.normalizedKey("Римская-Корсакова  Анна") == "римская корсакова анна")
        #expect(PersonName.normalizedKey(" Д'Артаньян\tШарль ") == "д артаньян шарль")
    }

    @Test(arguments: [
        ("Иванова Мария", "Ivanova Maria"), ("Юлия Щукина", "Yulia Shchukina"), ("Фёдоров Алексей", "Fyodorov Aleksey"),
        ("Хабибуллина Дарья", "Khabibullina Darya"), ("Цой Ольга", "Tsoy Olga"), ("гимназия №13", "gimnazia №13"),
        ("Smith John", "Smith John")
    ])
    func transliterates(ru: String, en: String) {
        #expect(PersonName.transliterate(ru) == en)
    }
}
