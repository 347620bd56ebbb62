import Foundation
import SchoolNetDomain
import SchoolNetHTTP
import SchoolNetService

/// The registration form's template model: the event, the form as entered, the school's people to pick from
/// (filtered as asked, the picked ones always shown), and the service's refusals placed at their fields.
struct RegistrationFormView {
    /// Where the form posts and how it is titled.
    enum Target {
        case register
        case edit(ApplicationID)
    }

    let target: Target
    let details: EventDetails
    let form: RegistrationForm
    let errors: FormErrors
    let roster: SchoolRoster
    /// People named by the application being edited whom the lists no longer show (another year, no class).
    let extra: [RosterPerson]
    let query: String?
    let group: SchoolRoster.Group?
    /// Why the form cannot be sent now (registration closed, the application final), the domain's words; no form then.
    let closed: String?
    let language: Language

    var event: Event { details.event }

    /// The new member's position in the request: after every picked one.
    var newMemberIndex: Int { form.picked.count }

    /// The kinds of person the event admits, in the order the new member's select offers them.
    static func kinds(_ event: Event) -> [PersonKind] {
        let rules = event.rules.eligibility
        return [
            (PersonKind.pupil, rules.allowPupils), (.preschooler, rules.allowPreschoolers), (.student, rules.allowStudents), (.teacher, rules.allowTeachers)
        ]
        .filter(\.1).map(\.0)
    }

    /// Roles are asked for only when the event's team rules speak of them.
    var asksRoles: Bool {
        let team = event.rules.team
        return team.mode == .team && !(team.requiredRoles.isEmpty && team.uncountedRoles.isEmpty)
    }

    var model: [String: Any] {
        let ru = language == .ru
        var model: [String: Any] = [
            "event": ApplicationView.event(event, language),
            "team": event.rules.team.mode == .team,
            "find_action": "/events/\(event.id.rawValue)/register",
            "idempotency_key": form.idempotencyKey,
            "q": query ?? "",
            "form": [
                "team_name": form.teamName, "responsible_name": form.responsibleName, "responsible_email": form.responsibleEmail,
                "responsible_phone": form.responsiblePhone
            ]
        ]
        switch target {
        case .register:
            model["heading"] = ru ? "Заявка на «\(event.title)»" : "Application to “\(event.title)”"
            model["action"] = "/events/\(event.id.rawValue)/register"
            model["submit"] = ru ? "Подать заявку" : "Submit the application"
        case .edit(let id):
            model["heading"] = ru ? "Изменение заявки №\(id.rawValue)" : "Changing application #\(id.rawValue)"
            model["action"] = "/applications/\(id.rawValue)/edit"
            model["submit"] = ru ? "Сохранить изменения" : "Save the changes"
            model["back_link"] = "/applications/\(id.rawValue)"
            model["editing"] = true
        }
        if let closed {
            model["closed"] = closed
            return model
        }
        model["nominations"] = details.nominations.map { nomination -> [String: Any] in
            ["nomination_id": nomination.id.rawValue, "title": nomination.title, "selected": nomination.id.rawValue == form.nominationID]
        }
        model["has_nominations"] = !details.nominations.isEmpty
        model["groups"] = roster.groups.map { group -> [String: Any] in
            ["key": group.key, "label": ApplicationView.group(group, language), "selected": group == self.group]
        }
        let rows = peopleRows
        model["people"] = rows
        model["people_complete"] = listsEveryone
        if choosing { model["people_choose"] = true }
        model["members_hint"] = membersHint
        model["consent_picked"] = form.consentForPicked
        // A ticked pupil refused for want of consent: the statement below the list is what fixes it.
        let consentPaths = form.picked.indices.map { "members[\($0)].consent" }
        if consentPaths.contains(where: { errors.slot($0) != nil }) { model["consent_picked_invalid"] = true }
        model["new_member"] = newMemberModel
        model["e"] = fieldSlots
        if !errors.isEmpty {
            model["has_errors"] = true
            model["summary"] = errors.summary(input: inputID)
        }
        return model
    }

    private var membersHint: String {
        let team = event.rules.team
        let ru = language == .ru
        if team.mode == .team {
            return ru
                ? "Отметьте участников в списках школы (от \(team.minSize) до \(team.maxSize)) или добавьте нового ниже."
                : "Tick the members in the school's lists (\(team.minSize) to \(team.maxSize)) or add a new one below."
        }
        return ru ? "Отметьте участника в списках школы или добавьте нового ниже." : "Tick the participant in the school's lists or add a new one below."
    }

    /// A school's lists longer than this are not sent whole: the form asks for a class or a name first (a large
    /// school's 1,000 rows are slow to render and to scroll on a phone).
    static let wholeListLimit = 60

    /// No class or name asked for, and the lists are long: only the picked people are listed, with a request to choose.
    private var choosing: Bool { query == nil && group == nil && roster.people.count > Self.wholeListLimit }

    /// Every person of the lists is on the page (the live filter may filter them in the browser).
    private var listsEveryone: Bool { query == nil && group == nil && !choosing }

