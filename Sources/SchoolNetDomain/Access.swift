/// Whose data an actor may touch: a school only its own applications, an organiser only its own events.
public enum Access {
    /// `forbidden` unless the acting school submitted the application; the regional centre may act for anyone.
    public static func checkApplicant(actor: ActorRole, actorOrganisation: OrganisationID?, applicant: OrganisationID) -> RegistrationError? {
        if actor == .regionalAdmin || (actor == .school && actorOrganisation == applicant) { return nil }
        return RegistrationError(
            .forbidden,
            ru: "Эта заявка подана другой организацией: изменять её может только она",
            en: "This application belongs to another organisation; only it may change the application"
        )
    }

    /// `forbidden` unless the acting organiser hosts the event; the regional centre may act for anyone.
    public static func checkOrganiser(actor: ActorRole, actorOrganisation: OrganisationID?, organiser: OrganisationID) -> RegistrationError? {
        if actor == .regionalAdmin || (actor == .organiser && actorOrganisation == organiser) { return nil }
        return RegistrationError(
            .forbidden,
            ru: "Управлять событием может только его организатор",
            en: "Only the event's organiser may manage it"
        )
    }
}
