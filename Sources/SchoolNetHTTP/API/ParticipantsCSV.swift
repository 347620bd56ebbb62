import Foundation
import SchoolNetDomain

/// The organiser's participants export as CSV that Excel opens as it is: UTF-8 with a byte order mark (without
/// it Excel reads Cyrillic as Windows-1251 mojibake), `;` between fields (the list separator of Russian-locale
/// Excel, which splits a double-clicked file on it), CRLF line ends, RFC 4180 quoting.
enum ParticipantsCSV {
    static let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]
    static let separator: Character = ";"

    static let header = ["Заявка", "Статус", "Организация", "Команда", "Номинация", "ФИО", "Роль", "Класс", "Этап", "Награды"]

    static func bytes(_ rows: [ParticipantRow]) -> [UInt8] {
        var text = self.line(self.header)
        for row in rows {
            text += self.line([
                String(row.applicationID.rawValue), row.status.rawValue, row.organisationName, row.teamName ?? "",
                row.nomination ?? "", row.fullName ?? "", row.role ?? "", row.grade.map(String.init) ?? "", row.stage ?? "",
                row.awards.joined(separator: ", "),
            ])
        }
        return self.byteOrderMark + Array(text.utf8)
    }

    static func line(_ fields: [String]) -> String {
        fields.map(self.field).joined(separator: String(self.separator)) + "\r\n"
    }

    /// Quotes when needed; a leading `= + - @` is defused with an apostrophe so a spreadsheet never runs a
    /// team name as a formula.
    static func field(_ value: String) -> String {
        var value = value
        if let first = value.first, "=+-@".contains(first) { value = "'" + value }
        guard value.contains(where: { $0 == self.separator || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
