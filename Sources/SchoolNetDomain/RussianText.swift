import Foundation

// Wording helpers shared by the messages and the pages, kept locale-independent so a server's locale can't change them.
public enum RussianText {
    /// "1 класс", "2 класса", "5 классов": `forms` are the one/few/many forms.
    static func count(_ n: Int, _ forms: (String, String, String)) -> String {
        "\(n) \(plural(n, forms))"
    }

    static func plural(_ n: Int, _ forms: (String, String, String)) -> String {
        let tens = abs(n) % 100
        let units = abs(n) % 10
        if (11...14).contains(tens) { return forms.2 }
        switch units {
        case 1: return forms.0
        case 2...4: return forms.1
        default: return forms.2
        }
    }

    static let years = ("год", "года", "лет")
    static let members = ("участник", "участника", "участников")
    static let applications = ("заявка", "заявки", "заявок")
    static let places = ("место", "места", "мест")

    /// Month names in the genitive, as a date says them ("2 ноября").
    public static let monthsGenitive = [
        "января", "февраля", "марта", "апреля", "мая", "июня",
        "июля", "августа", "сентября", "октября", "ноября", "декабря"
    ]
    public static let monthsEN = [
        "January", "February", "March", "April", "May", "June",
        "July", "August", "September", "October", "November", "December"
    ]

    /// "2 ноября 2020 г."
    public static func long(_ date: LocalDate) -> String {
        "\(date.day) \(monthsGenitive[date.month - 1]) \(date.year) г."
    }

    /// "2 November 2020"
    public static func longEN(_ date: LocalDate) -> String {
        "\(date.day) \(monthsEN[date.month - 1]) \(date.year)"
    }

    /// "02.11.2020 15:30" in the zone, as a school in that zone would read its clock.
    public static func instant(_ instant: Date, in zone: TimeZone) -> String {
        let parts = LocalDate.calendar(zone).dateComponents([.year, .month, .day, .hour, .minute], from: instant)
        return String(format: "%02d.%02d.%04d %02d:%02d", parts.day!, parts.month!, parts.year!, parts.hour!, parts.minute!)
    }

    /// "2020-11-02 15:30"
    public static func instantEN(_ instant: Date, in zone: TimeZone) -> String {
        let parts = LocalDate.calendar(zone).dateComponents([.year, .month, .day, .hour, .minute], from: instant)
        return String(format: "%04d-%02d-%02d %02d:%02d", parts.year!, parts.month!, parts.day!, parts.hour!, parts.minute!)
    }

    /// "6" or "6–8"
    static func range(_ range: ClosedRange<Int>) -> String {
        range.lowerBound == range.upperBound ? "\(range.lowerBound)" : "\(range.lowerBound)–\(range.upperBound)"
    }
}
