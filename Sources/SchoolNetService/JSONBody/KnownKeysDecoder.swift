import Foundation

// Around Foundation's decoder, three things it does not do: members the type has no coding key for are unknown
// fields; a string holding NUL is noted; a number of the wrong kind (5.5 for an integer) keeps its path.
// `JSONDecoder` decodes every value; these wrappers only look at what passes and forward the rest.

/// What the wrappers found while one body was decoded; reached through the decoder's `userInfo`.
final class KnownKeysFindings: @unchecked Sendable {
    static let key = CodingUserInfoKey(rawValue: "schoolnet.knownKeys")!

    /// Every object read, in the order it was first opened (so the unknown members of a body come out in reading order).
    private var objects: [KnownKeysObject] = []
    private(set) var nulFields: [String] = []

    /// The object a keyed container was opened on, listed once; the caller then tells it which keys it knows.
    func object(_ members: KeyedDecodingContainer<AnyCodingKey>) -> KnownKeysObject {
        let object = KnownKeysObject(members)
        self.objects.append(object)
        return object
    }

    func unknownFields() -> [BodyFieldError] {
        var seen: Set<[String]> = []
        return self.objects.flatMap(\.unknown).filter { path in
            // Unambiguous, unlike the display form: a member literally named "a.b" is not a.b.
            seen.insert(path.map { key in key.intValue.map { "#\($0)" } ?? ".\(key.stringValue)" }).inserted
        }.map(BodyFieldError.unknown)
    }

    /// The types `JSONDecoder` decodes itself go through `plain` (strings checked for NUL, a lost path restored);
    /// everything else through `wrapped`, so its objects are checked too.
    func value<T: Decodable, R>(
        _ type: T.Type, at path: @autoclosure () -> [any CodingKey], plain: () throws -> R, asDouble: () throws -> Double,
        wrapped: () throws -> R
    ) throws -> R {
        guard passesThrough(T.self) else { return try wrapped() }
        let result: R
        do {
            result = try plain()
        } catch let error where !(error is DecodingError) {
            // Foundation's parser throws its own error for a number the type cannot hold (5.5 or 300 for an Int8),
            // which `JSONDecoder` turns into "not valid JSON" at no path; here the path is known.
            if let number = try? asDouble(), number.rounded() != number {
                throw DecodingError.typeMismatch(T.self, .init(codingPath: path(), debugDescription: "Expected an integer."))
            }
            throw DecodingError.dataCorrupted(.init(codingPath: path(), debugDescription: "Out of range for \(T.self)."))
        }
        if T.self == String.self, let string = result as? String, string.utf8.contains(0) { self.nulFields.append(fieldPath(path())) }
        return result
    }
}

/// The scalars and Foundation types `JSONDecoder` reads with its own rules (Decimal exactly, Date by strategy).
private func passesThrough(_ type: Any.Type) -> Bool { plainTypes.contains(ObjectIdentifier(type)) }

private let plainTypes: Set<ObjectIdentifier> = Set(
    [
        String.self, Bool.self, Double.self, Float.self, Int.self, Int8.self, Int16.self, Int32.self, Int64.self,
        UInt.self, UInt8.self, UInt16.self, UInt32.self, UInt64.self, Decimal.self, Date.self, Data.self, URL.self
    ].map { ObjectIdentifier($0 as Any.Type) })

/// Decodes `Value` through a `KnownKeysDecoder`; `JSONBody` decodes the top level as this.
struct KnownKeys<Value: Decodable>: Decodable {
    let value: Value

    init(from decoder: any Decoder) throws {
        guard let findings = decoder.userInfo[KnownKeysFindings.key] as? KnownKeysFindings else {
            self.value = try Value(from: decoder)
            return
        }
        self.value = try findings.value(
            Value.self, at: decoder.codingPath, plain: { try decoder.singleValueContainer().decode(Value.self) },
            asDouble: { try decoder.singleValueContainer().decode(Double.self) },
            wrapped: { try Value(from: KnownKeysDecoder(base: decoder, findings: findings)) })
    }
}

/// One JSON object and the members no container opened on it has a key for. A type may read one object through
/// several containers (a registration body: its own event and organisation beside an `ApplicationChange`'s members);
/// a member is unknown only when none of them knows it, so a wrapper opens all its containers before reading a value.
final class KnownKeysObject {
    private let path: [any CodingKey]
    private var members: [AnyCodingKey]

    init(_ all: KeyedDecodingContainer<AnyCodingKey>) {
        (self.path, self.members) = (all.codingPath, all.allKeys)
    }

    func know<Key: CodingKey>(_: Key.Type) { self.members.removeAll { Key(stringValue: $0.stringValue) != nil } }

    var unknown: [[any CodingKey]] { self.members.map { self.path + [$0] } }
}

