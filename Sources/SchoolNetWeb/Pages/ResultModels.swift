import SchoolNetDomain
import SchoolNetHTTP

/// Published results as the results page's tables: one per nomination (the event as a whole first), in the order
/// the service gives them. Names are only those the service returns (members with a consent in force).
enum ResultModels {
    static func groups(_ results: [PublicResult], language: Language) -> [[String: Any]] {
        var groups: [(nomination: String?, heading: String, rows: [[String: Any]])] = []
        for result in results {
            if groups.isEmpty || groups[groups.count - 1].nomination != result.nomination {
                let heading =
                    result.nomination.map { language == .ru ? "Номинация «\($0)»" : "Nomination “\($0)”" }
                    ?? (language == .ru ? "Общий зачёт" : "Overall")
                groups.append((result.nomination, heading, []))
            }
            var row: [String: Any] = [
                "award": language == .ru ? EventWording.capitalised(result.award.nameRU) : EventWording.capitalised(result.award.nameEN),
                "organisation": result.organisation
            ]
            if let team = result.teamName { row["team"] = team }
            if !result.names.isEmpty { row["names"] = result.names.joined(separator: ", ") }
            groups[groups.count - 1].rows.append(row)
        }
        return groups.enumerated().map { index, group in
            ["heading": group.heading, "id": "results-\(index + 1)", "rows": group.rows]
        }
    }
}
