import Foundation

extension AnnualReport {
    /// The report as JSON: keys sorted (the properties' names), dates as "yyyy-mm-dd".
    public func json() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        return try encoder.encode(self)
    }

    /// A report read back from `json()`.
    public static func fromJSON(_ data: Data) throws -> AnnualReport {
        try JSONDecoder().decode(AnnualReport.self, from: data)
    }
}
