import SchoolNetDomain

/// What each mail says, in Russian (the default) and English: a subject and a lead sentence per kind, and the labels.
enum MailText {
    struct Kind {
        var subject: String
        var lead: String
    }

    static func kind(_ kind: NotificationKind, _ language: String) -> Kind {
        let ru = language != "en"
        switch kind {
        case .applicationSubmitted:
            return ru
                ? Kind(subject: "Заявка подана: {event}", lead: "Заявка №{id} подана и ждёт рассмотрения организатором.")
                : Kind(subject: "Application submitted: {event}", lead: "Application no. {id} is submitted and awaits the organiser's review.")
        case .applicationEdited:
            return ru
                ? Kind(subject: "Заявка изменена: {event}", lead: "Заявка №{id} изменена. Ниже она такой, какой стала.")
                : Kind(subject: "Application changed: {event}", lead: "Application no. {id} was changed. Below is how it now stands.")
        case .applicationWithdrawn:
            return ru
                ? Kind(subject: "Заявка отозвана: {event}", lead: "Заявка №{id} отозвана; её места освобождены.")
                : Kind(subject: "Application withdrawn: {event}", lead: "Application no. {id} was withdrawn; its places are free.")
        case .applicationAccepted:
            return ru
                ? Kind(subject: "Заявка принята: {event}", lead: "Организатор принял заявку №{id}.")
                : Kind(subject: "Application accepted: {event}", lead: "The organiser accepted application no. {id}.")
        case .applicationRejected:
            return ru
                ? Kind(subject: "Заявка отклонена: {event}", lead: "Организатор отклонил заявку №{id}. Причина указана ниже.")
                : Kind(subject: "Application rejected: {event}", lead: "The organiser rejected application no. {id}. The reason is below.")
        case .stageAdvanced:
            return ru
                ? Kind(subject: "Переход в следующий этап: {event}", lead: "Заявка №{id} прошла в этап «{stage}».")
                : Kind(subject: "Advanced to the next stage: {event}", lead: "Application no. {id} advanced to the stage “{stage}”.")
        case .stageRemoved:
            return ru
                ? Kind(subject: "Изменение по этапу: {event}", lead: "Заявка №{id} больше не участвует в этапе «{stage}».")
                : Kind(subject: "Stage change: {event}", lead: "Application no. {id} is no longer in the stage “{stage}”.")
        case .resultsPublished:
            return ru
                ? Kind(subject: "Итоги опубликованы: {event}", lead: "Организатор опубликовал итоги. Результаты заявки №{id}:")
                : Kind(subject: "Results published: {event}", lead: "The organiser published the results. Application no. {id}:")
        case .registrationClosesIn3Days, .registrationClosesTomorrow, .eventTomorrow, .organiserDigest, .registrationClosed:
            return scheduled(kind, language)
        case .accountInvitation, .passwordReset:
            return account(kind, language)
        case .resultCorrected:
            return ru
                ? Kind(subject: "Итоги исправлены: {event}", lead: "Организатор исправил итоги по заявке №{id}. Теперь они такие:")
                : Kind(subject: "Results corrected: {event}", lead: "The organiser corrected the results of application no. {id}. They now are:")
        }
    }

    static func labels(_ language: String) -> [String: String] {
        language == "en"
            ? [
                "greeting": "Hello,", "event": "Event", "team": "Team", "organisation": "School", "members": "Members",
                "stage": "Stage", "reason": "Reason", "award": "Award", "correctionReason": "Reason for the correction",
                "link": "The application", "signature": "SchoolNet of the regional centre. This message was sent automatically.",
                "noAward": "no award"
            ]
            : [
                "greeting": "Здравствуйте!", "event": "Мероприятие", "team": "Команда", "organisation": "Школа",
                "members": "Участники", "stage": "Этап", "reason": "Причина", "award": "Награда",
                "correctionReason": "Причина исправления", "link": "Заявка", "noAward": "без награды",
                "signature": "SchoolNet регионального центра. Письмо отправлено автоматически, отвечать на него не нужно."
            ]
    }

    /// An award's name for a person ("Диплом I степени"), from its stored code and title.
    static func award(code: String, title: String?, _ language: String) -> String {
        let ru = language != "en"
        switch code {
        case "absolute_winner": return ru ? "Абсолютный победитель" : "Absolute winner"
        case "winner": return ru ? "Победитель" : "Winner"
        case "diploma_1": return ru ? "Диплом I степени" : "First-degree diploma"
        case "diploma_2": return ru ? "Диплом II степени" : "Second-degree diploma"
        case "diploma_3": return ru ? "Диплом III степени" : "Third-degree diploma"
        case "prizewinner": return ru ? "Призёр" : "Prizewinner"
        case "certificate": return ru ? "Сертификат участника" : "Certificate of participation"
        default: return title ?? code
        }
    }
}
