import Foundation

/// The one CSV writer of every export (the participants list over HTTP, the CLI's `--format csv`, the
/// annual report): RFC 4180 quoting, CRLF line ends, and formula defusing, so that a spreadsheet never
/// runs a name someone typed as a formula. Excel wants `;` (the list separator of a Russian locale) and a
/// byte order mark (without it Excel reads UTF-8 Cyrillic as Windows-1251); callers that write for
/// scripts keep `,` and no mark.
public struct CSVWriter: Sendable {
    public var separator: Character

    public init(separator: Character = ";") {
        self.separator = separator
    }

    /// UTF-8's byte order mark, which Excel needs to read the file as UTF-8.
    public static let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]

    /// One record: the fields, quoted where needed, then CRLF.
    public func line(_ fields: [String]) -> String {
        record(fields) + "\r\n"
    }

    /// One record without its line end.
    public func record(_ fields: [String]) -> String {
        fields.map(field).joined(separator: String(separator))
    }

    /// Lines as bytes of UTF-8, after a byte order mark when `byteOrderMark` is set.
    public func bytes(_ lines: [[String]], byteOrderMark: Bool = true) -> [UInt8] {
        let text = lines.map(line).joined()
        return (byteOrderMark ? Self.byteOrderMark : []) + Array(text.utf8)
    }

    /// A leading `=`, `+`, `-` or `@` is defused with an apostrophe (a number such as `-3` is left alone);
    /// the field is quoted when it holds the separator, a quote or a line break.
    public func field(_ value: String) -> String {
        var value = value
        if let first = value.first, "=+-@".contains(first), !Self.isNumber(value) { value = "'" + value }
        guard value.contains(where: { $0 == separator || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// `-3`, `+12`, `-0.5`: a sign, digits, at most one decimal point or comma.
    static func isNumber(_ value: String) -> Bool {
        let body = value.dropFirst()
        guard let first = body.first, first.isASCII, first.isNumber else { return false }
        var separators = 0
        for c in body {
            if c == "." || c == "," { separators += 1; continue }
            guard c.isASCII, c.isNumber else { return false }
        }
        return separators <= 1 && body.last?.isNumber == true
    }
}
