import SchoolNetDomain

extension AnnualReport {
    /// The events as CSV (RFC 4180: CRLF, fields quoted when needed), one row per event, with a
    /// header. `separator` ";" suits a Russian-locale Excel.
    public func csv(separator: Character = ",") -> String {
        let header = [
            "school_year", "audience", "module", "event_id", "title", "edition", "kind", "format",
            "organiser_id", "organiser", "starts_on", "ends_on", "audience_note",
            "participants", "other_participants", "jurors"
        ]
        var lines = [Self.csvLine(header, separator)]
        for group in groups {
            for e in group.events {
                lines.append(
                    Self.csvLine(
                        [
                            schoolYear, group.audience.rawValue, group.module ?? "", "\(e.id)", e.title, e.edition.map { "\($0)" } ?? "",
                            e.kind, e.format, "\(e.organiserID)", e.organiser, e.startsOn.iso, e.endsOn.iso, e.audienceNote ?? "",
                            "\(e.participants)", "\(e.otherParticipants)", "\(e.jurors)"
                        ], separator))
            }
        }
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    /// The totals as CSV: one row per figure, with the previous year's value and the change when known;
    /// a figure a year has no data for is an empty field, with no change.
    public func summaryCSV(separator: Character = ",") -> String {
        var lines = [Self.csvLine(["figure", totals.schoolYear, previous?.schoolYear ?? "previous", "change"], separator)]
        // an unknown figure is an empty field, and so is a change without both years' figures
        func field(_ n: Int?) -> String { n.map { "\($0)" } ?? "" }
        for figure in Self.figures {
            let change = Change(current: figure.value(totals), previous: previous.flatMap(figure.value))
            lines.append(
                Self.csvLine(
                    [figure.name, field(change.current), field(change.previous), field(change.difference)],
                    separator))
        }
        for (name, value) in [
            ("network_members", network.members), ("network_joined", network.joined),
            ("agreements_signed", network.agreementsSigned)
        ] {
            lines.append(Self.csvLine([name, "\(value)", "", ""], separator))
        }
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    /// One record by the export writer (`CSVWriter`: quoting, formula defusing), without its line end.
    static func csvLine(_ fields: [String], _ separator: Character) -> String {
        CSVWriter(separator: separator).record(fields)
    }
}
