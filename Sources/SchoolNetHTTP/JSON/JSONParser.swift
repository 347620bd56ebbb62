/// Why a body is not JSON; `offset` is a byte offset into the body.
struct JSONSyntaxError: Error, Sendable {
    enum Reason: Sendable {
        case unexpectedEnd
        case unexpectedCharacter
        case invalidEscape
        case controlCharacterInString
        case invalidNumber
        case trailingContent
        case tooDeep
    }

    let offset: Int
    let reason: Reason
}

/// The same member appears twice in one object, at `path`.
struct JSONDuplicateKeyError: Error, Sendable {
    let path: [JSONKey]
}

/// A strict RFC 8259 parser over UTF-8 bytes (validated beforehand). Rejects duplicate member
/// names and nesting deeper than `maxDepth`, so a hostile body cannot exhaust the stack.
struct JSONParser {
    private let bytes: [UInt8]
    private var index = 0
    private var path: [JSONKey] = []
    private let maxDepth: Int

    static func parse(_ bytes: [UInt8], maxDepth: Int = 64) throws -> JSONValue {
        var parser = JSONParser(bytes: bytes, maxDepth: maxDepth)
        parser.skipWhitespace()
        let value = try parser.parseValue()
        parser.skipWhitespace()
        guard parser.index == bytes.count else { throw parser.error(.trailingContent) }
        return value
    }

    private init(bytes: [UInt8], maxDepth: Int) {
        self.bytes = bytes
        self.maxDepth = maxDepth
    }

    private func error(_ reason: JSONSyntaxError.Reason) -> JSONSyntaxError {
        JSONSyntaxError(offset: self.index, reason: reason)
    }

    private var current: UInt8? { self.index < self.bytes.count ? self.bytes[self.index] : nil }

    private mutating func skipWhitespace() {
        while let byte = self.current, byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D {
            self.index += 1
        }
    }

    private mutating func expect(_ byte: UInt8) throws {
        guard let current else { throw self.error(.unexpectedEnd) }
        guard current == byte else { throw self.error(.unexpectedCharacter) }
        self.index += 1
    }

