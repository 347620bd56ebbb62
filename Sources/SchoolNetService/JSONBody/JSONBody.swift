import Foundation
import SchoolNetDomain

/// Strict reading of a JSON body, the same for the HTTP API and the CLI's files: Foundation's `JSONDecoder` parses;
/// `KnownKeysDecoder` around it refuses members the type does not know and strings holding NUL.
///
/// Throws `JSONBodyError` when the bytes are not the documented shape (not UTF-8, not JSON, a wrong type, an unknown
/// or missing member) and `RegistrationRefusal` (`validation`) for a NUL character, which PostgreSQL cannot store.
public enum JSONBody {
    public static func decode<T: Decodable>(_ type: T.Type, from bytes: [UInt8]) throws -> T {
        if let offset = firstNonUTF8Offset(bytes) { throw JSONBodyError.notUTF8(offset: offset) }
        // JSON text never holds a raw NUL byte (a string writes it \u0000); refused here, as Foundation would read
        // such bytes as UTF-16 or UTF-32.
        if let nul = bytes.firstIndex(of: 0) {
            let position = position(of: nul, in: bytes)
            throw JSONBodyError.malformed(line: position.line, column: position.column)
        }
        let findings = KnownKeysFindings()
        let decoder = JSONDecoder()
        decoder.userInfo[KnownKeysFindings.key] = findings
        decoder.dateDecodingStrategy = .custom { decoder in
            let text = try decoder.singleValueContainer().decode(String.self)
            if let date = try? Date(text, strategy: .iso8601) { return date }
            if let date = try? Date(text, strategy: Date.ISO8601FormatStyle(includingFractionalSeconds: true)) { return date }
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "Expected an ISO 8601 date-time."))
        }
        let value: T
        do {
            value = try decoder.decode(KnownKeys<T>.self, from: Data(bytes)).value
        } catch let error as DecodingError {
            try refuseIfMalformed(bytes)
            throw JSONBodyError.invalid([BodyFieldError(error)] + findings.unknownFields())
        }
        let unknown = findings.unknownFields()
        if !unknown.isEmpty {
            try refuseIfMalformed(bytes)
            throw JSONBodyError.invalid(unknown)
        }
        if !findings.nulFields.isEmpty {
            throw RegistrationRefusal(
                findings.nulFields.map {
                    .validation(
                        field: $0, ru: "Текст содержит недопустимый символ NUL (\\u0000)",
                        en: "The text contains the NUL character (\\u0000), which is not allowed")
                })
        }
        return value
    }

    /// The first byte that is not well-formed UTF-8 (the standard library decides), or nil.
    static func firstNonUTF8Offset(_ bytes: [UInt8]) -> Int? {
        if String(validating: bytes, as: UTF8.self) != nil { return nil }
        var offset = 0
        var parser = Unicode.UTF8.ForwardParser()
        var iterator = bytes.makeIterator()
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let scalar): offset += scalar.count
            case .error: return offset
            case .emptyInput: return nil
            }
        }
    }

    /// Foundation's decoder parses lazily: a syntax error inside a member it never reads (an unknown one) goes unseen,
    /// and one inside a value it reads comes back without a position. On the way to refusing a body, the body is parsed
    /// whole once more, so a body that is not JSON is called that, with its line and column.
    private static func refuseIfMalformed(_ bytes: [UInt8]) throws(JSONBodyError) {
        if let position = syntaxErrorPosition(bytes) { throw .malformed(line: position.line, column: position.column) }
    }

    /// 1-based line and column of a syntax error, from `JSONSerialization`'s "around character N" (a byte offset);
    /// nil when the text is JSON after all (`JSONDecoder` then refused a value, not the syntax).
    static func syntaxErrorPosition(_ bytes: [UInt8]) -> (line: Int, column: Int)? {
        do {
            _ = try JSONSerialization.jsonObject(with: Data(bytes), options: [.fragmentsAllowed])
            return nil
        } catch {
            let said = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String ?? ""
            let offset: Int
            if let match = said.firstMatch(of: /character (\d+)/), let at = Int(match.1) {
                offset = at
            } else if said.contains("end of file") {
                offset = bytes.count
            } else {
                return (0, 0)
            }
            return position(of: offset, in: bytes)
        }
    }

    /// 1-based line and column (in Unicode scalars) of a byte offset, for a message a person can act on.
    static func position(of offset: Int, in bytes: [UInt8]) -> (line: Int, column: Int) {
        var line = 1
        var column = 1
        for byte in bytes[..<min(offset, bytes.count)] {
            if byte == 0x0A {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
        }
        return (line, column)
    }
}
