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
                    out +=
                        "| \(i + 1) | \(Self.cell(Self.title(event))) | \(Self.cell(event.organiser)) | \(Self.dates(event)) | "
                        + "\(Self.cell(event.audienceNote ?? "")) | \(people) |\n"
                }
                out += "\nВсего: \(group.events.count) \(Self.events(group.events.count)), участников: \(group.participants).\n"
            }
        }
        out += "\n## Итого\n\n"
        out += "| Показатель | \(schoolYear) |" + (previous.map { " \($0.schoolYear) | Изменение |" } ?? "") + "\n"
        out += "|---|---:|" + (previous == nil ? "" : "---:|---:|") + "\n"
        for figure in Self.figures {
            let value = figure.value(totals)
            out += "| \(figure.label) | \(value.map { "\($0)" } ?? Self.noData) |"
            if let previous {
                let change = Change(current: value, previous: figure.value(previous))
                out += " \(change.previous.map { "\($0)" } ?? Self.noData) | "
                if let difference = change.difference {
                    out += "\(Self.signed(difference))\(change.percent.map { " (\(Self.signed($0)) %)" } ?? "")"
                } else {
                    out += "—"
                }
                out += " |"
            }
            out += "\n"
        }
        if let previous, previous.audiences != totals.audiences {
            out += "\n\(Self.noDataNote(previous, totals))\n"
        }
        out += "\n## Сеть\n\n"
        out += "Участников сети в \(schoolYear) учебном году: \(network.members); вошли в сеть: \(network.joined)"
        out += network.joinedOrganisations.isEmpty ? ".\n" : " (\(network.joinedOrganisations.joined(separator: ", "))).\n"
        out += "Договоров о сетевом взаимодействии заключено: \(network.agreementsSigned).\n"
        return out
    }

    /// What a figure a year has no data for shows: not 0, which would be a recorded figure.
    static let noData = "нет данных"

    /// Why some figures are not compared: the years have data for different audiences.
    static func noDataNote(_ previous: Totals, _ current: Totals) -> String {
        func names(_ audiences: [Audience]) -> String {
            audiences.isEmpty
                ? "ни об одной аудитории"
                : audiences.map { $0 == .pupils ? "об ученических модулях" : "о педагогическом модуле" }
                    .joined(separator: " и ")
        }
        return "За \(previous.schoolYear) учебный год есть данные только \(names(previous.audiences)), "
            + "за \(current.schoolYear) — \(names(current.audiences)): показатели, которых нет за один из годов, "
            + "и общие итоги не сравниваются."
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
        let table: [(Int, String)] = [
            (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
            (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")
        ]
        var rest = n
        var out = ""
        for (value, numeral) in table {
            while rest >= value { out += numeral; rest -= value }
        }
        return out
    }
}
