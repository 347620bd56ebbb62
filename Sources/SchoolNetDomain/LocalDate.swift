import Foundation

/// A calendar date with no time or zone: birth dates, event days, deadlines as printed.
public struct LocalDate: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    /// A valid Gregorian date, or nil (31 April, 29 February of a common year).
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
            (1...LocalDate.daysIn(month: month, year: year)).contains(day)
        else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses ISO "2020-10-02" or Russian-locale "31.08.2010" (also "1.9.2020"); surrounding spaces are ignored.
    public init?(_ text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if let parsed = LocalDate.parse(trimmed, separator: "-", order: .yearFirst)
            ?? LocalDate.parse(trimmed, separator: ".", order: .dayFirst)
        {
            self = parsed
        } else {
            return nil
        }
    }

    /// The calendar date an instant falls on in a zone.
    public init(_ instant: Date, in zone: TimeZone) {
        let parts = LocalDate.calendar(zone).dateComponents([.year, .month, .day], from: instant)
        year = parts.year!
        month = parts.month!
        day = parts.day!
    }

    public static func < (lhs: LocalDate, rhs: LocalDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    /// ISO 8601, "2020-10-02": what the API and PostgreSQL exchange.
    public var description: String { iso }

    /// ISO 8601, "2020-10-02".
    public var iso: String {
        String(format: "%04d-%02d-%02d", year, month, day)
    }

    /// Russian-locale form, "02.10.2020".
    public var russian: String {
        String(format: "%02d.%02d.%04d", day, month, year)
    }

    /// Whole years lived on `date`; someone born on 29 February comes of age on 28 February in a common year.
    public func age(on date: LocalDate) -> Int {
        let birthdayDay = min(day, LocalDate.daysIn(month: month, year: date.year))
        let hadBirthday = (date.month, date.day) >= (month, birthdayDay)
        return date.year - year - (hadBirthday ? 0 : 1)
    }

    /// The date `days` later (earlier when negative).
    public func adding(days: Int) -> LocalDate {
        LocalDate(julianDay: julianDay + days)
    }

    /// The instant this day begins in `zone`; days with a DST gap at midnight begin at the first existing instant.
    public func startOfDay(in zone: TimeZone) -> Date {
        let calendar = LocalDate.calendar(zone)
        let noon = calendar.date(from: DateComponents(year: year, month: month, day: day, hour: 12))!
        return calendar.startOfDay(for: noon)
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    static func isLeap(_ year: Int) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    static func calendar(_ zone: TimeZone) -> Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        return calendar
    }

    private enum Order { case yearFirst, dayFirst }

    private static func parse(_ text: String, separator: Character, order: Order) -> LocalDate? {
        let parts = text.split(separator: separator, omittingEmptySubsequences: false)
        guard parts.count == 3, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCII) }),
            let a = Int(parts[0]), let b = Int(parts[1]), let c = Int(parts[2])
        else { return nil }
        switch order {
        case .yearFirst:
            guard parts[0].count == 4 else { return nil }
            return LocalDate(year: a, month: b, day: c)
        case .dayFirst:
            guard parts[2].count == 4 else { return nil }
            return LocalDate(year: c, month: b, day: a)
        }
    }

    // Fliegel–Van Flandern: day arithmetic without going through instants and zones.
    private var julianDay: Int {
        let a = (14 - month) / 12
        let y = year + 4800 - a
        let m = month + 12 * a - 3
        return day + (153 * m + 2) / 5 + 365 * y + y / 4 - y / 100 + y / 400 - 32045
    }

    private init(julianDay: Int) {
        let a = julianDay + 32044
        let b = (4 * a + 3) / 146097
        let c = a - 146097 * b / 4
        let d = (4 * c + 3) / 1461
        let e = c - 1461 * d / 4
        let m = (5 * e + 2) / 153
        day = e - (153 * m + 2) / 5 + 1
        month = m + 3 - 12 * (m / 10)
        year = 100 * b + d - 4800 + m / 10
    }
}

extension LocalDate: Codable {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let date = LocalDate(text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "not a date: \(text)")
        }
        self = date
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(iso)
    }
}
