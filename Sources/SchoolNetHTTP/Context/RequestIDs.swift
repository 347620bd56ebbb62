/// Request ids: our own are 32 lowercase hex digits; a client's `X-Request-Id` is kept when it is
/// 1-128 characters of letters, digits, `.`, `_`, `-` (a UUID fits), so it is safe to log and echo.
public enum RequestIDs {
    static let loggerKey = "hb.request.id"

    /// A fresh 128-bit random id; random rather than a counter because several servers share the logs.
    public static func generate() -> String {
        var generator = SystemRandomNumberGenerator()
        let high = generator.next() as UInt64
        let low = generator.next() as UInt64
        return hex(high) + hex(low)
    }

    /// Whether a client-supplied id may be adopted.
    public static func isAcceptable(_ id: String) -> Bool {
        let utf8 = id.utf8
        guard (1...128).contains(utf8.count) else { return false }
        return utf8.allSatisfy { byte in
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "-"):
                true
            default:
                false
            }
        }
    }

    private static func hex(_ value: UInt64) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
