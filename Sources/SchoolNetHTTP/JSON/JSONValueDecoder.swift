import Foundation

/// Decodes a `Decodable` from a `JSONValue` and records which object members the type read,
/// so members it never asked for can be reported as unknown fields.
struct JSONValueDecoder {
    /// Decodes `type`; returns the value and the paths of members the type never read.
    static func decode<T: Decodable>(_ type: T.Type, from value: JSONValue) throws -> (value: T, unknownFields: [[JSONKey]]) {
        let tracker = MemberUsageTracker()
        let decoder = _JSONValueDecoder(value: value, codingPath: [], tracker: tracker)
        let result = try T(from: decoder)
        return (result, tracker.unusedMembers())
    }
}

/// Which members of each object a type looked at. A class: containers share it while decoding.
final class MemberUsageTracker {
    private struct Object {
        var path: [JSONKey]
        var keys: [String]
        var used: Set<String>
    }

    private var objects: [String: Object] = [:]
    private var order: [String] = []

    /// Unambiguous, unlike the display form: a member literally named "a.b" is not a.b.
    private static func id(_ path: [JSONKey]) -> String {
        path.map { key in key.intValue.map { "#\($0)" } ?? ".\(key.stringValue)" }.joined(separator: "\u{1}")
    }

    func register(path: [JSONKey], keys: [String]) {
        let id = Self.id(path)
        if self.objects[id] == nil {
            self.objects[id] = Object(path: path, keys: keys, used: [])
            self.order.append(id)
        }
    }

    func markUsed(_ key: String, at path: [JSONKey]) {
        self.objects[Self.id(path)]?.used.insert(key)
    }

    func unusedMembers() -> [[JSONKey]] {
        self.order.flatMap { id -> [[JSONKey]] in
            guard let object = self.objects[id] else { return [] }
            return object.keys.filter { !object.used.contains($0) }.map { object.path + [JSONKey(stringValue: $0)] }
        }
    }
}

private func jsonPath(_ codingPath: [any CodingKey]) -> [JSONKey] {
    codingPath.map { key in key.intValue.map { JSONKey(index: $0) } ?? JSONKey(stringValue: key.stringValue) }
}

private struct _JSONValueDecoder: Decoder {
    let value: JSONValue
    let codingPath: [any CodingKey]
    let tracker: MemberUsageTracker
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        guard case .object(let members) = self.value else {
            throw typeMismatch([String: JSONValue].self, expected: "object", found: self.value, path: self.codingPath)
        }
        self.tracker.register(path: jsonPath(self.codingPath), keys: members.map(\.key))
        return KeyedDecodingContainer(KeyedContainer<Key>(members: members, codingPath: self.codingPath, tracker: self.tracker))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        guard case .array(let elements) = self.value else {
            throw typeMismatch([JSONValue].self, expected: "array", found: self.value, path: self.codingPath)
        }
        return UnkeyedContainer(elements: elements, codingPath: self.codingPath, tracker: self.tracker)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer {
        SingleValueContainer(value: self.value, codingPath: self.codingPath, tracker: self.tracker)
    }
}

private func typeMismatch(_ type: Any.Type, expected: String, found: JSONValue, path: [any CodingKey]) -> DecodingError {
    if found == .null {
        return .valueNotFound(type, .init(codingPath: path, debugDescription: "Expected \(expected) but found null."))
    }
    return .typeMismatch(type, .init(codingPath: path, debugDescription: "Expected \(expected) but found \(found.kind)."))
}

