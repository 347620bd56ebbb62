import SchoolNetDomain

// The refusals the service itself words (the rules' own come from the domain).
enum Refusals {
    static func one(_ error: RegistrationError) -> RegistrationRefusal { RegistrationRefusal([error]) }

    /// Runs a domain check that throws one error, throwing it as a refusal.
    static func lift<T>(_ body: () throws(RegistrationError) -> T) throws(RegistrationRefusal) -> T {
        do {
            return try body()
        } catch {
            throw RegistrationRefusal([error])
        }
    }

    static func eventNotFound(_ id: EventID) -> RegistrationRefusal {
        one(.notFound(field: "eventId", ru: "Событие №\(id.rawValue) не найдено", en: "Event #\(id.rawValue) not found"))
    }

    static func organisationNotFound(_ id: OrganisationID) -> RegistrationRefusal {
        one(.notFound(field: "organisationId", ru: "Организация №\(id.rawValue) не найдена", en: "Organisation #\(id.rawValue) not found"))
    }

    /// Also what a caller gets for an application it may not see: its existence is not revealed.
    static func applicationNotFound(_ id: ApplicationID) -> RegistrationRefusal {
        one(.notFound(ru: "Заявка №\(id.rawValue) не найдена", en: "Application #\(id.rawValue) not found"))
    }

    static let registerForOthers = one(
        RegistrationError(
            .forbidden, field: "organisationId",
            ru: "Подать заявку можно только от своей организации",
            en: "A school may only apply on behalf of its own organisation"
        ))

    static let onlySchoolsRegister = one(
        RegistrationError(
            .forbidden,
            ru: "Заявки подают школы (или региональный центр); у организатора другой ключ доступа",
            en: "Applications are submitted by schools (or the regional centre), not with an organiser's token"
        ))

    static let historicalImportAdminOnly = one(
        RegistrationError(
            .forbidden, field: "historicalImport",
            ru: "Загружать заявки прошлых лет может только региональный центр",
            en: "Only the regional centre may load applications for past events"
        ))

    static let otherOrganisationsApplications = one(
        RegistrationError(
            .forbidden, field: "organisationId",
            ru: "Школа видит только свои заявки",
            en: "A school sees only its own applications"
        ))

    /// Tokens and network agreements are the regional centre's to hand out, whatever the caller's token says.
    static let regionalCentreOnly = one(
        RegistrationError(
            .forbidden,
            ru: "Это может сделать только региональный центр",
            en: "Only the regional centre may do this"
        ))

    /// An event that has no registration date yet.
    static let registrationNotScheduled = one(
        RegistrationError(
            .registrationNotOpen,
            ru: "Организатор ещё не открыл приём заявок на это событие",
            en: "The organiser has not opened registration for this event yet"
        ))
}
