import Foundation
import Mustache
import SchoolNetDomain
import SchoolNetStore

/// Turns a claimed outbox row into a message: the kind's sentences in the row's language, the payload's snapshot, a
/// link to the application's page under the public URL, and the row's stable Message-ID.
public struct MailRenderer: Sendable {
    let library: MustacheLibrary
    let publicURL: String
    let from: String
    let host: String

    public init(publicURL: String, from: String, host: String) {
        var library = MustacheLibrary()
        // A broken template is a programming error that every rendering test meets.
        do {
            try library.register(MailTemplates.text, named: "text")
            try library.register(MailTemplates.html, named: "html")
        } catch { preconditionFailure("mail template: \(error)") }
        self.library = library
        self.publicURL = publicURL.hasSuffix("/") ? String(publicURL.dropLast()) : publicURL
        self.from = from
        self.host = host
    }

    /// The message for `row`; throws for a kind this build does not know or a payload that is not an object.
    public func render(_ row: OutboxMessage, at now: Date) throws -> MailMessage {
        guard let kind = NotificationKind(rawValue: row.kind) else { throw MailTransportError("unknown outbox kind \(row.kind)") }
        guard let payload = try JSONSerialization.jsonObject(with: Data(row.payloadJSON.utf8)) as? [String: Any] else {
            throw MailTransportError("outbox \(row.id): payload is not an object")
        }
        let language = row.language == "en" ? "en" : "ru"
        if kind == .accountInvitation || kind == .passwordReset { return try renderAccount(row, kind, payload, language, at: now) }
        let labels = MailText.labels(language)
        let id = (payload["applicationId"] as? NSNumber)?.stringValue ?? ""
        let event = payload["eventTitle"] as? String ?? ""
        let stage = payload["stage"] as? String ?? ""
        // What reminders, digests and "registration closed" add (MailRenderer+Schedule.swift).
        let scheduled = Self.scheduledFill(kind, payload, language)
        func fill(_ s: String) -> String {
            scheduled.reduce(
                s.replacingOccurrences(of: "{id}", with: id).replacingOccurrences(of: "{event}", with: event)
                    .replacingOccurrences(of: "{stage}", with: stage)
            ) { $0.replacingOccurrences(of: "{\($1.key)}", with: $1.value) }
        }
        let text = MailText.kind(kind, language)
        let members = payload["members"] as? [String] ?? []
        var awards = (payload["awards"] as? [[String: Any]] ?? []).map { award -> [String: Any] in
            var out: [String: Any] = [
                "name": MailText.award(code: award["award"] as? String ?? "", title: award["title"] as? String, language)
            ]
            if let nomination = award["nomination"] as? String { out["nomination"] = nomination }
            return out
        }
        if payload["awards"] != nil, awards.isEmpty { awards = [["name": labels["noAward"]!]] }
        var model: [String: Any] = [
            "lang": language, "subject": fill(text.subject), "greeting": labels["greeting"]!, "lead": fill(text.lead),
            "labels": labels, "event": event, "members": members, "hasMembers": !members.isEmpty, "awards": awards,
            "link": "\(publicURL)\(Self.linkPath(kind, payload))"
        ]
        model.merge(Self.scheduledModel(kind, payload, language, publicURL: publicURL)) { _, new in new }
        for (key, name) in [
            ("team", "teamName"), ("organisation", "organisation"), ("stage", "stage"), ("correctionReason", "correctionReason"), ("startsOn", "eventStartsOn")
        ] {
            if let value = payload[name] as? String { model[key] = value }
        }
        // The status reason is news only where the status is: a rejection or a withdrawal.
        if kind == .applicationRejected || kind == .applicationWithdrawn, let reason = payload["reason"] as? String { model["reason"] = reason }
        return MailMessage(
            from: from, to: row.recipient, subject: fill(text.subject), messageID: MailMessage.messageID(outbox: row.id, host: host),
            text: library.render(model, withTemplate: "text") ?? "", html: library.render(model, withTemplate: "html") ?? "", date: now)
    }
}
