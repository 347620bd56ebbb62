import Foundation
@testable import SchoolNetDomain

// Shared fixtures: real names and dates from the 2020-2021 report.
extension LocalDate {
    static func d(_ text: String) -> LocalDate { LocalDate(text)! }
}

let tomsk = TimeZone(identifier: "Asia/Tomsk")!
let almaty = TimeZone(identifier: "Asia/Almaty")!
let qostanay = TimeZone(identifier: "Asia/Qostanay")!

/// The instant of a wall-clock time "yyyy-MM-dd HH:mm:ss" in a zone.
func instant(_ text: String, _ zone: TimeZone) -> Date {
    let parts = text.split(whereSeparator: { "- :".contains($0) }).map { Int($0)! }
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = zone
    return calendar.date(
        from: DateComponents(
            year: parts[0], month: parts[1], day: parts[2], hour: parts[3], minute: parts[4], second: parts[5]))!
}

func pupil(_ fio: String, grade: Int? = 6, born: String? = "2009-03-15", consent: Bool = true, role: MemberRole = .participant, id: Int64? = nil) -> Entrant {
    Entrant(
        personID: id.map(PersonID.init(rawValue:)), name: PersonName(parsing: fio)!, kind: .pupil, role: role,
        birthDate: born.map { LocalDate($0)! }, grade: grade, hasConsent: consent)
}

func teacher(_ fio: String, role: MemberRole = .participant, born: String? = "1985-01-20") -> Entrant {
    Entrant(name: PersonName(parsing: fio)!, kind: .teacher, role: role, birthDate: born.map { LocalDate($0)! })
}

/// The error `body` throws, or nil when it succeeds.
func refusal<T>(_ body: () throws(RegistrationError) -> T) -> RegistrationError? {
    do {
        _ = try body()
        return nil
    } catch {
        return error
    }
}
