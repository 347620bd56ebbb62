import Foundation
import SchoolNetDomain

// The shape of a request, before any rule looks at it: text tidied, required fields present, formats as
// the database's CHECKs demand (so a typo is a `validation` refusal naming the field, never a 500).
extension ApplicationChange {
    /// The change with names and contacts trimmed and blank optionals removed, or every `validation` refusal.
    /// `today` bounds the birth dates (`BirthDateBounds`).
    func normalised(today: LocalDate) throws(RegistrationRefusal) -> ApplicationChange {
        var errors: [RegistrationError] = []
        func fail(_ field: String, _ ru: String, _ en: String) {
            errors.append(.validation(field: field, ru: ru, en: en))
        }
        var out = self
        out.teamName = Self.tidy(teamName)
        if teamName != nil, out.teamName == nil {
            fail("teamName", "Название команды не может быть пустым", "The team name cannot be blank")
        }

        out.responsible = ResponsibleTeacher(
            name: Self.tidy(responsible.name) ?? "", email: Self.tidy(responsible.email), phone: Self.tidy(responsible.phone))
        if out.responsible.name.isEmpty {
            fail("responsible.name", "Укажите ФИО ответственного педагога (руководителя)", "Name the teacher responsible for the application")
        }
        if out.responsible.email == nil, out.responsible.phone == nil {
            fail("responsible", "Укажите e-mail или телефон ответственного педагога", "Give the responsible teacher's e-mail or phone")
        }
        if let email = out.responsible.email, email.wholeMatch(of: Self.email) == nil {
            fail("responsible.email", "E-mail «\(email)» записан с ошибкой", "The e-mail address “\(email)” is malformed")
        }
        if let phone = out.responsible.phone, phone.wholeMatch(of: Self.phone) == nil {
            fail(
                "responsible.phone", "Телефон «\(phone)» записан с ошибкой: нужны цифры, можно +, пробелы, скобки и дефисы",
                "The phone number “\(phone)” is malformed: digits, optionally +, spaces, brackets and hyphens")
        }
        if let headcount, headcount < 1 {
            fail("headcount", "Число участников без имён должно быть положительным", "The headcount must be positive")
        }

        for (index, member) in members.enumerated() {
            let field = "members[\(index)]"
            var tidy = member
            tidy.lastName = Self.tidy(member.lastName) ?? ""
            tidy.firstName = Self.tidy(member.firstName) ?? ""
            tidy.patronymic = Self.tidy(member.patronymic)
            if tidy.lastName.isEmpty { fail("\(field).lastName", "Не указана фамилия (строка \(index + 1))", "Surname missing (row \(index + 1))") }
            if tidy.firstName.isEmpty { fail("\(field).firstName", "Не указано имя (строка \(index + 1))", "First name missing (row \(index + 1))") }
            if let grade = member.grade, !(0...11).contains(grade) {
                fail(
                    "\(field).grade", "Класс указывается от 0 (дошкольная группа) до 11, а указано \(grade)",
                    "Grades go from 0 (preschool group) to 11, got \(grade)")
            }
            // the date is not repeated: a pupil's birth date stays out of messages and logs
            if let birthDate = member.birthDate, !BirthDateBounds.contains(birthDate, today: today) {
                fail(
                    "\(field).birthDate", "Дата рождения записана с ошибкой: допустимо с 01.01.1900 по вчерашний день",
                    "The birth date is not plausible: from 1900-01-01 to yesterday")
            }
            if member.role == .author {
                fail(
                    "\(field).role", "Авторов работ указывают в самих работах (entries), а не ролью участника",
                    "Authors are named on the entries, not as a member's role")
            }
            out.members[index] = tidy
        }

        for (index, entry) in entries.enumerated() {
            let field = "entries[\(index)]"
            out.entries[index].title = Self.tidy(entry.title) ?? ""
            if out.entries[index].title.isEmpty {
                fail("\(field).title", "Не указано название работы или номера", "The entry has no title")
            }
            if let headcount = entry.headcount, headcount < 1 {
                fail("\(field).headcount", "Число исполнителей должно быть положительным", "The headcount must be positive")
            }
            for author in entry.authors where !members.indices.contains(author) {
                fail(
                    "\(field).authors", "Автор №\(author + 1) не найден среди участников заявки",
                    "Author \(author + 1) is not among the application's members")
            }
        }
        try RegistrationRefusal.throwIfAny(errors)
        return out
    }

    /// Trimmed, inner runs of spaces collapsed; nil when nothing is left.
    static func tidy(_ text: String?) -> String? {
        guard let text else { return nil }
        let words = text.split(whereSeparator: { $0.isWhitespace })
        return words.isEmpty ? nil : words.joined(separator: " ")
    }

    // The database's application_contact_*_format CHECKs, in Swift.
    nonisolated(unsafe) static let email = /[^@\s]+@[^@\s]+\.[^@\s]+/
    nonisolated(unsafe) static let phone = /\+?[0-9][0-9 ()\-]{4,24}/
}

extension RegistrationRequest {
    /// The request with its changeable part normalised, the idempotency key checked.
    func normalised(today: LocalDate) throws(RegistrationRefusal) -> RegistrationRequest {
        var errors: [RegistrationError] = []
        var out = self
        do {
            out.change = try self.change.normalised(today: today)
        } catch {
            errors = error.errors
        }
        if let key = idempotencyKey, key.isEmpty || key.count > 200 {
            errors.append(
                .validation(
                    field: "Idempotency-Key", ru: "Ключ повтора запроса должен содержать от 1 до 200 символов",
                    en: "The idempotency key must be 1 to 200 characters long"))
        }
        try RegistrationRefusal.throwIfAny(errors)
        return out
    }

    /// The request as compact JSON without the idempotency key: what its hash is computed over.
    func canonicalJSON() throws -> String {
        var body = self
        body.idempotencyKey = nil
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(body), as: UTF8.self)
    }
}