/// Decodes scalars and the Foundation types whose own `Decodable` conformances do not match JSON APIs.
private func decodeScalar<T: Decodable>(_ type: T.Type, from value: JSONValue, path: [any CodingKey], tracker: MemberUsageTracker) throws -> T {
    switch type {
    case is String.Type:
        guard case .string(let string) = value else { throw typeMismatch(type, expected: "string", found: value, path: path) }
        return string as! T
    case is Bool.Type:
        guard case .bool(let bool) = value else { throw typeMismatch(type, expected: "boolean", found: value, path: path) }
        return bool as! T
    case is Int.Type: return try decodeInteger(Int.self, from: value, path: path) as! T
    case is Int8.Type: return try decodeInteger(Int8.self, from: value, path: path) as! T
    case is Int16.Type: return try decodeInteger(Int16.self, from: value, path: path) as! T
    case is Int32.Type: return try decodeInteger(Int32.self, from: value, path: path) as! T
    case is Int64.Type: return try decodeInteger(Int64.self, from: value, path: path) as! T
    case is UInt.Type: return try decodeInteger(UInt.self, from: value, path: path) as! T
    case is UInt8.Type: return try decodeInteger(UInt8.self, from: value, path: path) as! T
    case is UInt16.Type: return try decodeInteger(UInt16.self, from: value, path: path) as! T
    case is UInt32.Type: return try decodeInteger(UInt32.self, from: value, path: path) as! T
    case is UInt64.Type: return try decodeInteger(UInt64.self, from: value, path: path) as! T
    case is Double.Type:
        return try decodeFloatingPoint(value, path: path) as! T
    case is Float.Type:
        return Float(try decodeFloatingPoint(value, path: path)) as! T
    case is Decimal.Type:
        guard case .number(let text) = value else { throw typeMismatch(type, expected: "number", found: value, path: path) }
        guard let decimal = Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")) else {
            throw DecodingError.dataCorrupted(.init(codingPath: path, debugDescription: "Number out of range."))
        }
        return decimal as! T
    case is Date.Type:
        guard case .string(let text) = value else { throw typeMismatch(type, expected: "string", found: value, path: path) }
        guard let date = parseISO8601(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: path, debugDescription: "Expected an ISO 8601 date-time."))
        }
        return date as! T
    case is URL.Type:
        guard case .string(let text) = value else { throw typeMismatch(type, expected: "string", found: value, path: path) }
        guard let url = URL(string: text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: path, debugDescription: "Expected a URL."))
        }
        return url as! T
    case is Data.Type:
        guard case .string(let text) = value else { throw typeMismatch(type, expected: "string", found: value, path: path) }
        guard let data = Data(base64Encoded: text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: path, debugDescription: "Expected base64."))
        }
        return data as! T
    default:
        return try T(from: _JSONValueDecoder(value: value, codingPath: path, tracker: tracker))
    }
}

private func decodeInteger<I: FixedWidthInteger>(_ type: I.Type, from value: JSONValue, path: [any CodingKey]) throws -> I {
    guard case .number(let text) = value else { throw typeMismatch(type, expected: "integer", found: value, path: path) }
    if let integer = I(text) { return integer }
    // Accept 3.0 or 3e2 only when they are exact integers; anything fractional is the wrong type.
    if text.contains(where: { $0 == "." || $0 == "e" || $0 == "E" }) {
        guard let double = Double(text), double.rounded() == double, let integer = I(exactly: double) else {
            throw DecodingError.typeMismatch(type, .init(codingPath: path, debugDescription: "Expected integer but found a fraction."))
        }
        return integer
    }
    throw DecodingError.dataCorrupted(.init(codingPath: path, debugDescription: "Integer out of range for \(I.self)."))
}

private func decodeFloatingPoint(_ value: JSONValue, path: [any CodingKey]) throws -> Double {
    guard case .number(let text) = value else { throw typeMismatch(Double.self, expected: "number", found: value, path: path) }
    guard let double = Double(text), double.isFinite else {
        throw DecodingError.dataCorrupted(.init(codingPath: path, debugDescription: "Number out of range."))
    }
    return double
}

private func parseISO8601(_ text: String) -> Date? {
    if let date = try? Date(text, strategy: .iso8601) { return date }
    return try? Date(text, strategy: Date.ISO8601FormatStyle(includingFractionalSeconds: true))
}

