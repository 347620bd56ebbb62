/// How a CSV file is written: its encoding and its delimiter, guessed from its first bytes.
public struct CSVDialect: Sendable, Equatable, Codable {
    public var encoding: TextEncoding
    /// `;` (Excel in a Russian locale), `,` or a tab.
    public var delimiter: Character

    public init(encoding: TextEncoding, delimiter: Character) {
        self.encoding = encoding
        self.delimiter = delimiter
    }

    /// Bytes read before deciding; a header and a few rows of any real list fit.
    package static let sampleSize = 64 * 1024

    /// The delimiter is whichever of `;`, `,`, tab occurs most in the first line outside quotes
    /// (`;` on a tie: a header of one column says nothing, and Russian Excel writes `;`).
    public static func detect(_ sample: [UInt8]) -> CSVDialect {
        let encoding = TextEncoding.detect(sample)
        var counts: [UInt8: Int] = [0x3B: 0, 0x2C: 0, 0x09: 0]
        var inQuotes = false
        for byte in sample.dropFirst(encoding == .utf8WithBOM ? 3 : 0) {
            if byte == 0x22 { inQuotes.toggle(); continue }
            if inQuotes { continue }
            if byte == 0x0A { break }
            if counts[byte] != nil { counts[byte]! += 1 }
        }
        var best: UInt8 = 0x3B
        for candidate: UInt8 in [0x2C, 0x09] where counts[candidate, default: 0] > counts[best, default: 0] {
            best = candidate
        }
        return CSVDialect(encoding: encoding, delimiter: Character(Unicode.Scalar(best)))
    }

    package var delimiterByte: UInt8 { delimiter.asciiValue ?? 0x3B }

    private enum CodingKeys: String, CodingKey { case encoding, delimiter }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        encoding = try c.decode(TextEncoding.self, forKey: .encoding)
        delimiter = try c.decode(String.self, forKey: .delimiter).first ?? ";"
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(encoding, forKey: .encoding)
        try c.encode(String(delimiter), forKey: .delimiter)
    }
}
