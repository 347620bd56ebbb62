/// A calendar day as PostgreSQL's `date` holds it: no time, no zone (not a midnight instant).
public struct PQDate: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public var year: Int
    public var month: Int
    public var day: Int

    public init(year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses "YYYY-MM-DD".
    public init?(_ text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]),
            (1...12).contains(m), (1...31).contains(d)
        else { return nil }
        self.init(year: y, month: m, day: d)
    }

    public var description: String {
        func pad(_ v: Int, _ width: Int) -> String {
            let s = String(abs(v))
            return (v < 0 ? "-" : "") + String(repeating: "0", count: max(0, width - s.count)) + s
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }

    public static func < (a: PQDate, b: PQDate) -> Bool { (a.year, a.month, a.day) < (b.year, b.month, b.day) }

    /// Days since 1970-01-01 in the proleptic Gregorian calendar (H. Hinnant's civil algorithm).
    public var daysSinceUnixEpoch: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// The calendar day `days` after 1970-01-01.
    public init(daysSinceUnixEpoch days: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        self.init(year: yoe + era * 400 + (m <= 2 ? 1 : 0), month: m, day: d)
    }

    // PostgreSQL counts dates from 2000-01-01.
    static let postgresEpochDays = 10_957
}

extension PQDate: PQEncodable, PQDecodable {
    public static var pqTypeOID: UInt32 { PQOID.date }
    public static var pqArrayTypeOID: UInt32 { PQOID.dateArray }
    public static var pqFormat: PQFormat { .binary }
    public func pqEncode(into buffer: inout [UInt8]) throws {
        guard let days = Int32(exactly: daysSinceUnixEpoch - PQDate.postgresEpochDays) else {
            throw PQError(kind: .other, message: "date out of PostgreSQL's range")
        }
        buffer.appendBigEndian(days)
    }

    public init(pqCell cell: PQCell) throws {
        let b = try cell.require(PQDate.self)
        guard cell.typeOID == PQOID.date else { throw cell.mismatch(PQDate.self) }
        try cell.requireWidth(4, b, PQDate.self)
        let days = b.bigEndian(at: 0, as: Int32.self)
        if days == .max || days == .min { throw cell.mismatch(PQDate.self, "infinite dates have no calendar day") }
        self.init(daysSinceUnixEpoch: Int(days) + PQDate.postgresEpochDays)
    }
}