private struct KeyedContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let members: [(key: String, value: JSONValue)]
    let codingPath: [any CodingKey]
    let tracker: MemberUsageTracker

    var allKeys: [Key] { self.members.compactMap { Key(stringValue: $0.key) } }

    private func member(_ key: Key) -> JSONValue? {
        self.tracker.markUsed(key.stringValue, at: jsonPath(self.codingPath))
        return self.members.first { $0.key == key.stringValue }?.value
    }

    private func require(_ key: Key) throws -> JSONValue {
        guard let value = self.member(key) else {
            throw DecodingError.keyNotFound(key, .init(codingPath: self.codingPath + [key], debugDescription: "Missing member."))
        }
        return value
    }

    func contains(_ key: Key) -> Bool { self.member(key) != nil }

    func decodeNil(forKey key: Key) throws -> Bool { try self.require(key) == .null }

    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
        try self.decode(type, forKey: key, generic: ())
    }

    private func decode<T: Decodable>(_ type: T.Type, forKey key: Key, generic: Void) throws -> T {
        try decodeScalar(type, from: try self.require(key), path: self.codingPath + [key], tracker: self.tracker)
    }

    func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try self.decode(type as Bool.Type, forKey: key, generic: ()) }
    func decode(_ type: String.Type, forKey key: Key) throws -> String { try self.decode(type as String.Type, forKey: key, generic: ()) }
    func decode(_ type: Double.Type, forKey key: Key) throws -> Double { try self.decode(type as Double.Type, forKey: key, generic: ()) }
    func decode(_ type: Float.Type, forKey key: Key) throws -> Float { try self.decode(type as Float.Type, forKey: key, generic: ()) }
    func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try self.decode(type as Int.Type, forKey: key, generic: ()) }
    func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { try self.decode(type as Int8.Type, forKey: key, generic: ()) }
    func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { try self.decode(type as Int16.Type, forKey: key, generic: ()) }
    func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { try self.decode(type as Int32.Type, forKey: key, generic: ()) }
    func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try self.decode(type as Int64.Type, forKey: key, generic: ()) }
    func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { try self.decode(type as UInt.Type, forKey: key, generic: ()) }
    func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { try self.decode(type as UInt8.Type, forKey: key, generic: ()) }
    func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { try self.decode(type as UInt16.Type, forKey: key, generic: ()) }
    func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { try self.decode(type as UInt32.Type, forKey: key, generic: ()) }
    func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { try self.decode(type as UInt64.Type, forKey: key, generic: ()) }

    func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? {
        guard let value = self.member(key), value != .null else { return nil }
        return try decodeScalar(type, from: value, path: self.codingPath + [key], tracker: self.tracker)
    }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
        try _JSONValueDecoder(value: try self.require(key), codingPath: self.codingPath + [key], tracker: self.tracker).container(keyedBy: type)
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        try _JSONValueDecoder(value: try self.require(key), codingPath: self.codingPath + [key], tracker: self.tracker).unkeyedContainer()
    }

    func superDecoder() throws -> any Decoder {
        let key = JSONKey(stringValue: "super")
        self.tracker.markUsed(key.stringValue, at: jsonPath(self.codingPath))
        let value = self.members.first { $0.key == key.stringValue }?.value ?? .null
        return _JSONValueDecoder(value: value, codingPath: self.codingPath + [key], tracker: self.tracker)
    }

    func superDecoder(forKey key: Key) throws -> any Decoder {
        _JSONValueDecoder(value: self.member(key) ?? .null, codingPath: self.codingPath + [key], tracker: self.tracker)
    }
}

private struct UnkeyedContainer: UnkeyedDecodingContainer {
    let elements: [JSONValue]
    let codingPath: [any CodingKey]
    let tracker: MemberUsageTracker
    private(set) var currentIndex = 0

    init(elements: [JSONValue], codingPath: [any CodingKey], tracker: MemberUsageTracker) {
        self.elements = elements
        self.codingPath = codingPath
        self.tracker = tracker
    }

    var count: Int? { self.elements.count }
    var isAtEnd: Bool { self.currentIndex >= self.elements.count }

    private var currentPath: [any CodingKey] { self.codingPath + [JSONKey(index: self.currentIndex)] }

    private func next(_ type: Any.Type) throws -> JSONValue {
        guard !self.isAtEnd else {
            throw DecodingError.valueNotFound(type, .init(codingPath: self.currentPath, debugDescription: "Array has too few elements."))
        }
        return self.elements[self.currentIndex]
    }

    mutating func decodeNil() throws -> Bool {
        guard try self.next(Never.self) == .null else { return false }
        self.currentIndex += 1
        return true
    }

    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T { try self.decodeGeneric(type) }

