import Testing
@testable import SchoolNetDomain

// Golden keys: the output of the schema's normalize_person_name() (migration 0001) for these inputs,
// run on PostgreSQL 15. The Swift port must give the same strings. (normalize_name()'s golden keys are
// checked against the function itself: SchoolNetStoreTests.NormalizeNameTests.)
@Suite struct NameKeysMatchDatabaseTests {
    @Test(arguments: [
        ("Иванова Мария Петровна", "иванова мария петровна"),
        ("ФЁДОРОВА-Ли  Алёна", "федорова ли алена"),
        ("Д'Артаньян\tШарль", "д артаньян шарль"),
        ("Smith-Jones John", "smith jones john")
    ])
    func personKey(name: String, key: String) {
        #expect(PersonName.normalizedKey(name) == key)
    }
}
