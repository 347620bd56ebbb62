import PQ
import SchoolNetDomain
import SchoolNetStore

/// Builds the annual report from the `analytics` views only, in one repeatable-read transaction
/// (one snapshot for the events, the previous year and the network).
public struct ReportService: Sendable {
    let pool: PQPool
    let analytics = AnalyticsRepository()

    public init(pool: PQPool) {
        self.pool = pool
    }

    public enum ReportError: Error, Hashable, Sendable {
        /// Not a label like '2020-2021'.
        case invalidSchoolYear(String)
        /// The school year is not in the database.
        case unknownSchoolYear(String)
    }

    /// The report of `schoolYear` ('2020-2021') with the previous school year's totals.
    public func annual(schoolYear: String) async throws -> AnnualReport {
        guard let year = SchoolYear(label: schoolYear) else { throw ReportError.invalidSchoolYear(schoolYear) }
        let label = year.label
        let previousLabel = SchoolYear(startYear: year.startYear - 1).label
        let analytics = self.analytics
        return try await pool.withTransaction(isolation: .repeatableRead, readOnly: true, timeouts: UseCaseTimeouts.report) { conn in
            guard let network = try analytics.network(schoolYear: label, on: conn) else {
                throw ReportError.unknownSchoolYear(label)
            }
            let previousKnown = try analytics.network(schoolYear: previousLabel, on: conn) != nil
            // both years in one pass over the participations
            let rows = try analytics.events(schoolYears: [label, previousLabel], on: conn)
            let joined = try analytics.joined(schoolYear: label, on: conn)
            // which audiences each year has data for is the views' call, not the report's
            let audiences = try analytics.audiences(schoolYears: [label, previousLabel], on: conn)
                .mapValues { $0.compactMap(AnnualReport.Audience.init(rawValue:)) }
            return try Self.assemble(
                schoolYear: label, previousSchoolYear: previousKnown ? previousLabel : nil,
                rows: rows, audiences: audiences, network: network, joined: joined)
        }
    }

    /// The report from the views' rows (separate from the queries so its arithmetic is testable).
    static func assemble(
        schoolYear: String, previousSchoolYear: String?, rows: [AnalyticsRepository.EventRow],
        audiences yearAudiences: [String: [AnnualReport.Audience]],
        network: AnalyticsRepository.NetworkRow, joined: [String]
    ) throws -> AnnualReport {
        var groups: [AnnualReport.Group] = []
        var audiences: [Int64: AnnualReport.Audience] = [:]
        var current: [AnnualReport.Event] = []
        var previous: [AnnualReport.Event] = []
        // rows come ordered by year, audience, module, date: consecutive rows form the groups
        var key: (AnnualReport.Audience, Int64?, String?)?
        var pending: [AnnualReport.Event] = []
        func flush() {
            if let key, !pending.isEmpty { groups.append(AnnualReport.Group(audience: key.0, module: key.2, events: pending)) }
            pending = []
        }
        for row in rows {
            let audience = AnnualReport.Audience(rawValue: row.audience) ?? .pupils
            let event = try Self.event(row)
            audiences[event.id] = audience
            guard row.schoolYear == schoolYear else {
                previous.append(event)
                continue
            }
            current.append(event)
            if key == nil || key!.0 != audience || key!.1 != row.moduleId {
                flush()
                key = (audience, row.moduleId, row.module)
            }
            pending.append(event)
        }
        flush()
        let audience: (AnnualReport.Event) -> AnnualReport.Audience = { audiences[$0.id] ?? .pupils }
        return AnnualReport(
            schoolYear: schoolYear,
            groups: groups,
            totals: AnnualReport.Totals(
                schoolYear: schoolYear, audiences: yearAudiences[schoolYear] ?? [], events: current, audience: audience),
            previous: previousSchoolYear.map {
                AnnualReport.Totals(schoolYear: $0, audiences: yearAudiences[$0] ?? [], events: previous, audience: audience)
            },
            network: AnnualReport.Network(
                members: Int(network.members), joined: Int(network.joined),
                agreementsSigned: Int(network.agreementsSigned), joinedOrganisations: joined))
    }

    private static func event(_ row: AnalyticsRepository.EventRow) throws -> AnnualReport.Event {
        guard let starts = LocalDate(year: row.startsOn.year, month: row.startsOn.month, day: row.startsOn.day),
            let ends = LocalDate(year: row.endsOn.year, month: row.endsOn.month, day: row.endsOn.day)
        else {
            throw PQError(kind: .decoding, message: "event \(row.eventId) has a date out of range")
        }
        return AnnualReport.Event(
            id: row.eventId, title: row.title, edition: row.edition.map(Int.init), kind: row.kind, format: row.format,
            organiserID: row.organiserId, organiser: row.organiserShortName, startsOn: starts, endsOn: ends,
            audienceNote: row.audienceNote, participants: Int(row.participants),
            otherParticipants: Int(row.otherParticipants), jurors: Int(row.jurors))
    }
}