    mutating func decode(_ type: Bool.Type) throws -> Bool { try self.decodeGeneric(type) }
    mutating func decode(_ type: String.Type) throws -> String { try self.decodeGeneric(type) }
    mutating func decode(_ type: Double.Type) throws -> Double { try self.decodeGeneric(type) }
    mutating func decode(_ type: Float.Type) throws -> Float { try self.decodeGeneric(type) }
    mutating func decode(_ type: Int.Type) throws -> Int { try self.decodeGeneric(type) }
    mutating func decode(_ type: Int8.Type) throws -> Int8 { try self.decodeGeneric(type) }
    mutating func decode(_ type: Int16.Type) throws -> Int16 { try self.decodeGeneric(type) }
    mutating func decode(_ type: Int32.Type) throws -> Int32 { try self.decodeGeneric(type) }
    mutating func decode(_ type: Int64.Type) throws -> Int64 { try self.decodeGeneric(type) }
    mutating func decode(_ type: UInt.Type) throws -> UInt { try self.decodeGeneric(type) }
    mutating func decode(_ type: UInt8.Type) throws -> UInt8 { try self.decodeGeneric(type) }
    mutating func decode(_ type: UInt16.Type) throws -> UInt16 { try self.decodeGeneric(type) }
    mutating func decode(_ type: UInt32.Type) throws -> UInt32 { try self.decodeGeneric(type) }
    mutating func decode(_ type: UInt64.Type) throws -> UInt64 { try self.decodeGeneric(type) }

    private mutating func decodeGeneric<T: Decodable>(_ type: T.Type) throws -> T {
        let value = try decodeScalar(type, from: try self.next(type), path: self.currentPath, tracker: self.tracker)
        self.currentIndex += 1
        return value
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
        let container = try _JSONValueDecoder(value: try self.next(type), codingPath: self.currentPath, tracker: self.tracker).container(keyedBy: type)
        self.currentIndex += 1
        return container
    }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
        let container = try _JSONValueDecoder(value: try self.next([JSONValue].self), codingPath: self.currentPath, tracker: self.tracker).unkeyedContainer()
        self.currentIndex += 1
        return container
    }

    mutating func superDecoder() throws -> any Decoder {
        let decoder = _JSONValueDecoder(value: try self.next(Never.self), codingPath: self.currentPath, tracker: self.tracker)
        self.currentIndex += 1
        return decoder
    }
}

private struct SingleValueContainer: SingleValueDecodingContainer {
    let value: JSONValue
    let codingPath: [any CodingKey]
    let tracker: MemberUsageTracker

    func decodeNil() -> Bool { self.value == .null }

    func decode<T: Decodable>(_ type: T.Type) throws -> T { try self.decodeGeneric(type) }

    func decode(_ type: Bool.Type) throws -> Bool { try self.decodeGeneric(type) }
    func decode(_ type: String.Type) throws -> String { try self.decodeGeneric(type) }
    func decode(_ type: Double.Type) throws -> Double { try self.decodeGeneric(type) }
    func decode(_ type: Float.Type) throws -> Float { try self.decodeGeneric(type) }
    func decode(_ type: Int.Type) throws -> Int { try self.decodeGeneric(type) }
    func decode(_ type: Int8.Type) throws -> Int8 { try self.decodeGeneric(type) }
    func decode(_ type: Int16.Type) throws -> Int16 { try self.decodeGeneric(type) }
    func decode(_ type: Int32.Type) throws -> Int32 { try self.decodeGeneric(type) }
    func decode(_ type: Int64.Type) throws -> Int64 { try self.decodeGeneric(type) }
    func decode(_ type: UInt.Type) throws -> UInt { try self.decodeGeneric(type) }
    func decode(_ type: UInt8.Type) throws -> UInt8 { try self.decodeGeneric(type) }
    func decode(_ type: UInt16.Type) throws -> UInt16 { try self.decodeGeneric(type) }
    func decode(_ type: UInt32.Type) throws -> UInt32 { try self.decodeGeneric(type) }
    func decode(_ type: UInt64.Type) throws -> UInt64 { try self.decodeGeneric(type) }

    private func decodeGeneric<T: Decodable>(_ type: T.Type) throws -> T {
        try decodeScalar(type, from: self.value, path: self.codingPath, tracker: self.tracker)
    }
}
