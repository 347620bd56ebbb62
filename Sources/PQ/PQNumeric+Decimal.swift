import Foundation

// numeric's binary form straight into Foundation.Decimal, without text in between: the value is
// sign × Σ digit[i] × 10000^(weight − i), and Decimal is sign × mantissa × 10^exponent with an
// unsigned 128-bit mantissa (38 significant digits at least, 39 below 2^128) and an exponent in
// -128...127. The digits accumulate into the mantissa; trailing zeros (whole zero digits, then
// zeros inside the last digit) go into the exponent.

extension PQNumeric {
    /// The exact Decimal of a binary numeric, `Decimal.nan` for NaN, nil when Decimal cannot hold
    /// the value exactly (too many significant digits, or an exponent out of range).
    /// Infinities throw: Decimal has none.
    static func decimal(_ cell: PQCell, _ b: UnsafeRawBufferPointer) throws -> Decimal? {
        let h = try Header(cell, b)
        switch h.sign {
        case Header.positive, Header.negative: break
        case Header.nan: return .nan
        case Header.infinity: throw cell.mismatch(Decimal.self, "Infinity does not fit Foundation.Decimal")
        case Header.negativeInfinity: throw cell.mismatch(Decimal.self, "-Infinity does not fit Foundation.Decimal")
        default: throw cell.mismatch(Decimal.self, "unknown numeric sign 0x\(String(h.sign, radix: 16))")
        }
        @inline(__always) func digit(_ i: Int) -> UInt64 { UInt64(b.bigEndian(at: 8 + 2 * i, as: UInt16.self)) }

        // The server strips zero digits at both ends, but the format allows them.
        var first = 0, last = h.ndigits - 1
        while last >= 0 && digit(last) == 0 { last -= 1 }
        // Zero (numeric has no negative zero; Decimal's "negative zero" would be NaN).
        guard last >= 0 else { return Decimal() }
        while digit(first) == 0 { first += 1 }

        var mantissa = Mantissa()
        for i in first..<last {
            let d = digit(i)
            guard d < 10_000 else { throw cell.mismatch(Decimal.self, "bad numeric digit \(d)") }
            guard mantissa.multiplyAdd(10_000, d) else { return nil }
        }
        var d = digit(last)
        guard d < 10_000 else { throw cell.mismatch(Decimal.self, "bad numeric digit \(d)") }
        var exponent = 4 * (h.weight - last)
        var scale: UInt64 = 10_000
        while d % 10 == 0 {
            d /= 10
            scale /= 10
            exponent += 1
        }
        guard mantissa.multiplyAdd(scale, d) else { return nil }

        // Past 10^127 Decimal needs a mantissa with trailing zeros, which its public initialisers
        // compact away (giving NaN): such rare values take the parser's route.
        guard exponent >= -128 && exponent <= 127 else { return nil }
        return mantissa.decimal(exponent: exponent, negative: h.sign == Header.negative)
    }

    /// An unsigned 128-bit accumulator (UInt128 needs macOS 15; the package supports 14).
    struct Mantissa {
        var high: UInt64 = 0
        var low: UInt64 = 0

        /// self = self × factor + addend; false on overflow of 128 bits.
        @inline(__always)
        mutating func multiplyAdd(_ factor: UInt64, _ addend: UInt64) -> Bool {
            let (carry, lowProduct) = low.multipliedFullWidth(by: factor)
            let (highProduct, highOverflow) = high.multipliedReportingOverflow(by: factor)
            if highOverflow { return false }
            var (newHigh, overflow) = highProduct.addingReportingOverflow(carry)
            if overflow { return false }
            let (newLow, lowCarry) = lowProduct.addingReportingOverflow(addend)
            if lowCarry {
                (newHigh, overflow) = newHigh.addingReportingOverflow(1)
                if overflow { return false }
            }
            high = newHigh
            low = newLow
            return true
        }

        /// Foundation keeps Decimal's fields internal on Linux: build it from UInt64 halves with
        /// public API. Exact, since the product and sum fit the 128-bit mantissa.
        @inline(__always)
        func decimal(exponent: Int, negative: Bool) -> Decimal {
            let significand = high == 0 ? Decimal(low) : Decimal(high) * Mantissa.twoToThe64 + Decimal(low)
            return Decimal(sign: negative ? .minus : .plus, exponent: exponent, significand: significand)
        }

        static let twoToThe64 = Decimal(UInt64.max) + 1
    }
}