/// Any member name, to list what an object holds.
struct AnyCodingKey: CodingKey {
    let stringValue: String
    let intValue: Int?
    init(stringValue: String) { (self.stringValue, self.intValue) = (stringValue, nil) }
    init(intValue: Int) { (self.stringValue, self.intValue) = ("Index \(intValue)", intValue) }
}

/// A decoder for one value; every keyed container opened on it shares one `KnownKeysObject`.
struct KnownKeysDecoder: Decoder {
    let base: any Decoder
    let findings: KnownKeysFindings
    private let object = ObjectSlot()

    init(base: any Decoder, findings: KnownKeysFindings) {
        (self.base, self.findings) = (base, findings)
    }

    private final class ObjectSlot {
        var object: KnownKeysObject?
    }

    var codingPath: [any CodingKey] { self.base.codingPath }
    var userInfo: [CodingUserInfoKey: Any] { self.base.userInfo }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        let container = try self.base.container(keyedBy: Key.self)
        let object = try self.object.object ?? self.findings.object(self.base.container(keyedBy: AnyCodingKey.self))
        self.object.object = object
        object.know(Key.self)
        return KeyedDecodingContainer(KnownKeysKeyedContainer(base: container, findings: self.findings))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        KnownKeysUnkeyedContainer(base: try self.base.unkeyedContainer(), findings: self.findings)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer {
        KnownKeysSingleValueContainer(base: try self.base.singleValueContainer(), findings: self.findings)
    }
}

private struct KnownKeysKeyedContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let base: KeyedDecodingContainer<Key>
    let findings: KnownKeysFindings

    var codingPath: [any CodingKey] { self.base.codingPath }
    var allKeys: [Key] { self.base.allKeys }
    func contains(_ key: Key) -> Bool { self.base.contains(key) }
    func decodeNil(forKey key: Key) throws -> Bool { try self.base.decodeNil(forKey: key) }

    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T { try self.decodeValue(type, forKey: key) }

    func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? {
        try self.findings.value(
            T.self, at: self.codingPath + [key], plain: { try self.base.decodeIfPresent(T.self, forKey: key) },
            asDouble: { try self.base.decode(Double.self, forKey: key) }, wrapped: { try self.base.decodeIfPresent(KnownKeys<T>.self, forKey: key)?.value })
    }

    private func decodeValue<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
        try self.findings.value(
            T.self, at: self.codingPath + [key], plain: { try self.base.decode(T.self, forKey: key) },
            asDouble: { try self.base.decode(Double.self, forKey: key) }, wrapped: { try self.base.decode(KnownKeys<T>.self, forKey: key).value })
    }

    func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try self.decodeValue(type, forKey: key) }
    func decode(_ type: String.Type, forKey key: Key) throws -> String { try self.decodeValue(type, forKey: key) }
    func decode(_ type: Double.Type, forKey key: Key) throws -> Double { try self.decodeValue(type, forKey: key) }
    func decode(_ type: Float.Type, forKey key: Key) throws -> Float { try self.decodeValue(type, forKey: key) }
    func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try self.decodeValue(type, forKey: key) }
    func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { try self.decodeValue(type, forKey: key) }
    func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { try self.decodeValue(type, forKey: key) }
    func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { try self.decodeValue(type, forKey: key) }
    func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try self.decodeValue(type, forKey: key) }
    func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { try self.decodeValue(type, forKey: key) }
    func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { try self.decodeValue(type, forKey: key) }
    func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { try self.decodeValue(type, forKey: key) }
    func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { try self.decodeValue(type, forKey: key) }
    func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { try self.decodeValue(type, forKey: key) }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
        let container = try self.base.nestedContainer(keyedBy: NestedKey.self, forKey: key)
        self.findings.object(try self.base.nestedContainer(keyedBy: AnyCodingKey.self, forKey: key)).know(NestedKey.self)
        return KeyedDecodingContainer(KnownKeysKeyedContainer<NestedKey>(base: container, findings: self.findings))
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        KnownKeysUnkeyedContainer(base: try self.base.nestedUnkeyedContainer(forKey: key), findings: self.findings)
    }

    func superDecoder() throws -> any Decoder { KnownKeysDecoder(base: try self.base.superDecoder(), findings: self.findings) }
    func superDecoder(forKey key: Key) throws -> any Decoder {
        KnownKeysDecoder(base: try self.base.superDecoder(forKey: key), findings: self.findings)
    }
}

private struct KnownKeysUnkeyedContainer: UnkeyedDecodingContainer {
    var base: any UnkeyedDecodingContainer
    let findings: KnownKeysFindings

    var codingPath: [any CodingKey] { self.base.codingPath }
    var count: Int? { self.base.count }
    var isAtEnd: Bool { self.base.isAtEnd }
    var currentIndex: Int { self.base.currentIndex }

