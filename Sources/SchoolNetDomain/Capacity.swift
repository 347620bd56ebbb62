/// Limits on places, checked against counts the store supplies; a place is an application that holds one (a team counts once).
public enum Capacity {
    /// `event_full` when `requested` more places don't fit into `limit` with `taken` already used.
    public static func checkEvent(taken: Int, requested: Int = 1, limit: Int?) -> RegistrationError? {
        guard let limit, taken + requested > limit else { return nil }
        let left = max(0, limit - taken)
        return RegistrationError(
            .eventFull,
            ru: left == 0
                ? "Мест на событии больше нет: занято \(taken) из \(limit)"
                : "На событии свободно мест: \(left) из \(limit), а для заявки нужно \(requested)",
            en: left == 0
                ? "The event is full: \(taken) of \(limit) places taken"
                : "Only \(left) place\(left == 1 ? "" : "s") left at the event, the application needs \(requested)"
        )
    }

    /// `stage_full` when moving `requested` more entries into a stage would exceed its capacity.
    public static func checkStage(named stage: String, taken: Int, requested: Int = 1, limit: Int?) -> RegistrationError? {
        guard let limit, taken + requested > limit else { return nil }
        return RegistrationError(
            .stageFull,
            ru: "Этап «\(stage)» заполнен: \(taken) из \(limit), перевести ещё \(requested) нельзя",
            en: "Stage “\(stage)” is full: \(taken) of \(limit) taken, cannot add \(requested) more"
        )
    }

    /// `organisation_limit_reached` when the organisation's own quota would be exceeded.
    public static func checkOrganisation(named organisation: String, taken: Int, requested: Int = 1, limit: Int?) -> RegistrationError? {
        guard let limit, taken + requested > limit else { return nil }
        let forms = RussianText.applications
        return RegistrationError(
            .organisationLimitReached,
            ru:
                "От одной организации принимается не больше \(limit) \(RussianText.plural(limit, (forms.1, forms.2, forms.2))); у «\(organisation)» уже \(RussianText.count(taken, forms))",
            en: "At most \(limit) application\(limit == 1 ? "" : "s") per organisation; “\(organisation)” already has \(taken)"
        )
    }
}
