import Foundation
import PQ
import SchoolNetDomain
import SchoolNetStore

/// A school's own lists, as its registration pages show them and pick an application's members from.
extension RegistrationService {
    /// The school's pupils in `year` (by class) and its teachers: for the school itself and the regional centre.
    public func roster(of school: OrganisationID, in year: SchoolYear, by caller: Caller) async throws -> SchoolRoster {
        try PeopleAccess.check(school: school, caller)
        return try await transaction(caller, readOnly: true) { conn in
            try people.roster(of: school, in: year, on: conn)
        }
    }

    /// The members a school picked from its lists by id, in order, as a request names them (names, kind, birth date:
    /// registration identifies them by these again, so the rules see exactly what a typed request would give). An id
    /// that is not one of the school's people is refused at `members[i]` as not found, as a missing id is: another
    /// school's people are never named, and nothing about them leaves the service.
    public func pickedMembers(_ ids: [PersonID], of school: OrganisationID, by caller: Caller) async throws -> [MemberRequest] {
        try PeopleAccess.check(school: school, caller)
        guard !ids.isEmpty else { return [] }
        let found = try await transaction(caller, readOnly: true) { conn in
            try people.ofSchool(ids, school: school, on: conn)
        }
        let byID = Dictionary(uniqueKeysWithValues: found.map { ($0.id, $0) })
        var errors: [RegistrationError] = []
        let members = ids.enumerated().compactMap { index, id -> MemberRequest? in
            guard let person = byID[id] else {
                errors.append(
                    .notFound(
                        field: "members[\(index)]", ru: "Человек №\(id.rawValue) не найден в списках школы",
                        en: "Person #\(id.rawValue) is not on the school's lists"))
                return nil
            }
            return MemberRequest(
                lastName: person.name.surname, firstName: person.name.givenName, patronymic: person.name.patronymic,
                birthDate: person.birthDate, kind: person.kind)
        }
        try RegistrationRefusal.throwIfAny(errors)
        return members
    }
}