    mutating func decodeNil() throws -> Bool { try self.base.decodeNil() }

    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
        let (path, index) = (self.base.codingPath, self.currentIndex)
        // An element that fails leaves the index where it was, so the number can be read again as a Double.
        return try self.findings.value(
            T.self, at: path + [AnyCodingKey(intValue: index)], plain: { try self.base.decode(T.self) }, asDouble: { try self.base.decode(Double.self) },
            wrapped: { try self.base.decode(KnownKeys<T>.self).value })
    }

    mutating func decode(_ type: Bool.Type) throws -> Bool { try self.decode(type, generic: ()) }
    mutating func decode(_ type: String.Type) throws -> String { try self.decode(type, generic: ()) }
    mutating func decode(_ type: Double.Type) throws -> Double { try self.decode(type, generic: ()) }
    mutating func decode(_ type: Float.Type) throws -> Float { try self.decode(type, generic: ()) }
    mutating func decode(_ type: Int.Type) throws -> Int { try self.decode(type, generic: ()) }
    mutating func decode(_ type: Int8.Type) throws -> Int8 { try self.decode(type, generic: ()) }
    mutating func decode(_ type: Int16.Type) throws -> Int16 { try self.decode(type, generic: ()) }
    mutating func decode(_ type: Int32.Type) throws -> Int32 { try self.decode(type, generic: ()) }
    mutating func decode(_ type: Int64.Type) throws -> Int64 { try self.decode(type, generic: ()) }
    mutating func decode(_ type: UInt.Type) throws -> UInt { try self.decode(type, generic: ()) }
    mutating func decode(_ type: UInt8.Type) throws -> UInt8 { try self.decode(type, generic: ()) }
    mutating func decode(_ type: UInt16.Type) throws -> UInt16 { try self.decode(type, generic: ()) }
    mutating func decode(_ type: UInt32.Type) throws -> UInt32 { try self.decode(type, generic: ()) }
    mutating func decode(_ type: UInt64.Type) throws -> UInt64 { try self.decode(type, generic: ()) }

    private mutating func decode<T: Decodable>(_ type: T.Type, generic: Void) throws -> T { try self.decode(type) }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
        // Read the same element twice: once to list its members, once for the type.
        let decoder = KnownKeysDecoder(base: try self.base.superDecoder(), findings: self.findings)
        return try decoder.container(keyedBy: NestedKey.self)
    }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
        KnownKeysUnkeyedContainer(base: try self.base.nestedUnkeyedContainer(), findings: self.findings)
    }

    mutating func superDecoder() throws -> any Decoder { KnownKeysDecoder(base: try self.base.superDecoder(), findings: self.findings) }
}

private struct KnownKeysSingleValueContainer: SingleValueDecodingContainer {
    let base: any SingleValueDecodingContainer
    let findings: KnownKeysFindings

    var codingPath: [any CodingKey] { self.base.codingPath }
    func decodeNil() -> Bool { self.base.decodeNil() }

    func decode<T: Decodable>(_ type: T.Type) throws -> T {
        try self.findings.value(
            T.self, at: self.codingPath, plain: { try self.base.decode(T.self) }, asDouble: { try self.base.decode(Double.self) },
            wrapped: { try self.base.decode(KnownKeys<T>.self).value })
    }

    func decode(_ type: Bool.Type) throws -> Bool { try self.decode(type, generic: ()) }
    func decode(_ type: String.Type) throws -> String { try self.decode(type, generic: ()) }
    func decode(_ type: Double.Type) throws -> Double { try self.decode(type, generic: ()) }
    func decode(_ type: Float.Type) throws -> Float { try self.decode(type, generic: ()) }
    func decode(_ type: Int.Type) throws -> Int { try self.decode(type, generic: ()) }
    func decode(_ type: Int8.Type) throws -> Int8 { try self.decode(type, generic: ()) }
    func decode(_ type: Int16.Type) throws -> Int16 { try self.decode(type, generic: ()) }
    func decode(_ type: Int32.Type) throws -> Int32 { try self.decode(type, generic: ()) }
    func decode(_ type: Int64.Type) throws -> Int64 { try self.decode(type, generic: ()) }
    func decode(_ type: UInt.Type) throws -> UInt { try self.decode(type, generic: ()) }
    func decode(_ type: UInt8.Type) throws -> UInt8 { try self.decode(type, generic: ()) }
    func decode(_ type: UInt16.Type) throws -> UInt16 { try self.decode(type, generic: ()) }
    func decode(_ type: UInt32.Type) throws -> UInt32 { try self.decode(type, generic: ()) }
    func decode(_ type: UInt64.Type) throws -> UInt64 { try self.decode(type, generic: ()) }

    private func decode<T: Decodable>(_ type: T.Type, generic: Void) throws -> T { try self.decode(type) }
}
