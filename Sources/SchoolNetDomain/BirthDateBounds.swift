/// The birth dates the register accepts, one rule for registration (API and CLI) and the CSV import: from
/// 1900-01-01 to yesterday. A date outside is a typo (2100 for 2010, 1010 for 2010), never a person.
/// The import's SQL takes these very bounds as parameters (`BirthDateBoundsTests` proves both agree).
public enum BirthDateBounds {
    /// The earliest plausible birth date; the import's date parser reads no year before 1900 either.
    public static let earliest = LocalDate(year: 1900, month: 1, day: 1)!

    /// The latest plausible birth date seen on `today`: yesterday (someone born today is not registered yet).
    public static func latest(today: LocalDate) -> LocalDate { today.adding(days: -1) }

    public static func contains(_ date: LocalDate, today: LocalDate) -> Bool {
        !(date < earliest) && !(latest(today: today) < date)
    }
}
