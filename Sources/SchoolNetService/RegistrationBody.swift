import SchoolNetDomain

/// The registration body of `POST /v1/applications` and of `schoolnet applications register FILE.json`: one JSON object
/// with the event and the organisation beside the `ApplicationChange`'s members (a member neither names is unknown). It
/// wraps the change rather than spelling its fields again; the event may come from the URL instead, and the
/// idempotency key never comes from the body.
public struct RegistrationBody: Decodable, Sendable {
    public var eventId: Int64?
    public var organisationId: Int64
    public var change: ApplicationChange

    enum CodingKeys: String, CodingKey {
        case eventId, organisationId
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let change = try decoder.container(keyedBy: ApplicationChange.CodingKeys.self)
        self.eventId = try c.decodeIfPresent(Int64.self, forKey: .eventId)
        self.organisationId = try c.decode(Int64.self, forKey: .organisationId)
        self.change = try ApplicationChange(from: change)
    }

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
            eventID: EventID(rawValue: event), organisationID: OrganisationID(rawValue: self.organisationId), change: self.change,
            idempotencyKey: idempotencyKey)
    }
}
