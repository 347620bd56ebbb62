import Foundation
import SchoolNetDomain
import SchoolNetImport

/// A results list as an organiser keeps it in a spreadsheet: application, nomination, award, title.
public enum ResultsCSV {
    /// The file's lines as result inputs; a bad line is refused with its row number ("rows[3].award").
    public static func parse(path: String) throws -> [ResultInput] {
        try numbered(path: path).inputs
    }

    public static func parse(_ bytes: [UInt8]) throws -> [ResultInput] {
        try numbered(bytes).inputs
    }

    /// The inputs and, for each, the file's line it came from: `rows[i]` of a refusal is line `lines[i]`
    /// (blank lines skipped), which is what a user looks for in the spreadsheet.
    public static func numbered(path: String) throws -> (inputs: [ResultInput], lines: [Int]) {
        guard let data = FileManager.default.contents(atPath: path) else { throw ImportError("cannot read \(path)") }
        return try numbered(Array(data))
    }

    public static func numbered(_ bytes: [UInt8]) throws -> (inputs: [ResultInput], lines: [Int]) {
        let dialect = CSVDialect.detect(Array(bytes.prefix(CSVDialect.sampleSize)))
        var splitter = CSVRecordSplitter(delimiter: dialect.delimiterByte)
        var records: [[String]] = []
        var recordLines: [Int] = []
        let body = dialect.encoding == .utf8WithBOM ? Array(bytes.dropFirst(3)) : bytes
        let collect: (CSVRecord) -> Void = { record in
            if !record.isBlank {
                records.append(record.fields.map { dialect.encoding.decode($0).trimmingCharacters(in: .whitespaces) })
                recordLines.append(record.line)
            }
        }
        splitter.feed(body, collect)
        splitter.finish(collect)
        guard let header = records.first else { throw ImportError("the results file is empty") }
        let keys = header.map(ImportColumn.normalizeHeader)
        func column(_ names: [String]) -> Int? { keys.firstIndex { names.contains($0) } }
        guard let application = column(["application id", "application", "заявка", "номер заявки", "id заявки"]),
            let award = column(["award", "награда", "результат", "итог"])
        else {
            throw ImportError("the results file needs the columns application_id and award (заявка, награда)")
        }
        let nomination = column(["nomination id", "nomination", "номинация", "id номинации"])
        let title = column(["title", "special title", "название", "название награды"])
        var errors: [RegistrationError] = []
        var lines: [ResultInput] = []
        let dataLines = Array(recordLines.dropFirst())
        for (i, row) in records.dropFirst().enumerated() {
            let line = dataLines[i]
            func cell(_ index: Int?) -> String? {
                guard let index, index < row.count, !row[index].isEmpty else { return nil }
                return row[index]
            }
            guard let id = cell(application).flatMap(Int64.init) else {
                errors.append(
                    .validation(
                        field: "rows[\(i)].applicationId", ru: "Строка \(line): нет номера заявки",
                        en: "Line \(line): no application number"))
                continue
            }
            var nominationID: NominationID? = nil
            if let text = cell(nomination) {
                guard let raw = Int64(text) else {
                    errors.append(
                        .validation(
                            field: "rows[\(i)].nominationId", ru: "Строка \(line): номинация указывается номером",
                            en: "Line \(line): the nomination is given by its id"))
                    continue
                }
                nominationID = NominationID(rawValue: raw)
            }
            // an empty award removes a recorded result
            lines.append(
                ResultInput(
                    applicationID: ApplicationID(rawValue: id), nominationID: nominationID,
                    award: cell(award), title: cell(title)))
        }
        try RegistrationRefusal.throwIfAny(errors)
        return (lines, dataLines)
    }
}
