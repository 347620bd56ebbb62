import Foundation
import SchoolNetDomain
import SchoolNetHTTP
import SchoolNetService

/// `calendar.ics`: the catalogue's events for a calendar application. Each event is an all-day VEVENT over its days
/// (DATE values: the same days wherever the reader is), and its registration deadline a VEVENT of its own at the
/// deadline's instant in UTC (the end of the last day in the event's zone), with a reminder at the start of that last day. UIDs are
/// the event's id, so a subscribed calendar updates events instead of duplicating them.
enum CalendarFeed {
    static func document(_ entries: [CatalogueEntry], stamp: Date, language: Language, publicURL: String?) -> String {
        let ru = language == .ru
        var ics = ICalendar()
        ics.property("BEGIN", "VCALENDAR")
        ics.property("VERSION", "2.0")
        ics.property("PRODID", "-//SchoolNet//Public catalogue//\(ru ? "RU" : "EN")")
        ics.property("CALSCALE", "GREGORIAN")
        ics.property("METHOD", "PUBLISH")
        ics.text("X-WR-CALNAME", ru ? "SchoolNet: мероприятия сети" : "SchoolNet: network events")
        for entry in entries {
            let event = entry.event
            let window = event.rules.window
            let url = publicURL.map { "\($0)/events/\(event.id.rawValue)" }
            var lines = [
                (ru ? "Организатор: " : "Organiser: ") + entry.organiserName,
                (ru ? "Участники: " : "Open to: ") + EventWording.who(event.rules.eligibility, language),
                EventWording.participation(event.rules.team, language),
                (ru ? "Приём заявок до " : "Registration until ") + WebDates.deadline(window, language)
            ]
            if let url { lines.append(url) }

            ics.property("BEGIN", "VEVENT")
            ics.property("UID", "event-\(event.id.rawValue)@schoolnet")
            ics.property("DTSTAMP", ICalendar.utc(stamp))
            ics.property("DTSTART;VALUE=DATE", ICalendar.date(event.startsOn))
            // DTEND of an all-day event is the day after the last one (exclusive).
            ics.property("DTEND;VALUE=DATE", ICalendar.date(event.endsOn.adding(days: 1)))
            ics.text("SUMMARY", event.title)
            ics.text("DESCRIPTION", lines.joined(separator: "\n"))
            if let module = entry.moduleName { ics.text("CATEGORIES", module) }
            if let url { ics.property("URL", url) }
            ics.property("TRANSP", "TRANSPARENT")
            ics.property("END", "VEVENT")

            ics.property("BEGIN", "VEVENT")
            ics.property("UID", "event-\(event.id.rawValue)-deadline@schoolnet")
            ics.property("DTSTAMP", ICalendar.utc(stamp))
            // No DTEND: an instant (RFC 5545 3.6.1), the first one after the last day in the event's zone.
            ics.property("DTSTART", ICalendar.utc(window.deadline))
            ics.text("SUMMARY", (ru ? "Последний день приёма заявок: " : "Registration closes: ") + event.title)
            ics.text(
                "DESCRIPTION",
                (ru ? "Приём заявок заканчивается " : "Registration ends ") + WebDates.deadline(window, language) + (url.map { "\n\($0)" } ?? ""))
            if let url { ics.property("URL", url) }
            ics.property("TRANSP", "TRANSPARENT")
            ics.property("BEGIN", "VALARM")
            ics.property("ACTION", "DISPLAY")
            ics.text("DESCRIPTION", (ru ? "Сегодня последний день приёма заявок: " : "Today is the last day to register: ") + event.title)
            ics.property("TRIGGER", "-P1D")
            ics.property("END", "VALARM")
            ics.property("END", "VEVENT")
        }
        ics.property("END", "VCALENDAR")
        return ics.document
    }
}