    private mutating func parseValue() throws -> JSONValue {
        guard let byte = self.current else { throw self.error(.unexpectedEnd) }
        switch byte {
        case UInt8(ascii: "{"): return try self.parseObject()
        case UInt8(ascii: "["): return try self.parseArray()
        case UInt8(ascii: "\""): return .string(try self.parseString())
        case UInt8(ascii: "t"): try self.parseLiteral("true"); return .bool(true)
        case UInt8(ascii: "f"): try self.parseLiteral("false"); return .bool(false)
        case UInt8(ascii: "n"): try self.parseLiteral("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try self.parseNumber())
        default: throw self.error(.unexpectedCharacter)
        }
    }

    private mutating func parseLiteral(_ literal: String) throws {
        for expected in literal.utf8 { try self.expect(expected) }
    }

    private mutating func parseObject() throws -> JSONValue {
        guard self.path.count < self.maxDepth else { throw self.error(.tooDeep) }
        self.index += 1
        var members: [(key: String, value: JSONValue)] = []
        var seen: Set<String> = []
        self.skipWhitespace()
        if self.current == UInt8(ascii: "}") {
            self.index += 1
            return .object(members)
        }
        while true {
            self.skipWhitespace()
            guard self.current == UInt8(ascii: "\"") else {
                throw self.error(self.current == nil ? .unexpectedEnd : .unexpectedCharacter)
            }
            let key = try self.parseString()
            guard seen.insert(key).inserted else { throw JSONDuplicateKeyError(path: self.path + [JSONKey(stringValue: key)]) }
            self.skipWhitespace()
            try self.expect(UInt8(ascii: ":"))
            self.skipWhitespace()
            self.path.append(JSONKey(stringValue: key))
            let value = try self.parseValue()
            self.path.removeLast()
            members.append((key, value))
            self.skipWhitespace()
            guard let next = self.current else { throw self.error(.unexpectedEnd) }
            self.index += 1
            if next == UInt8(ascii: "}") { return .object(members) }
            guard next == UInt8(ascii: ",") else { self.index -= 1; throw self.error(.unexpectedCharacter) }
        }
    }

    private mutating func parseArray() throws -> JSONValue {
        guard self.path.count < self.maxDepth else { throw self.error(.tooDeep) }
        self.index += 1
        var elements: [JSONValue] = []
        self.skipWhitespace()
        if self.current == UInt8(ascii: "]") {
            self.index += 1
            return .array(elements)
        }
        while true {
            self.skipWhitespace()
            self.path.append(JSONKey(index: elements.count))
            elements.append(try self.parseValue())
            self.path.removeLast()
            self.skipWhitespace()
            guard let next = self.current else { throw self.error(.unexpectedEnd) }
            self.index += 1
            if next == UInt8(ascii: "]") { return .array(elements) }
            guard next == UInt8(ascii: ",") else { self.index -= 1; throw self.error(.unexpectedCharacter) }
        }
    }

    private mutating func parseString() throws -> String {
        self.index += 1  // opening quote
        var scalars: [UInt8] = []
        while true {
            guard let byte = self.current else { throw self.error(.unexpectedEnd) }
            switch byte {
            case UInt8(ascii: "\""):
                self.index += 1
                return String(decoding: scalars, as: UTF8.self)
            case UInt8(ascii: "\\"):
                self.index += 1
                try self.parseEscape(into: &scalars)
            case 0x00..<0x20:
                throw self.error(.controlCharacterInString)
            default:
                scalars.append(byte)
                self.index += 1
            }
        }
    }

    private mutating func parseEscape(into output: inout [UInt8]) throws {
        guard let byte = self.current else { throw self.error(.unexpectedEnd) }
        self.index += 1
        let simple: UInt8? =
            switch byte {
            case UInt8(ascii: "\""): 0x22
            case UInt8(ascii: "\\"): 0x5C
            case UInt8(ascii: "/"): 0x2F
            case UInt8(ascii: "b"): 0x08
            case UInt8(ascii: "f"): 0x0C
            case UInt8(ascii: "n"): 0x0A
            case UInt8(ascii: "r"): 0x0D
            case UInt8(ascii: "t"): 0x09
            default: nil
            }
        if let simple {
            output.append(simple)
            return
        }
        guard byte == UInt8(ascii: "u") else { self.index -= 1; throw self.error(.invalidEscape) }
        var scalar = try self.parseHex4()
        if (0xD800...0xDBFF).contains(scalar) {
            // A high surrogate must be followed by an escaped low surrogate.
            guard self.current == UInt8(ascii: "\\") else { throw self.error(.invalidEscape) }
            self.index += 1
            guard self.current == UInt8(ascii: "u") else { throw self.error(.invalidEscape) }
            self.index += 1
            let low = try self.parseHex4()
            guard (0xDC00...0xDFFF).contains(low) else { throw self.error(.invalidEscape) }
            scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
        } else if (0xDC00...0xDFFF).contains(scalar) {
            throw self.error(.invalidEscape)
        }
        guard let unicode = Unicode.Scalar(scalar) else { throw self.error(.invalidEscape) }
        output.append(contentsOf: Array(String(Character(unicode)).utf8))
    }

    private mutating func parseHex4() throws -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<4 {
            guard let byte = self.current else { throw self.error(.unexpectedEnd) }
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw self.error(.invalidEscape)
            }
            value = value << 4 | UInt32(digit)
            self.index += 1
        }
        return value
    }

    private mutating func parseNumber() throws -> String {
        let start = self.index
        func isDigit(_ byte: UInt8?) -> Bool { byte.map { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) } ?? false }
        if self.current == UInt8(ascii: "-") { self.index += 1 }
        if self.current == UInt8(ascii: "0") {
            self.index += 1
        } else if isDigit(self.current) {
            while isDigit(self.current) { self.index += 1 }
        } else {
            throw self.error(.invalidNumber)
        }
        if self.current == UInt8(ascii: ".") {
            self.index += 1
            guard isDigit(self.current) else { throw self.error(.invalidNumber) }
            while isDigit(self.current) { self.index += 1 }
        }
        if self.current == UInt8(ascii: "e") || self.current == UInt8(ascii: "E") {
            self.index += 1
            if self.current == UInt8(ascii: "+") || self.current == UInt8(ascii: "-") { self.index += 1 }
            guard isDigit(self.current) else { throw self.error(.invalidNumber) }
            while isDigit(self.current) { self.index += 1 }
        }
        return String(decoding: self.bytes[start..<self.index], as: UTF8.self)
    }
}

/// 1-based line and column (in Unicode scalars) of a byte offset, for messages a person can act on.
func lineAndColumn(of offset: Int, in bytes: [UInt8]) -> (line: Int, column: Int) {
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
