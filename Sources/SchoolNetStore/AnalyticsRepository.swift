import PQ

/// Reads the `analytics` schema's views (never a base table) and grants analysts access to them.
public struct AnalyticsRepository: Sendable {
    public init() {}

    /// One event of `analytics.event_participation`: what the annual report lists.
    public struct EventRow: Sendable, Hashable, Decodable {
        public var eventId: Int64
        public var schoolYear: String
        public var moduleId: Int64?
        public var module: String?
        public var audience: String
        public var title: String
        public var edition: Int16?
        public var kind: String
        public var format: String
        public var audienceNote: String?
        public var startsOn: PQDate
        public var endsOn: PQDate
        public var organiserId: Int64
        public var organiserShortName: String
        public var participants: Int64
        public var otherParticipants: Int64
        public var jurors: Int64
    }

    /// The events of the given school years ('2020-2021'), by audience, module and date.
    public func events(schoolYears: [String], on conn: PQConnection) throws -> [EventRow] {
        try conn.query(
            """
            SELECT event_id, school_year, module_id, module, audience, title, edition, kind, format, audience_note,
                   starts_on, ends_on, organiser_id, organiser_short_name, participants, other_participants, jurors
            FROM analytics.event_participation
            WHERE school_year = ANY($1)
            ORDER BY school_year, audience, module_id NULLS LAST, starts_on, event_id
            """, [schoolYears]
        ).decode(EventRow.self)
    }

    /// The audiences ('pupils', 'teachers') each of the given school years has data for
    /// (`analytics.year_audiences`); a year not in the database is absent.
    public func audiences(schoolYears: [String], on conn: PQConnection) throws -> [String: [String]] {
        let rows = try conn.query(
            """
            SELECT school_year, audiences FROM analytics.year_audiences WHERE school_year = ANY($1)
            """, [schoolYears])
        var out: [String: [String]] = [:]
        for row in rows {
            out[try row.decode(0, as: String.self)] = try row.decode(1, as: [String].self)
        }
        return out
    }

    /// One row of `analytics.network_growth`.
    public struct NetworkRow: Sendable, Hashable, Decodable {
        public var schoolYear: String
        public var members: Int64
        public var joined: Int64
        public var agreementsSigned: Int64
    }

    /// The network's size in a school year; nil when the school year is unknown.
    public func network(schoolYear: String, on conn: PQConnection) throws -> NetworkRow? {
        try conn.query(
            """
            SELECT school_year, members, joined, agreements_signed FROM analytics.network_growth WHERE school_year = $1
            """, [schoolYear]
        ).first?.decode(NetworkRow.self)
    }

    /// Short names of the organisations that joined the network in a school year, by date joined.
    public func joined(schoolYear: String, on conn: PQConnection) throws -> [String] {
        try conn.query(
            """
            SELECT short_name FROM analytics.network_joined WHERE school_year = $1 ORDER BY joined_on, short_name
            """, [schoolYear]
        ).map { try $0.decode(0, as: String.self) }
    }

    /// Gives `role` USAGE on the analytics schema and SELECT on its views, and nothing else
    /// (`public.grant_analyst`, which refuses superusers and table owners).
    public func grantAnalyst(role: String, on conn: PQConnection) throws {
        _ = try conn.query("SELECT grant_analyst($1::name)", [role])
    }
}
