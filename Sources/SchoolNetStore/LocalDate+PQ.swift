import PQ
import SchoolNetDomain

// A calendar day travels as PostgreSQL `date`, through PQ's own PQDate.
extension LocalDate: PQEncodable, PQDecodable {
    public static var pqTypeOID: UInt32 { PQDate.pqTypeOID }
    public static var pqArrayTypeOID: UInt32 { PQDate.pqArrayTypeOID }
    public static var pqFormat: PQFormat { PQDate.pqFormat }

    public func pqEncode(into buffer: inout [UInt8]) throws {
        try PQDate(year: year, month: month, day: day).pqEncode(into: &buffer)
    }

    public init(pqCell cell: PQCell) throws {
        let date = try PQDate(pqCell: cell)
        // 'infinity' and BC dates have no LocalDate; no SchoolNet column holds them.
        guard let local = LocalDate(year: date.year, month: date.month, day: date.day) else {
            throw cell.mismatch(LocalDate.self, "date \(date) is outside 0001-9999")
        }
        self = local
    }
}
