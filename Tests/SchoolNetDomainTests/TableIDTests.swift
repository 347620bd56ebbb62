import Foundation
import SchoolNetDomain
import Testing

/// The ids are one generic `TableID` under the names call sites use; they still read and write as bare numbers.
@Suite struct TableIDTests {
    @Test func anIDIsABareNumberInJSON() throws {
        let data = try JSONEncoder().encode([EventID(rawValue: 5)])
        #expect(String(decoding: data, as: UTF8.self) == "[5]")
        #expect(try JSONDecoder().decode([PersonID].self, from: Data("[7]".utf8)) == [PersonID(rawValue: 7)])
    }

    @Test func idsOrderByTheirNumber() {
        #expect([ApplicationID(rawValue: 3), ApplicationID(rawValue: 1)].sorted() == [ApplicationID(rawValue: 1), ApplicationID(rawValue: 3)])
    }
}
