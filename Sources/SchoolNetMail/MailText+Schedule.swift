import SchoolNetDomain

/// What reminders, the organiser's digest and "registration closed" say (issue 15, DESIGN item 31), in Russian and
/// English; `{closesOn}`, `{startsOn}` and `{count}` are filled by `MailRenderer.scheduledFill`.
extension MailText {
    static func scheduled(_ kind: NotificationKind, _ language: String) -> Kind {
        let ru = language != "en"
        switch kind {
        case .registrationClosesIn3Days:
            return ru
                ? Kind(
                    subject: "Регистрация закрывается через 3 дня: {event}",
                    lead: "Регистрация на «{event}» закрывается через 3 дня: последний день — {closesOn}.")
                : Kind(
                    subject: "Registration closes in 3 days: {event}",
                    lead: "Registration for “{event}” closes in 3 days: {closesOn} is the last day.")
        case .registrationClosesTomorrow:
            return ru
                ? Kind(
                    subject: "Регистрация закрывается завтра: {event}",
                    lead: "Завтра, {closesOn}, последний день регистрации на «{event}».")
                : Kind(
                    subject: "Registration closes tomorrow: {event}",
                    lead: "Tomorrow, {closesOn}, is the last day of registration for “{event}”.")
        case .eventTomorrow:
            return ru
                ? Kind(subject: "Завтра: {event}", lead: "«{event}» начинается завтра, {startsOn}. Заявка №{id} зарегистрирована.")
                : Kind(subject: "Tomorrow: {event}", lead: "“{event}” begins tomorrow, {startsOn}. Application no. {id} is registered.")
        case .organiserDigest:
            return ru
                ? Kind(subject: "Новые заявки: {count}", lead: "С прошлой сводки на ваши мероприятия подано новых заявок: {count}.")
                : Kind(subject: "New applications: {count}", lead: "New applications to your events since the last digest: {count}.")
        case .registrationClosed:
            return ru
                ? Kind(subject: "Регистрация закрыта: {event}", lead: "Регистрация на «{event}» закрыта. Активных заявок: {count}.")
                : Kind(subject: "Registration closed: {event}", lead: "Registration for “{event}” is closed. Active applications: {count}.")
        default:
            preconditionFailure("\(kind) is a change's notification, not a scheduled one")
        }
    }

    /// The label of the mail's link when it leads to an event rather than an application.
    static func eventLink(_ language: String) -> String { language == "en" ? "The event" : "Мероприятие" }

    /// One line of the digest: "№12, Команда, гимназия №13 — Event".
    static func digestLine(id: String, team: String?, organisation: String?, event: String, _ language: String) -> String {
        let who = [team, organisation].compactMap { $0 }.joined(separator: ", ")
        return (language == "en" ? "No. \(id)" : "№\(id)") + (who.isEmpty ? "" : ", \(who)") + " — \(event)"
    }
}
