extension AnnualReport {
    /// The events as CSV (RFC 4180: CRLF, fields quoted when needed), one row per event, with a
    /// header. `separator` ";" suits a Russian-locale Excel.
    public func csv(separator: Character = ",") -> String {
        let header = ["school_year", "audience", "module", "event_id", "title", "edition", "kind", "format",
                      "organiser_id", "organiser", "starts_on", "ends_on", "audience_note",
                      "participants", "other_participants", "jurors"]
        var lines = [Self.csvLine(header, separator)]
        for group in groups {
            for e in group.events {
                lines.append(Self.csvLine([
                    schoolYear, group.audience.rawValue, group.module ?? "", "\(e.id)", e.title, e.edition.map { "\($0)" } ?? "",
                    e.kind, e.format, "\(e.organiserID)", e.organiser, e.startsOn.iso, e.endsOn.iso, e.audienceNote ?? "",
                    "\(e.participants)", "\(e.otherParticipants)", "\(e.jurors)",
                ], separator))
            }
        }
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    /// The totals as CSV: one row per figure, with the previous year's value and the change when known.
    public func summaryCSV(separator: Character = ",") -> String {
        var lines = [Self.csvLine(["figure", totals.schoolYear, previous?.schoolYear ?? "previous", "change"], separator)]
        let figures: [(String, Int, Int?)] = [
            ("events", totals.events, previous?.events),
            ("pupil_events", totals.pupilEvents, previous?.pupilEvents),
            ("pupil_participations", totals.pupilParticipations, previous?.pupilParticipations),
            ("teacher_events", totals.teacherEvents, previous?.teacherEvents),
            ("teacher_participations", totals.teacherParticipations, previous?.teacherParticipations),
            ("jurors", totals.jurors, previous?.jurors),
            ("participations", totals.participations, previous?.participations),
            ("network_members", network.members, nil),
            ("network_joined", network.joined, nil),
            ("agreements_signed", network.agreementsSigned, nil),
        ]
        for (name, value, before) in figures {
            lines.append(Self.csvLine([name, "\(value)", before.map { "\($0)" } ?? "", before.map { "\(value - $0)" } ?? ""], separator))
        }
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    static func csvLine(_ fields: [String], _ separator: Character) -> String {
        fields.map { field in
            let needsQuotes = field.contains(separator) || field.contains("\"") || field.contains("\n") || field.contains("\r")
            return needsQuotes ? "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : field
        }.joined(separator: String(separator))
    }
}
