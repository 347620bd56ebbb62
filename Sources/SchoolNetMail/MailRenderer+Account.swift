import Foundation
import SchoolNetDomain
import SchoolNetStore

/// Account mail (issue 15): the same frame, with the account's name, the link's end and the single-use link.
extension MailRenderer {
    func renderAccount(_ row: OutboxMessage, _ kind: NotificationKind, _ payload: [String: Any], _ language: String, at now: Date) throws -> MailMessage {
        // The path (with the secret) leaves the row when it is marked sent; a row without it cannot be sent again.
        guard let path = payload["linkPath"] as? String, path.hasPrefix("/account/") else {
            throw MailTransportError("outbox \(row.id): the account link is no longer stored")
        }
        let name = payload["displayName"] as? String ?? row.recipient
        let expires = payload["expires"] as? String ?? ""
        let text = MailText.account(kind, language)
        func fill(_ s: String) -> String { s.replacingOccurrences(of: "{name}", with: name).replacingOccurrences(of: "{expires}", with: expires) }
        var labels = MailText.labels(language)
        labels["link"] = MailText.accountLink(language)
        let model: [String: Any] = [
            "lang": language, "subject": fill(text.subject), "greeting": labels["greeting"]!, "lead": fill(text.lead),
            "labels": labels, "members": [String](), "hasMembers": false, "awards": [[String: Any]](), "link": publicURL + path
        ]
        return MailMessage(
            from: from, to: row.recipient, subject: fill(text.subject), messageID: MailMessage.messageID(outbox: row.id, host: host),
            text: library.render(model, withTemplate: "text") ?? "", html: library.render(model, withTemplate: "html") ?? "", date: now)
    }
}
