import Foundation

// Date is an instant: timestamptz, microseconds since 2000-01-01 UTC in binary, so the session's
// TimeZone never changes what is read. A `timestamp` (no zone) column is read as if it were UTC.

extension Date: PQEncodable, PQDecodable {
    public static var pqTypeOID: UInt32 { PQOID.timestamptz }
    public static var pqArrayTypeOID: UInt32 { PQOID.timestamptzArray }
    public static var pqFormat: PQFormat { .binary }

    /// Seconds from 2000-01-01 (PostgreSQL's epoch) to 2001-01-01 (Foundation's reference date).
    static let postgresToReferenceMicroseconds: Int64 = 31_622_400_000_000

    public func pqEncode(into buffer: inout [UInt8]) throws {
        let micros = (timeIntervalSinceReferenceDate * 1_000_000).rounded()
        guard let m = Int64(exactly: micros) else { throw PQError(kind: .other, message: "Date out of timestamptz range") }
        buffer.appendBigEndian(m + Date.postgresToReferenceMicroseconds)
    }

    public init(pqCell cell: PQCell) throws {
        let b = try cell.require(Date.self)
        guard cell.typeOID == PQOID.timestamptz || cell.typeOID == PQOID.timestamp else { throw cell.mismatch(Date.self) }
        try cell.requireWidth(8, b, Date.self)
        let micros = b.bigEndian(at: 0, as: Int64.self)
        switch micros {
        case .max: self = .distantFuture
        case .min: self = .distantPast
        default:
            let fromReference = micros - Date.postgresToReferenceMicroseconds
            let seconds = fromReference / 1_000_000, rest = fromReference % 1_000_000
            self = Date(timeIntervalSinceReferenceDate: Double(seconds) + Double(rest) / 1_000_000)
        }
    }
}
