import Foundation

// numeric binds as text (exact, and simpler than numeric's base-10000 binary form);
// it is read from binary by PQNumeric, which rebuilds the same text the server would print.

extension Decimal: PQEncodable, PQDecodable {
    public static var pqTypeOID: UInt32 { PQOID.numeric }
    public static var pqArrayTypeOID: UInt32 { PQOID.numericArray }
    public static var pqFormat: PQFormat { .text }
    public func pqEncode(into buffer: inout [UInt8]) { buffer.append(contentsOf: (isNaN ? "NaN" : description).utf8) }

    public init(pqCell cell: PQCell) throws {
        let b = try cell.require(Decimal.self)
        guard cell.typeOID == PQOID.numeric else { throw cell.mismatch(Decimal.self) }
        let text = try PQNumeric.string(cell, b)
        if text == "NaN" { self = .nan; return }
        guard let value = Decimal(string: text, locale: PQNumeric.posix) else {
            throw cell.mismatch(Decimal.self, "value does not fit Foundation.Decimal")
        }
        self = value
    }
}

enum PQNumeric {
    static let posix = Locale(identifier: "en_US_POSIX")

    /// Formats numeric's binary form: ndigits, weight, sign, dscale, then base-10000 digits.
    static func string(_ cell: PQCell, _ b: UnsafeRawBufferPointer) throws -> String {
        guard b.count >= 8 else { throw cell.mismatch(Decimal.self, "short numeric") }
        let ndigits = Int(b.bigEndian(at: 0, as: Int16.self))
        let weight = Int(b.bigEndian(at: 2, as: Int16.self))
        let sign = b.bigEndian(at: 4, as: UInt16.self)
        let dscale = Int(b.bigEndian(at: 6, as: Int16.self))
        switch sign {
        case 0xC000: return "NaN"
        case 0xD000: return "Infinity"
        case 0xF000: return "-Infinity"
        default: break
        }
        guard b.count >= 8 + 2 * ndigits else { throw cell.mismatch(Decimal.self, "short numeric") }
        func digit(_ i: Int) -> Int { i >= 0 && i < ndigits ? Int(b.bigEndian(at: 8 + 2 * i, as: Int16.self)) : 0 }

        var out = [UInt8]()
        out.reserveCapacity(ndigits * 4 + dscale + 3)
        if sign == 0x4000 { out.append(UInt8(ascii: "-")) }
        if weight < 0 {
            out.append(UInt8(ascii: "0"))
        } else {
            for i in 0...weight {
                let d = digit(i)
                let group = [d / 1000, d / 100 % 10, d / 10 % 10, d % 10]
                var started = i > 0
                for g in group {
                    if g != 0 { started = true }
                    if started { out.append(UInt8(ascii: "0") + UInt8(g)) }
                }
                if !started && i == 0 { out.append(UInt8(ascii: "0")) }
            }
        }
        if dscale > 0 {
            out.append(UInt8(ascii: "."))
            var written = 0
            var i = weight + 1
            while written < dscale {
                let d = digit(i)
                for g in [d / 1000, d / 100 % 10, d / 10 % 10, d % 10] where written < dscale {
                    out.append(UInt8(ascii: "0") + UInt8(g))
                    written += 1
                }
                i += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
