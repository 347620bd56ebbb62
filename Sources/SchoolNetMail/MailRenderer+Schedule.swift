import Foundation
import SchoolNetDomain

/// How the scheduled kinds fill the common frame: dates in words, the count, the digest's list, and a link to the
/// event (reminders to following schools, "registration closed") where there is no application to link to.
extension MailRenderer {
    /// The page a mail of `kind` speaks of, under the public URL.
    static func linkPath(_ kind: NotificationKind, _ payload: [String: Any]) -> String {
        let application = (payload["applicationId"] as? NSNumber)?.stringValue
        let event = (payload["eventId"] as? NSNumber)?.stringValue ?? ""
        switch kind {
        case .registrationClosesIn3Days, .registrationClosesTomorrow: return "/events/\(event)/register"
        case .registrationClosed: return "/events/\(event)"
        case .organiserDigest: return "/"
        default: return "/applications/\(application ?? "")"
        }
    }

    /// `{closesOn}`, `{startsOn}` and `{count}` for the kind's sentences.
    static func scheduledFill(_ kind: NotificationKind, _ payload: [String: Any], _ language: String) -> [String: String] {
        var out: [String: String] = [:]
        for (key, name) in [("closesOn", "closesOn"), ("startsOn", "eventStartsOn")] {
            if let text = payload[name] as? String, let date = LocalDate(text) {
                out[key] = language == "en" ? RussianText.longEN(date) : RussianText.long(date)
            }
        }
        if let count = payload["count"] as? NSNumber { out["count"] = count.stringValue }
        return out
    }

    /// The digest's items and the link label of event mails, merged over the common model.
    static func scheduledModel(_ kind: NotificationKind, _ payload: [String: Any], _ language: String, publicURL: String) -> [String: Any] {
        var model: [String: Any] = [:]
        switch kind {
        case .registrationClosesIn3Days, .registrationClosesTomorrow, .registrationClosed:
            var labels = MailText.labels(language)
            labels["link"] = MailText.eventLink(language)
            model["labels"] = labels
        case .organiserDigest:
            let items = (payload["items"] as? [[String: Any]] ?? []).map { item -> [String: Any] in
                let id = (item["applicationId"] as? NSNumber)?.stringValue ?? ""
                return [
                    "text": MailText.digestLine(
                        id: id, team: item["teamName"] as? String, organisation: item["organisation"] as? String,
                        event: item["eventTitle"] as? String ?? "", language),
                    "link": "\(publicURL)/applications/\(id)"
                ]
            }
            model["items"] = items
            model["hasItems"] = !items.isEmpty
        default:
            break
        }
        return model
    }
}
