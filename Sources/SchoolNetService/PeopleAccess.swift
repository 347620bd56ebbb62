import SchoolNetDomain

/// Who may read a school's lists of people (the CLI's `people list`, the school's pages): the school itself and the
/// regional centre. Anyone else is refused before anything is read, naming no one.
enum PeopleAccess {
    static func check(school: OrganisationID, _ caller: Caller) throws(RegistrationError) {
        switch caller.role {
        case .regionalAdmin: return
        case .school where caller.organisationID == school: return
        case .school:
            throw RegistrationError(
                .forbidden, field: "school", ru: "Школа видит только своих учеников и педагогов",
                en: "A school sees its own pupils and teachers only")
        default:
            throw RegistrationError(
                .forbidden, ru: "Списки учеников видят их школа и региональный центр",
                en: "Pupils' lists are for their school and the regional centre")
        }
    }
}
