import ArgumentParser
import Foundation
import SchoolNetDomain

/// How tabular output is printed.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case table, csv, json
}

/// `--format table|csv|json`, shared by every command whose output is a table.
struct FormatOption: ParsableArguments {
    @Option(help: "Output format: table, csv or json.")
    var format: OutputFormat = .table
}

/// One value of a table cell; JSON keeps numbers and nulls as such.
enum Cell: Sendable, Equatable {
    case text(String)
    case int(Int64)
    case bool(Bool)
    /// A measure shown with two decimals; JSON keeps it a number (a score, not a string).
    case score(Double)
    case null

    var plain: String {
        switch self {
        case .text(let s): s
        case .int(let n): String(n)
        case .bool(let b): b ? "yes" : "no"
        case .score(let x): String(format: "%.2f", x)
        case .null: ""
        }
    }

    var json: Any {
        switch self {
        case .text(let s): s
        case .int(let n): n
        case .bool(let b): b
        case .score(let x): (x * 100).rounded() / 100
        case .null: NSNull()
        }
    }
}

extension Cell: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral {
    init(stringLiteral value: String) { self = .text(value) }
    init(integerLiteral value: Int64) { self = .int(value) }
    init(_ value: String?) { self = value.map(Cell.text) ?? .null }
    init(_ value: Int?) { self = value.map { .int(Int64($0)) } ?? .null }
    init(_ value: Int64?) { self = value.map(Cell.int) ?? .null }
}

/// Rows under named columns, printed as an aligned table, RFC 4180 CSV, or a JSON array of objects.
struct Table {
    var columns: [String]
    var rows: [[Cell]] = []

    func render(_ format: OutputFormat) -> String {
        switch format {
        case .table: aligned()
        case .csv: csv()
        case .json: json()
        }
    }

    func print(_ format: OutputFormat) {
        Swift.print(render(format), terminator: format == .json ? "\n" : "")
    }

    private func aligned() -> String {
        var widths = columns.map(\.count)
        for row in rows {
            for (i, cell) in row.enumerated() where i < widths.count {
                widths[i] = max(widths[i], cell.plain.count)
            }
        }
        func line(_ values: [String]) -> String {
            values.enumerated().map { i, v in v.padding(toLength: widths[i], withPad: " ", startingAt: 0) }
                .joined(separator: "  ").replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression) + "\n"
        }
        var out = line(columns) + line(widths.map { String(repeating: "-", count: $0) })
        for row in rows { out += line(row.map(\.plain)) }
        return out
    }

    /// By the export writer (`CSVWriter`), with `,` and no byte order mark (output for scripts): text that
    /// starts like a formula is defused.
    private func csv() -> String {
        let writer = CSVWriter(separator: ",")
        var out = writer.line(columns)
        for row in rows { out += writer.line(row.map(\.plain)) }
        return out
    }

    private func json() -> String {
        let objects: [[String: Any]] = rows.map { row in
            Dictionary(uniqueKeysWithValues: zip(columns, row.map(\.json)))
        }
        return JSONOutput.string(objects)
    }
}

enum JSONOutput {
    /// Pretty, sorted keys, non-ASCII kept as is (Russian names stay readable).
    static func string(_ value: Any) -> String {
        guard let data = try? JSONSerialization.data(withJSONObject: value, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]) else {
            return "null"
        }
        return String(decoding: data, as: UTF8.self)
    }

    static func string<T: Encodable>(encoding value: T) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        // Foundation's default is seconds since 2001-01-01, which no reader of the output would guess
        encoder.dateEncodingStrategy = .iso8601
        guard let data = try? encoder.encode(value) else { return "null" }
        return String(decoding: data, as: UTF8.self)
    }
}