    /// The picked people first (in the order picked), then the lists as filtered.
    private var peopleRows: [[String: Any]] {
        let picked = Set(form.picked)
        let everyone = roster.people + extra.filter { person in !roster.people.contains { $0.id == person.id } }
        let byID = Dictionary(everyone.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let pickedRows = form.picked.compactMap { byID[$0] }
        if choosing { return pickedRows.map(row) }
        let shown = listsEveryone ? nil : Set(roster.filtered(query: query, group: group).map(\.id))
        let rest = everyone.filter { !picked.contains($0.id) && (shown?.contains($0.id) ?? true) }
        return (pickedRows + rest).map(row)
    }

    private func row(_ person: RosterPerson) -> [String: Any] {
        let index = form.picked.firstIndex(of: person.id)
        let groupLabel = ApplicationView.group(person.group, language)
        var row: [String: Any] = [
            "person_id": person.id.rawValue, "name": person.name.full, "group_label": groupLabel, "class_key": person.group.key,
            "search": person.name.full + " " + person.group.key, "checked": index != nil,
            "consent_on_record": person.hasConsent && person.kind != .teacher, "has_roles": asksRoles
        ]
        if asksRoles { row["roles"] = roleOptions(selected: form.roles[person.id] ?? .participant) }
        var slots: [[String: Any]] = []
        if let index { slots = errors.slots(under: "members[\(index)]").map(Self.joined) }
        row["row_errors"] = slots
        if !slots.isEmpty {
            row["invalid"] = true
            row["described_by"] = slots.compactMap { $0["error_id"] as? String }.joined(separator: " ")
        }
        return row
    }

    private func roleOptions(selected: MemberRole) -> [[String: Any]] {
        MemberRole.allCases.filter { $0 != .author }.map { role in
            ["value": role.rawValue, "label": language == .ru ? role.nameRU : role.nameEN, "selected": role == selected]
        }
    }

    /// The new member's fields and their own refusals (`members[N].lastName` ...).
    private var newMemberModel: [String: Any] {
        let kinds = Self.kinds(event)
        let fields = form.newMember
        let chosenKind = PersonKind(rawValue: fields.kind) ?? kinds.first ?? .pupil
        let grades = (event.rules.eligibility.allowPreschoolers ? 0 : 1)...11
        let prefix = "members[\(newMemberIndex)]"
        var model: [String: Any] = [
            "last_name": fields.lastName, "first_name": fields.firstName, "patronymic": fields.patronymic, "birth_date": fields.birthDate,
            "consent": fields.consent, "choose_kind": kinds.count > 1, "kind": chosenKind.rawValue,
            "kinds": kinds.map { kind -> [String: Any] in
                ["value": kind.rawValue, "label": language == .ru ? kind.nameRU : kind.nameEN, "selected": kind == chosenKind]
            },
            "grades": grades.map { grade -> [String: Any] in
                [
                    "value": String(grade), "label": grade == 0 ? (language == .ru ? "дошкольная группа" : "preschool group") : String(grade),
                    "selected": fields.grade == String(grade)
                ]
            },
            "has_roles": asksRoles
        ]
        if asksRoles { model["roles"] = roleOptions(selected: MemberRole(rawValue: fields.role) ?? .participant) }
        guard !fields.isEmpty else { return model }
        var own: Set<String> = []
        for (key, sub) in Self.newMemberFields where (key != "kind" || kinds.count > 1) && (key != "role" || asksRoles) {
            let path = "\(prefix).\(sub)"
            own.insert(path)
            if let slot = errors.slot(path) { model["e_" + key] = Self.joined(slot) }
        }
        model["e_other"] = errors.slots(under: prefix, excluding: own).map(Self.joined)
        return model
    }

    /// The new member's inputs by the request field they fill.
    static let newMemberFields: [(input: String, field: String)] = [
        ("last_name", "lastName"), ("first_name", "firstName"), ("patronymic", "patronymic"), ("birth_date", "birthDate"),
        ("grade", "grade"), ("kind", "kind"), ("consent", "consent"), ("role", "role")
    ]

    /// The form's own fields and the request paths they answer for.
    static let formFields: [(key: String, path: String, input: String)] = [
        ("teamName", "teamName", "team_name"), ("responsible", "responsible", "responsible_email"),
        ("responsible_name", "responsible.name", "responsible_name"), ("responsible_email", "responsible.email", "responsible_email"),
        ("responsible_phone", "responsible.phone", "responsible_phone"), ("nominationId", "nominationId", "nomination_id"),
        ("members", "members", "members")
    ]

    private var fieldSlots: [String: Any] {
        var slots: [String: Any] = [:]
        for field in Self.formFields {
            if let slot = errors.slot(field.path) { slots[field.key] = Self.joined(slot) }
        }
        return slots
    }

    /// The input a refusal's summary line links to, when the page shows one for its path.
    private func inputID(_ path: String) -> String? {
        if let field = Self.formFields.first(where: { $0.path == path }) {
            if field.key == "teamName", event.rules.team.mode != .team { return nil }
            if field.key == "nominationId", details.nominations.isEmpty { return nil }
            return field.input
        }
        let prefix = "members["
        guard path.hasPrefix(prefix), let close = path.firstIndex(of: "]"),
            let index = Int(path[path.index(path.startIndex, offsetBy: prefix.count)..<close])
        else { return nil }
        if index < form.picked.count { return path.hasSuffix(".consent") ? "consent_picked" : "member-\(form.picked[index].rawValue)" }
        guard index == newMemberIndex, !form.newMember.isEmpty else { return nil }
        let rest = path[close...].dropFirst().drop(while: { $0 == "." })
        let input = Self.newMemberFields.first { $0.field == rest }?.input ?? "last_name"
        let shown = (input != "kind" || Self.kinds(event).count > 1) && (input != "role" || asksRoles)
        return "new_" + (shown ? input : "last_name")
    }

    /// A slot with its messages as one text, for one paragraph.
    static func joined(_ slot: [String: Any]) -> [String: Any] {
        ["error_id": slot["error_id"] ?? "", "text": (slot["messages"] as? [String] ?? []).joined(separator: " ")]
    }
}
