import Foundation
import PQ
import SchoolNetDomain
import SchoolNetStore

/// Reading the register of people (`schoolnet people list`): a school's pupils by class, for the school itself and
/// the regional centre; a search by name across every school, for the regional centre only. Names, kind, school
/// and class only: birth dates and contacts are never read for a list.
public struct PeopleService: Sendable {
    let pool: PQPool
    let people = PersonRepository()

    public init(pool: PQPool) {
        self.pool = pool
    }

    public static let searchLimit = 1...500

    /// The pupils of `school` in `year`, one class when `schoolClass` is given. A school's caller sees its own
    /// pupils only (another school's list is refused, naming no one); organisers see none.
    public func pupils(
        of school: OrganisationID, in year: SchoolYear, schoolClass: SchoolClass? = nil,
        by caller: Caller
    ) async throws -> [ListedPerson] {
        try PeopleAccess.check(school: school, caller)
        return try await pool.withTransaction(readOnly: true) { [people] conn in
            try people.pupils(of: school, in: year, grade: schoolClass?.grade, letter: schoolClass?.letter, on: conn)
        }
    }

    /// People whose name is like `query`, best match first: the regional centre's search.
    public func search(_ query: String, in year: SchoolYear, limit: Int = 50, by caller: Caller) async throws -> [ListedPerson] {
        guard caller.role == .regionalAdmin else { throw Refusals.regionalCentreOnly }
        guard let text = ApplicationChange.tidy(query) else {
            throw RegistrationError(.validation, field: "search", ru: "Укажите, кого искать", en: "Say whom to search for")
        }
        guard Self.searchLimit.contains(limit) else {
            throw RegistrationError(.validation, field: "limit", ru: "Не больше 500 человек за раз", en: "The limit is 1 to 500")
        }
        return try await pool.withTransaction(readOnly: true) { [people] conn in
            try people.search(text, in: year, limit: limit, on: conn)
        }
    }
}
