// Strings bind as "unknown" so the server types them from context: the same String fills
// text, varchar, citext, an enum or a domain column without casts.

extension String: PQEncodable, PQDecodable {
    public static var pqTypeOID: UInt32 { PQOID.unknown }
    public static var pqArrayTypeOID: UInt32 { PQOID.textArray }
    public static var pqFormat: PQFormat { .text }
    public func pqEncode(into buffer: inout [UInt8]) throws {
        if utf8.contains(0) { throw PQError(kind: .other, message: "a String parameter contains a NUL character, which PostgreSQL text cannot hold") }
        buffer.append(contentsOf: utf8)
    }

    public init(pqCell cell: PQCell) throws {
        let b = try cell.require(String.self)
        switch cell.typeOID {
        case PQOID.text, PQOID.varchar, PQOID.bpchar, PQOID.name, PQOID.json, PQOID.xml, PQOID.unknownLiteral, PQOID.char:
            self = String(decoding: b, as: UTF8.self)
        case PQOID.jsonb:
            // jsonb's binary form is a version byte (1) followed by the JSON text.
            guard b.count >= 1, b[0] == 1 else { throw cell.mismatch(String.self, "unknown jsonb version") }
            self = String(decoding: UnsafeRawBufferPointer(rebasing: b[1...]), as: UTF8.self)
        case PQOID.numeric:
            self = try PQNumeric.string(cell, b)
        case let oid where oid >= PQOID.firstUserOID:
            // Enums and text-like extension types (citext) send their text as the binary form.
            self = String(decoding: b, as: UTF8.self)
        default:
            throw cell.mismatch(String.self, "cast it to text in SQL")
        }
    }
}
