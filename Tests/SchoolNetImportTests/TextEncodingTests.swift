import Foundation
import PQ
import SchoolNetTestSupport
import Testing
@testable import SchoolNetImport

/// Windows-1251 as the results list reader decodes it in Swift, byte for byte against PostgreSQL's WIN1251
/// (which converts every import): all 128 high bytes, not just the letters.
@Suite struct TextEncodingTests {
    @Test func everyHighByteOfWindows1251DecodesAsPostgreSQLDecodesIt() throws {
        let conn = try PQConnection(try TestDatabase.fresh("windows1251_table"))
        // 0x98 is unused in Windows-1251: PostgreSQL refuses it, Swift gives U+FFFD
        let rows = try conn.query(
            """
            SELECT b, convert_from(decode(to_hex(b), 'hex'), 'WIN1251') FROM generate_series(128, 255) AS b WHERE b <> 152 ORDER BY b
            """)
        var compared = 0
        for row in rows {
            let byte = UInt8(try row.decode(0, as: Int.self))
            let expected = try row.decode(1, as: String.self)
            #expect(TextEncoding.windows1251.decode([byte]) == expected, "byte 0x\(String(byte, radix: 16))")
            compared += 1
        }
        #expect(compared == 127)
        #expect(TextEncoding.windows1251.decode([0x98]) == "\u{FFFD}")
        #expect(TextEncoding.windows1251.decode([0x85, 0xB0, 0x84, 0x93, 0x94, 0xB9]) == "…°„“”№")
    }
}
