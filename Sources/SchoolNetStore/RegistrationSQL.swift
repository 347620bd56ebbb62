import Foundation
import PQ
import SchoolNetDomain

// Conversions between the domain's values and PQ's, private to the registration repositories
// (kept in a namespace so the store's own helpers can land beside them without clashing).
enum RegistrationSQL {
    static func pqDate(_ date: LocalDate) -> PQDate { PQDate(year: date.year, month: date.month, day: date.day) }

    static func pqDate(_ date: LocalDate?) -> PQDate? { date.map(pqDate) }

    /// A `date` column as the domain's calendar date; PostgreSQL only sends valid dates.
    static func localDate(_ date: PQDate) throws -> LocalDate {
        guard let local = LocalDate(year: date.year, month: date.month, day: date.day) else {
            throw PQError(kind: .decoding, message: "date \(date) is outside the calendar SchoolNet handles")
        }
        return local
    }

    static func localDate(_ date: PQDate?) throws -> LocalDate? {
        try date.map(localDate)
    }

    /// A Swift value of a database enum, or a decoding error naming the column.
    static func enumValue<T: RawRepresentable>(_ raw: String, _ type: T.Type, column: String) throws -> T where T.RawValue == String {
        guard let value = T(rawValue: raw) else {
            throw PQError(kind: .decoding, message: "column \"\(column)\" holds \"\(raw)\", unknown to \(T.self)")
        }
        return value
    }
}
