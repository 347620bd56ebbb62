import Foundation
import SchoolNetDomain
import SchoolNetService

/// What the registration form holds, as a person entered it (or as an application prefills it): the page renders
/// it back exactly, refused or not, and turns it into the service's request. It decides no rule: what is missing
/// or wrong is the service's to say.
struct RegistrationForm {
    var teamName = ""
    var responsibleName = ""
    var responsibleEmail = ""
    var responsiblePhone = ""
    var nominationID: Int64?
    /// The people ticked in the school's lists, in the order the form sent them (each once).
    var picked: [PersonID] = []
    /// The school states it holds the parents' consents of the picked members (one statement for the list; a
    /// consent already on record needs none).
    var consentForPicked = false
    var roles: [PersonID: MemberRole] = [:]
    var newMember = NewMember()
    /// One per rendered form: a second send of the same form replays the first application instead of making one.
    var idempotencyKey: String

    /// The one optional member typed in, as text.
    struct NewMember {
        var lastName = ""
        var firstName = ""
        var patronymic = ""
        /// `YYYY-MM-DD`, as `<input type=date>` sends it.
        var birthDate = ""
        var grade = ""
        var kind = ""
        var role = ""
        var consent = false

        /// Nothing typed: the form names no new member (a kind or role alone is only a select's default).
        var isEmpty: Bool { [lastName, firstName, patronymic, birthDate, grade].allSatisfy { $0.trimmingCharacters(in: .whitespaces).isEmpty } }
    }

    /// An empty form, the signed-in person as the responsible teacher.
    init(responsibleName: String, responsibleEmail: String) {
        self.responsibleName = responsibleName
        self.responsibleEmail = responsibleEmail
        self.idempotencyKey = Self.newIdempotencyKey()
    }

    /// The form as posted; ids that are not numbers make it a damaged form (400), not a refusal.
    init(posted form: FormData) throws {
        teamName = form.raw("team_name") ?? ""
        responsibleName = form.raw("responsible_name") ?? ""
        responsibleEmail = form.raw("responsible_email") ?? ""
        responsiblePhone = form.raw("responsible_phone") ?? ""
        if let nomination = form["nomination_id"] {
            guard let id = Int64(nomination) else { throw WebError.badForm }
            nominationID = id
        }
        var seen: Set<PersonID> = []
        for value in form.all("member") {
            guard let raw = Int64(value) else { throw WebError.badForm }
            let id = PersonID(rawValue: raw)
            if seen.insert(id).inserted { picked.append(id) }
        }
        consentForPicked = form["consent_picked"] != nil
        for id in picked {
            if let role = form["role-\(id.rawValue)"].flatMap(MemberRole.init(rawValue:)) { roles[id] = role }
        }
        newMember = NewMember(
            lastName: form.raw("new_last_name") ?? "", firstName: form.raw("new_first_name") ?? "",
            patronymic: form.raw("new_patronymic") ?? "", birthDate: form.raw("new_birth_date") ?? "",
            grade: form.raw("new_grade") ?? "", kind: form.raw("new_kind") ?? "", role: form.raw("new_role") ?? "",
            consent: form["new_consent"] != nil)
        // A form posted without its key (an old page, a script) still works, only without replay protection.
        idempotencyKey = form["idempotency_key"] ?? Self.newIdempotencyKey()
    }

    /// The form of an application being edited: what it holds now.
    init(application: Application) {
        teamName = application.teamName ?? ""
        responsibleName = application.responsible.name
        responsibleEmail = application.responsible.email ?? ""
        responsiblePhone = application.responsible.phone ?? ""
        nominationID = application.nominationID?.rawValue
        picked = application.members.map(\.personID)
        roles = Dictionary(application.members.map { ($0.personID, $0.role) }, uniquingKeysWith: { first, _ in first })
        idempotencyKey = Self.newIdempotencyKey()
    }

    static func newIdempotencyKey() -> String { "web-" + CSRF.newVisitorToken() }

    var responsible: ResponsibleTeacher {
        ResponsibleTeacher(name: responsibleName, email: Self.blankless(responsibleEmail), phone: Self.blankless(responsiblePhone))
    }

    /// The request's members: the picked ones as the service read them from the school's lists, with the consent
    /// statement and the roles chosen here, then the new one if any was typed. A date or grade the browser should not have let
    /// through is refused at its field (the service never sees text it cannot parse).
    func members(picked requests: [MemberRequest], defaultKind: PersonKind) -> (members: [MemberRequest], unreadable: [RegistrationError]) {
        var members = zip(picked, requests).map { id, request in
            var member = request
            member.consent = consentForPicked
            member.role = roles[id] ?? .participant
            return member
        }
        guard !newMember.isEmpty else { return (members, []) }
        let field = "members[\(members.count)]"
        var unreadable: [RegistrationError] = []
        let birthDate: LocalDate?
        if let text = Self.blankless(newMember.birthDate) {
            birthDate = LocalDate(text)
            if birthDate == nil {
                unreadable.append(
                    .validation(
                        field: "\(field).birthDate", ru: "Дата рождения записывается так: 2013-05-24 (год-месяц-день)",
                        en: "Write the birth date as 2013-05-24 (year-month-day)"))
            }
        } else {
            birthDate = nil
        }
        let grade: Int?
        if let text = Self.blankless(newMember.grade) {
            grade = Int(text)
            if grade == nil {
                unreadable.append(.validation(field: "\(field).grade", ru: "Класс — это число от 0 до 11", en: "The grade is a number from 0 to 11"))
            }
        } else {
            grade = nil
        }
        members.append(
            MemberRequest(
                lastName: newMember.lastName, firstName: newMember.firstName, patronymic: Self.blankless(newMember.patronymic),
                birthDate: birthDate, kind: PersonKind(rawValue: newMember.kind) ?? defaultKind, grade: grade,
                role: MemberRole(rawValue: newMember.role) ?? .participant, consent: newMember.consent))
        return (members, unreadable)
    }

    static func blankless(_ text: String) -> String? {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        return trimmed.isEmpty ? nil : trimmed
    }
}
