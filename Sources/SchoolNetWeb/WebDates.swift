import Foundation
import SchoolNetDomain
import SchoolNetHTTP

/// Dates and instants as the pages print them, in words, independent of the server's locale. An instant is always
/// printed in a named zone (the event's), with the zone and its offset beside it.
enum WebDates {
    /// "20 ноября 2025 г." / "20 November 2025": the domain's own wording (`RussianText`).
    static func day(_ date: LocalDate, _ language: Language) -> String {
        language == .ru ? RussianText.long(date) : RussianText.longEN(date)
    }

    /// A span of days, the shared month and year said once: "20–22 ноября 2025 г.", "30 ноября – 2 декабря 2025 г.".
    static func span(_ first: LocalDate, _ last: LocalDate, _ language: Language) -> String {
        guard first != last else { return day(first, language) }
        let months = language == .ru ? RussianText.monthsGenitive : RussianText.monthsEN
        let tail = language == .ru ? " г." : ""
        if first.year == last.year, first.month == last.month {
            return "\(first.day)–\(last.day) \(months[last.month - 1]) \(last.year)\(tail)"
        }
        if first.year == last.year {
            return "\(first.day) \(months[first.month - 1]) – \(last.day) \(months[last.month - 1]) \(last.year)\(tail)"
        }
        return "\(day(first, language)) – \(day(last, language))"
    }

    /// "1 октября 2025 г., 00:00" / "1 October 2025, 00:00": the wall clock of `zone` at `instant`.
    static func instant(_ instant: Date, in zone: TimeZone, _ language: Language) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: instant)
        let date = LocalDate(year: parts.year!, month: parts.month!, day: parts.day!)!
        return day(date, language) + String(format: ", %02d:%02d", parts.hour!, parts.minute!)
    }

    /// "Asia/Tomsk, UTC+7": the zone's name and its offset at `instant`.
    static func zone(_ zone: TimeZone, at instant: Date) -> String {
        let seconds = zone.secondsFromGMT(for: instant)
        let sign = seconds < 0 ? "−" : "+"
        let minutes = abs(seconds) / 60
        let offset = minutes % 60 == 0 ? "\(minutes / 60)" : String(format: "%d:%02d", minutes / 60, minutes % 60)
        return "\(zone.identifier), UTC\(sign)\(offset)"
    }

    /// The deadline as an announcement prints it: "1 ноября 2025 г., 24:00 (Asia/Tomsk, UTC+7)" / "1 November 2025,
    /// 24:00 (Asia/Tomsk, UTC+7)": the end of the last day in the event's zone.
    static func deadline(_ window: RegistrationWindow, _ language: Language) -> String {
        // The offset of the last moment of that day (a zone may change its offset at midnight).
        "\(day(window.closesOn, language)), 24:00 (\(zone(window.timeZone, at: window.deadline.addingTimeInterval(-1))))"
    }

    /// RFC 3339 in UTC for `<time datetime>`: "2025-11-01T17:00:00Z".
    static func machine(_ instant: Date) -> String {
        // The value-type format style: a new ISO8601DateFormatter per call built an ICU formatter each time, a third
        // of the catalogue's CPU (perf, Benchmarks/web/run, 2026-12-08).
        instant.formatted(machineStyle)
    }

    private static let machineStyle = Date.ISO8601FormatStyle(timeZone: TimeZone(identifier: "UTC")!)
}
