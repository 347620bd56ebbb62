import Foundation
import Testing
@testable import SchoolNetDomain

@Suite struct AwardTests {
    static let all: [Award] = [
        .absoluteWinner, .winner, .diplomaFirstDegree, .diplomaSecondDegree, .diplomaThirdDegree,
        .prizewinner, .specialNomination(title: "За артистизм"), .certificate
    ]

    @Test func codesAreStableAndRoundTrip() {
        #expect(Self.all.map(\.code) == Award.codes)
        for award in Self.all {
            #expect(Award(code: award.code, title: award.title) == award)
        }
    }

    @Test func ranksOrderBestFirst() {
        #expect(Self.all.map(\.rank) == Array(1...8))
        #expect(Self.all.shuffled().sorted() == Self.all)
    }

    @Test func winnersAndPrizewinnersExcludeSpecialsAndCertificates() {
        #expect(Self.all.filter(\.isWinnerOrPrizewinner).count == 6)
        #expect(!Award.certificate.isWinnerOrPrizewinner)
        #expect(!Award.specialNomination(title: "x").isWinnerOrPrizewinner)
    }

    @Test func names() {
        #expect(Award.diplomaFirstDegree.nameRU == "диплом I степени")
        #expect(Award.diplomaThirdDegree.nameEN == "diploma of the 3rd degree")
        #expect(Award.specialNomination(title: "За артистизм").nameRU == "специальная номинация «За артистизм»")
        #expect(Award.absoluteWinner.nameRU == "абсолютный победитель")
    }

    @Test(arguments: [nil, "", "   "])
    func specialNeedsATitle(title: String?) {
        #expect(Award(code: "special", title: title) == nil)
    }

    @Test func specialTitleIsTidied() {
        #expect(Award(code: "special", title: "  За   артистизм ") == .specialNomination(title: "За артистизм"))
    }

    @Test func unknownCode() {
        #expect(Award(code: "gold", title: nil) == nil)
    }

    @Test func jsonCarriesCodeAndTitle() throws {
        let data = try JSONEncoder().encode(Award.specialNomination(title: "Приз зрительских симпатий"))
        let object = try JSONSerialization.jsonObject(with: data) as? [String: String]
        #expect(object == ["code": "special", "title": "Приз зрительских симпатий"])
        #expect(try JSONDecoder().decode(Award.self, from: data) == .specialNomination(title: "Приз зрительских симпатий"))
        #expect(try JSONDecoder().decode(Award.self, from: Data(#"{"code":"diploma_2"}"#.utf8)) == .diplomaSecondDegree)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(Award.self, from: Data(#"{"code":"special"}"#.utf8)) }
    }
}
