import SchoolNetDomain
import SchoolNetStore

/// The refusals of the notification settings, in Russian and English, naming the field.
enum NotificationRefusals {
    static let organisationRequired = RegistrationRefusal([
        RegistrationError(
            .validation, field: "organisationId", ru: "Укажите школу, которая следит за мероприятием",
            en: "Name the school that follows the event")
    ])

    static let othersSchool = RegistrationRefusal([
        RegistrationError(
            .forbidden, field: "organisationId", ru: "Школа может следить за мероприятиями только от своего имени",
            en: "A school may follow events only for itself")
    ])

    static let notYours = RegistrationRefusal([
        RegistrationError(
            .forbidden, ru: "Настройки уведомлений меняет только их владелец (или региональный центр)",
            en: "Only their owner (or the regional centre) may change notification settings")
    ])

    static func ownerNotFound(_ owner: NotificationSettingsRepository.Owner) -> RegistrationRefusal {
        switch owner {
        case .account(let id):
            RegistrationRefusal([.notFound(field: "accountId", ru: "Учётная запись №\(id) не найдена", en: "Account #\(id) not found")])
        case .person(let id):
            RegistrationRefusal([
                .notFound(field: "personId", ru: "Человек №\(id.rawValue) не найден", en: "Person #\(id.rawValue) not found")
            ])
        }
    }

    static func badURL() -> RegistrationRefusal {
        RegistrationRefusal([
            RegistrationError(
                .validation, field: "url", ru: "Адрес должен начинаться с https:// или http:// и не содержать пробелов",
                en: "The URL must start with https:// or http:// and contain no spaces")
        ])
    }

    static func badTypes(_ indexes: [(Int, String)], known: [String]) -> RegistrationRefusal {
        let list = known.joined(separator: ", ")
        if indexes.isEmpty {
            return RegistrationRefusal([
                RegistrationError(
                    .validation, field: "eventTypes", ru: "Укажите хотя бы один тип событий: \(list)", en: "Name at least one event type: \(list)")
            ])
        }
        return RegistrationRefusal(
            indexes.map { index, type in
                RegistrationError(
                    .validation, field: "eventTypes[\(index)]", ru: "Неизвестный тип событий «\(type)»; известны: \(list)",
                    en: "Unknown event type “\(type)”; known: \(list)")
            })
    }

    static func subscriptionNotFound(_ id: Int64) -> RegistrationRefusal {
        RegistrationRefusal([.notFound(field: "id", ru: "Подписка №\(id) не найдена", en: "Subscription #\(id) not found")])
    }
}
