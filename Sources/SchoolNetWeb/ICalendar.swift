import Foundation
import SchoolNetDomain

/// An iCalendar (RFC 5545) document written content line by line: TEXT values escaped (3.3.11), every line ended by
/// CRLF and folded at 75 octets without splitting a UTF-8 sequence (3.1), instants in UTC with `Z` (3.3.5, form #2),
/// days as DATE values.
struct ICalendar {
    private(set) var document = ""

    /// `NAME:value` with `value` already in its type's form (a DATE, a DATE-TIME, a URI).
    mutating func property(_ name: String, _ value: String) {
        document += Self.fold("\(name):\(value)")
    }

    /// `NAME:value` with `value` a TEXT, escaped.
    mutating func text(_ name: String, _ value: String) {
        property(name, Self.escape(value))
    }

    /// TEXT escaping: backslash, semicolon, comma and line breaks; other control characters (not allowed in TEXT)
    /// are dropped.
    static func escape(_ value: String) -> String {
        var out = ""
        var previousCR = false
        for scalar in value.unicodeScalars {
            defer { previousCR = scalar == "\r" }
            switch scalar {
            case "\\": out += "\\\\"
            case ";": out += "\\;"
            case ",": out += "\\,"
            case "\r": out += "\\n"
            case "\n": if !previousCR { out += "\\n" }
            case "\t": out.unicodeScalars.append(scalar)
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// The line with CRLF, folded so no line is longer than 75 octets (a continuation starts with one space, which
    /// counts); a fold never falls inside a character's UTF-8 bytes.
    static func fold(_ line: String) -> String {
        var out = ""
        var width = 0
        for scalar in line.unicodeScalars {
            let octets = String(scalar).utf8.count
            if width + octets > 75 {
                out += "\r\n "
                width = 1
            }
            out.unicodeScalars.append(scalar)
            width += octets
        }
        return out + "\r\n"
    }

    /// DATE-TIME in UTC: "20251101T170000Z".
    static func utc(_ instant: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let p = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: instant)
        return String(format: "%04d%02d%02dT%02d%02d%02dZ", p.year!, p.month!, p.day!, p.hour!, p.minute!, p.second!)
    }

    /// DATE: "20251120".
    static func date(_ day: LocalDate) -> String {
        String(format: "%04d%02d%02d", day.year, day.month, day.day)
    }
}
