import Foundation

extension EventRules {
    /// An organiser's mistakes in setting up the rules, as `validation` errors; `endsOn` is the event's last day.
    public func setupViolations(endsOn: LocalDate? = nil) -> [RegistrationError] {
        var errors: [RegistrationError] = []
        func fail(_ field: String, _ ru: String, _ en: String) {
            errors.append(.validation(field: field, ru: ru, en: en))
        }

        let e = eligibility
        if !(e.allowPupils || e.allowPreschoolers || e.allowStudents || e.allowTeachers) {
            fail(
                "eligibility", "Никто не может участвовать: отметьте хотя бы одну категорию участников",
                "Nobody may take part: allow at least one kind of participant")
        }
        if let grades = e.grades, grades.lowerBound < 0 || grades.upperBound > SchoolClass.grades.upperBound {
            fail(
                "eligibility.grades", "Классы указываются от 0 (дошкольная группа) до 11",
                "Grades go from 0 (preschool group) to 11")
        }
        if let ages = e.ages, ages.lowerBound < 0 || ages.upperBound > 120 {
            fail("eligibility.ages", "Возраст указывается от 0 до 120 лет", "Ages go from 0 to 120")
        }

        switch team.mode {
        case .individual:
            if team.minSize != 1 || team.maxSize != 1 || !team.requiredRoles.isEmpty {
                fail(
                    "team", "В индивидуальном событии не задают размер команды и обязательные роли",
                    "An individual event has no team size or required roles")
            }
        case .team:
            if team.minSize < 1 || team.minSize > team.maxSize {
                fail(
                    "team.minSize", "Размер команды: минимум от 1 и не больше максимума (сейчас \(team.minSize)–\(team.maxSize))",
                    "Team size: the minimum must be at least 1 and not above the maximum (now \(team.minSize)–\(team.maxSize))")
            }
            if team.requiredRoleList.count > team.maxSize {
                fail(
                    "team.requiredRoles", "Обязательных ролей (\(team.requiredRoleList.count)) больше, чем мест в команде (\(team.maxSize))",
                    "More required roles (\(team.requiredRoleList.count)) than places in a team (\(team.maxSize))")
            }
        }

        if let capacity, capacity < 1 {
            fail("capacity", "Число мест должно быть положительным", "Capacity must be positive")
        }
        if let perOrganisationLimit, perOrganisationLimit < 1 {
            fail(
                "perOrganisationLimit", "Лимит заявок от организации должен быть положительным",
                "The per-organisation limit must be positive")
        }
        if window.opensAt >= window.deadline {
            fail(
                "window.opensAt", "Приём заявок должен открыться раньше, чем закроется (\(RussianText.long(window.closesOn)))",
                "Registration must open before it closes (\(RussianText.longEN(window.closesOn)))")
        }
        if let endsOn, window.closesOn > endsOn {
            fail(
                "window.closesOn", "Приём заявок не может закончиться позже самого события (\(endsOn.russian))",
                "Registration cannot end after the event itself (\(endsOn.iso))")
        }
        return errors
    }
}

extension RegistrationWindow {
    /// The IANA zone named `identifier` ("Asia/Tomsk", "Asia/Almaty"), or a `validation` error on the field "timeZone".
    public static func timeZone(identifier: String) throws(RegistrationError) -> TimeZone {
        // TimeZone(identifier:) also accepts abbreviations like "MSK"; events need a real region name.
        guard identifier.contains("/") || identifier == "UTC", let zone = TimeZone(identifier: identifier) else {
            throw .validation(
                field: "timeZone",
                ru: "Неизвестный часовой пояс «\(identifier)»: укажите зону IANA, например Asia/Tomsk",
                en: "Unknown time zone “\(identifier)”: give an IANA zone such as Asia/Tomsk"
            )
        }
        return zone
    }
}
