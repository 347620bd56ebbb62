import Foundation

// numeric binds as text (exact, and simpler than numeric's base-10000 binary form).
// It is read from binary straight into Decimal's 128-bit mantissa (PQNumeric+Decimal.swift);
// PQNumeric.string rebuilds the text the server would print, for String and for values
// Decimal cannot hold exactly.

extension Decimal: PQEncodable, PQDecodable {
    public static var pqTypeOID: UInt32 { PQOID.numeric }
    public static var pqArrayTypeOID: UInt32 { PQOID.numericArray }
    public static var pqFormat: PQFormat { .text }
    public func pqEncode(into buffer: inout [UInt8]) { buffer.append(contentsOf: (isNaN ? "NaN" : description).utf8) }

    public init(pqCell cell: PQCell) throws {
        let b = try cell.require(Decimal.self)
        guard cell.typeOID == PQOID.numeric else { throw cell.mismatch(Decimal.self) }
        if let value = try PQNumeric.decimal(cell, b) {
            self = value
            return
        }
        // More significant digits than Decimal's mantissa holds, or an exponent out of its range:
        // Foundation's parser decides, as it did before the direct route existed.
        let text = try PQNumeric.string(cell, b)
        guard let value = Decimal(string: text, locale: PQNumeric.posix) else {
            throw cell.mismatch(Decimal.self, "value does not fit Foundation.Decimal")
        }
        self = value
    }
}

enum PQNumeric {
    static let posix = Locale(identifier: "en_US_POSIX")

    /// numeric's binary header: digit count, weight of the first base-10000 digit, sign, display scale.
    struct Header {
        let ndigits: Int
        let weight: Int
        let sign: UInt16
        let dscale: Int

        static let positive: UInt16 = 0x0000
        static let negative: UInt16 = 0x4000
        static let nan: UInt16 = 0xC000
        static let infinity: UInt16 = 0xD000
        static let negativeInfinity: UInt16 = 0xF000

        @inline(__always)
        init(_ cell: PQCell, _ b: UnsafeRawBufferPointer) throws {
            guard b.count >= 8 else { throw cell.mismatch(Decimal.self, "short numeric") }
            ndigits = Int(b.bigEndian(at: 0, as: Int16.self))
            weight = Int(b.bigEndian(at: 2, as: Int16.self))
            sign = b.bigEndian(at: 4, as: UInt16.self)
            dscale = Int(b.bigEndian(at: 6, as: Int16.self))
            if sign == Header.positive || sign == Header.negative {
                guard ndigits >= 0, b.count >= 8 + 2 * ndigits else { throw cell.mismatch(Decimal.self, "short numeric") }
            }
        }
    }

    /// Formats numeric's binary form: ndigits, weight, sign, dscale, then base-10000 digits.
    static func string(_ cell: PQCell, _ b: UnsafeRawBufferPointer) throws -> String {
        let h = try Header(cell, b)
        let ndigits = h.ndigits, weight = h.weight, sign = h.sign, dscale = h.dscale
        switch sign {
        case Header.nan: return "NaN"
        case Header.infinity: return "Infinity"
        case Header.negativeInfinity: return "-Infinity"
        default: break
        }
        func digit(_ i: Int) -> Int { i >= 0 && i < ndigits ? Int(b.bigEndian(at: 8 + 2 * i, as: Int16.self)) : 0 }

        var out = [UInt8]()
        out.reserveCapacity(ndigits * 4 + dscale + 3)
        if sign == Header.negative { out.append(UInt8(ascii: "-")) }
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
