import Testing
@testable import SchoolNetDomain

@Suite struct SchoolClassTests {
    @Test(arguments: [
        ("6А", 6, "А"), ("6 А", 6, "А"), ("6а", 6, "А"), ("6-Б", 6, "Б"), ("10б", 10, "Б"),
        ("6", 6, nil), (" 11 ", 11, nil), ("6 класс", 6, nil), ("6А класс", 6, "А"), ("1 кл.", 1, nil), ("6A", 6, "А"), ("10 b", 10, "В")
    ])
    func parsesHowListsWriteClasses(text: String, grade: Int, letter: String?) throws {
        let parsed = try #require(SchoolClass(parsing: text))
        #expect(parsed.grade == grade)
        #expect(parsed.letter == letter)
    }

    @Test(arguments: ["", "А", "0", "12", "6АБ", "шестой", "6.5", "-6"])
    func rejectsOthers(text: String) {
        #expect(SchoolClass(parsing: text) == nil)
    }

    @Test func printsCompactly() {
        #expect(SchoolClass(parsing: "6 а")?.description == "6А")
        #expect(SchoolClass(grade: 9)?.description == "9")
    }
}
