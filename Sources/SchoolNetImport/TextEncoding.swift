import Foundation

/// The encodings a Russian-locale Excel writes "CSV" in, as detected from a file's first bytes.
public enum TextEncoding: String, Sendable, Codable, CustomStringConvertible {
    /// "CSV UTF-8" from Excel: UTF-8 preceded by a byte order mark.
    case utf8WithBOM = "UTF-8 with BOM"
    /// UTF-8 without a byte order mark (LibreOffice, scripts).
    case utf8 = "UTF-8"
    /// Excel's plain "CSV" in a Russian locale.
    case windows1251 = "Windows-1251"

    public var description: String { rawValue }

    /// The name PostgreSQL's COPY ... ENCODING takes; the server converts to the database's UTF-8.
    public var postgresName: String { self == .windows1251 ? "WIN1251" : "UTF8" }

    package static let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]

    /// A BOM means UTF-8; otherwise bytes that are not valid UTF-8 mean Windows-1251, whose
    /// Cyrillic letters (0xC0-0xFF) almost never form valid UTF-8 sequences.
    /// `sample` may end in the middle of a character: it is a prefix of the file.
    public static func detect(_ sample: [UInt8]) -> TextEncoding {
        if sample.starts(with: byteOrderMark) { return .utf8WithBOM }
        return isValidUTF8Prefix(sample) ? .utf8 : .windows1251
    }

    static func isValidUTF8Prefix(_ bytes: [UInt8]) -> Bool {
        var i = 0
        let n = bytes.count
        while i < n {
            let b = bytes[i]
            let length: Int
            switch b {
            case 0x00...0x7F: i += 1; continue
            case 0xC2...0xDF: length = 2
            case 0xE0...0xEF: length = 3
            case 0xF0...0xF4: length = 4
            default: return false
            }
            for k in 1..<length {
                guard i + k < n else { return true }  // cut off by the sample's end
                guard bytes[i + k] & 0xC0 == 0x80 else { return false }
            }
            i += length
        }
        return true
    }
}

extension TextEncoding {
    /// The bytes as text, for the small files read in memory (results lists); imports let PostgreSQL convert.
    public func decode(_ bytes: [UInt8]) -> String {
        switch self {
        case .utf8WithBOM: String(decoding: bytes.starts(with: Self.byteOrderMark) ? Array(bytes.dropFirst(3)) : bytes, as: UTF8.self)
        case .utf8: String(decoding: bytes, as: UTF8.self)
        case .windows1251: String(String.UnicodeScalarView(bytes.map(Self.windows1251Scalar)))
        }
    }

    /// Windows-1251 in full, as Foundation's codec maps it (a test holds it to PostgreSQL's WIN1251):
    /// letters, `…`, `°`, `„`, `№`, quotes, dashes and the rest of 0x80-0xBF; the one unused byte, 0x98, is U+FFFD.
    private static let windows1251High: [Unicode.Scalar] = (0x80...0xFF).map { byte in
        guard byte != 0x98, let text = String(data: Data([UInt8(byte)]), encoding: .windowsCP1251),
            let scalar = text.unicodeScalars.first, text.unicodeScalars.count == 1
        else { return "\u{FFFD}" }
        return scalar
    }

    private static func windows1251Scalar(_ byte: UInt8) -> Unicode.Scalar {
        byte < 0x80 ? Unicode.Scalar(byte) : windows1251High[Int(byte) - 0x80]
    }
}
