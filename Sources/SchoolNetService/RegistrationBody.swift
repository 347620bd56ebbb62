import SchoolNetDomain

/// The registration body of `POST /v1/applications` and of `schoolnet applications register FILE.json`: a
/// `RegistrationRequest` whose event may come from the URL, and whose idempotency key never comes from the body.
public struct RegistrationBody: Decodable, Sendable {
    public var eventId: Int64?
    public var organisationId: Int64
    public var teamName: String?
    public var nominationId: Int64?
    public var responsible: ResponsibleTeacher
    public var members: [MemberRequest]?
    public var headcount: Int?
    public var entries: [EntryRequest]?
    public var historicalImport: Bool?

    /// The service's request; `pathEvent` is the event the URL names, if any (a body's `eventId` must agree with it).
    public func request(pathEvent: EventID? = nil, idempotencyKey: String?) throws -> RegistrationRequest {
        let event: Int64
        switch (pathEvent, self.eventId) {
        case (let path?, let given?) where given != path.rawValue:
            throw RegistrationRefusal([
                .validation(
                    field: "eventId", ru: "Номер события в теле не совпадает с адресом запроса", en: "The body's eventId differs from the event in the URL")
            ])
        case (let path?, _): event = path.rawValue
        case (nil, let given?): event = given
        case (nil, nil):
            throw JSONBodyError.invalid([BodyFieldError(field: "eventId", code: "missing", ru: "Обязательное поле отсутствует.", en: "This field is required.")]
            )
        }
        return RegistrationRequest(
            eventID: EventID(rawValue: event), organisationID: OrganisationID(rawValue: self.organisationId),
            teamName: self.teamName, nominationID: self.nominationId.map(NominationID.init(rawValue:)), responsible: self.responsible,
            members: self.members ?? [], headcount: self.headcount, entries: self.entries ?? [], idempotencyKey: idempotencyKey,
            historicalImport: self.historicalImport ?? false
        )
    }
}
