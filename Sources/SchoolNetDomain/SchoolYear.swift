import Foundation

/// A school year, 1 September to 31 August, named by the year it starts.
public struct SchoolYear: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public let startYear: Int

    public init(startYear: Int) {
        self.startYear = startYear
    }

    /// Parses "2020-2021" (also with an en dash or "/"); the second year must follow the first.
    public init?(label: String) {
        let parts = label.trimmingCharacters(in: .whitespaces)
            .split(whereSeparator: { $0 == "-" || $0 == "–" || $0 == "/" })
        guard parts.count == 2, let first = Int(parts[0]), let second = Int(parts[1]),
            second == first + 1
        else { return nil }
        startYear = first
    }

    /// The school year a date belongs to: 31 August 2021 is in 2020-2021, 1 September 2021 in 2021-2022.
    public static func containing(_ date: LocalDate) -> SchoolYear {
        SchoolYear(startYear: date.month >= 9 ? date.year : date.year - 1)
    }

    /// "2020-2021".
    public var label: String { "\(startYear)-\(startYear + 1)" }
    public var description: String { label }

    /// 1 September of the start year.
    public var firstDay: LocalDate { LocalDate(year: startYear, month: 9, day: 1)! }
    /// 31 August of the following year.
    public var lastDay: LocalDate { LocalDate(year: startYear + 1, month: 8, day: 31)! }

    public func contains(_ date: LocalDate) -> Bool {
        firstDay <= date && date <= lastDay
    }

    public func advanced(by years: Int) -> SchoolYear {
        SchoolYear(startYear: startYear + years)
    }

    public static func < (lhs: SchoolYear, rhs: SchoolYear) -> Bool {
        lhs.startYear < rhs.startYear
    }
}
