import SchoolNetDomain

extension AnnualReport {
    /// The report as Markdown, in Russian like the network's own report: a table of events per
    /// audience and module, the totals, the comparison with the previous year, the network.
    public func markdown() -> String {
        var out = "# Итоги \(schoolYear) учебного года\n"
        for audience in Audience.allCases {
            let mine = groups.filter { $0.audience == audience }
            guard !mine.isEmpty else { continue }
            out += "\n## \(audience == .pupils ? "Ученические модули" : "Педагогический модуль")\n"
            for group in mine {
                out += "\n### \(group.module.map { "«\($0)»" } ?? "Вне модулей")\n\n"
                out += "| № | Событие | Организатор | Даты | Аудитория | Участники |\n"
                out += "|---:|---|---|---|---|---:|\n"
                for (i, event) in group.events.enumerated() {
                    var people = "\(event.participants)"
                    if event.otherParticipants > 0 { people += "; вне аудитории: \(event.otherParticipants)" }
                    if event.jurors > 0 { people += "; экспертов жюри: \(event.jurors)" }
                    out += "| \(i + 1) | \(Self.cell(Self.title(event))) | \(Self.cell(event.organiser)) | \(Self.dates(event)) | "
                        + "\(Self.cell(event.audienceNote ?? "")) | \(people) |\n"
                }
                out += "\nВсего: \(group.events.count) \(Self.events(group.events.count)), участников: \(group.participants).\n"
            }
        }
        out += "\n## Итого\n\n"
        out += "| Показатель | \(schoolYear) |" + (previous.map { " \($0.schoolYear) | Изменение |" } ?? "") + "\n"
        out += "|---|---:|" + (previous == nil ? "" : "---:|---:|") + "\n"
        let rows: [(String, Int, Int?)] = [
            ("Событий", totals.events, previous?.events),
            ("События ученических модулей", totals.pupilEvents, previous?.pupilEvents),
            ("Участников-школьников", totals.pupilParticipations, previous?.pupilParticipations),
            ("События педагогического модуля", totals.teacherEvents, previous?.teacherEvents),
            ("Участников-педагогов (с экспертами)", totals.teacherParticipations, previous?.teacherParticipations),
            ("в том числе экспертов жюри", totals.jurors, previous?.jurors),
            ("Всего участников", totals.participations, previous?.participations),
        ]
        for (name, value, before) in rows {
            out += "| \(name) | \(value) |"
            if let before {
                let change = Change(current: value, previous: before)
                out += " \(before) | \(Self.signed(change.difference))\(change.percent.map { " (\(Self.signed($0)) %)" } ?? "") |"
            }
            out += "\n"
        }
        out += "\n## Сеть\n\n"
        out += "Участников сети в \(schoolYear) учебном году: \(network.members); вошли в сеть: \(network.joined)"
        out += network.joinedOrganisations.isEmpty ? ".\n" : " (\(network.joinedOrganisations.joined(separator: ", "))).\n"
        out += "Договоров о сетевом взаимодействии заключено: \(network.agreementsSigned).\n"
        return out
    }

    static func title(_ event: Event) -> String {
        event.edition.map { "\(RomanNumeral.string($0)) \(event.title)" } ?? event.title
    }

    static func dates(_ event: Event) -> String {
        event.startsOn == event.endsOn ? event.startsOn.russian : "\(event.startsOn.russian)–\(event.endsOn.russian)"
    }

    /// A table cell: pipes escaped, line breaks flattened.
    static func cell(_ text: String) -> String {
        text.replacingOccurrences(of: "|", with: "\\|").split(whereSeparator: \.isNewline).joined(separator: " ")
    }

    static func events(_ n: Int) -> String {
        let (tens, units) = (n % 100, n % 10)
        if (11...14).contains(tens) { return "событий" }
        switch units {
        case 1: return "событие"
        case 2...4: return "события"
        default: return "событий"
        }
    }

    static func signed(_ n: Int) -> String { n > 0 ? "+\(n)" : "\(n)" }
    static func signed(_ x: Double) -> String { x > 0 ? "+\(x)" : "\(x)" }
}

/// Editions are numbered in Roman numerals in the report ("IX «Весенний переполох»").
enum RomanNumeral {
    static func string(_ n: Int) -> String {
        guard n > 0, n < 4000 else { return "\(n)" }
        let table: [(Int, String)] = [(1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
                                      (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]
        var rest = n
        var out = ""
        for (value, numeral) in table {
            while rest >= value { out += numeral; rest -= value }
        }
        return out
    }
}
