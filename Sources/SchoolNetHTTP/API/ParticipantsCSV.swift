import Foundation
import SchoolNetDomain

/// The organiser's participants export as CSV that Excel opens as it is: UTF-8 with a byte order mark (without
/// it Excel reads Cyrillic as Windows-1251 mojibake), `;` between fields (the list separator of Russian-locale
/// Excel, which splits a double-clicked file on it), CRLF line ends, RFC 4180 quoting.
enum ParticipantsCSV {
    static let byteOrderMark: [UInt8] = CSVWriter.byteOrderMark
    static let writer = CSVWriter(separator: ";")
    static var separator: Character { writer.separator }

    static let header = ["Заявка", "Статус", "Организация", "Команда", "Номинация", "ФИО", "Роль", "Класс", "Этап", "Награды"]

    static func bytes(_ rows: [ParticipantRow]) -> [UInt8] {
        writer.bytes(
            [header]
                + rows.map { row in
                    [
                        String(row.applicationID.rawValue), row.status.rawValue, row.organisationName, row.teamName ?? "",
                        row.nomination ?? "", row.fullName ?? "", row.role ?? "", row.grade.map(String.init) ?? "", row.stage ?? "",
                        row.awards.joined(separator: ", ")
                    ]
                })
    }

    static func line(_ fields: [String]) -> String { writer.line(fields) }

    /// Quoted when needed, a leading `= + - @` defused (`CSVWriter`).
    static func field(_ value: String) -> String { writer.field(value) }
}
