/// Conflicts of interest in judging.
public enum JurorRules {
    /// `juror_conflict` when the juror's organisation has an entry in the nomination they would judge.
    public static func checkAssignment(
        juror: PersonName, jurorOrganisation: OrganisationID, organisationName: String,
        nomination: String, competingOrganisations: Set<OrganisationID>
    ) -> RegistrationError? {
        guard competingOrganisations.contains(jurorOrganisation) else { return nil }
        return RegistrationError(
            .jurorConflict, field: "personId",
            ru: "\(juror.short) не может оценивать номинацию «\(nomination)»: в ней участвует \(organisationName), где работает эксперт",
            en: "\(juror.short) may not judge “\(nomination)”: the juror's own organisation, \(organisationName), competes in it"
        )
    }
}
