import SchoolNetDomain

/// The annual report of a school year, in the shape of the network's own report: events grouped by
/// audience and module, totals, the previous year's totals, and the network's growth.
public struct AnnualReport: Sendable, Hashable, Codable {
    public var schoolYear: String
    /// Pupils' groups first, then teachers'; within an audience, by module (events outside the
    /// modules last); events by start date.
    public var groups: [Group]
    public var totals: Totals
    /// The previous school year's totals; nil when that school year is not in the database.
    public var previous: Totals?
    public var network: Network

    public init(schoolYear: String, groups: [Group], totals: Totals, previous: Totals?, network: Network) {
        self.schoolYear = schoolYear
        self.groups = groups
        self.totals = totals
        self.previous = previous
        self.network = network
    }

    /// Who an event is for: a pupils' module or the teachers' module.
    public enum Audience: String, Sendable, Hashable, Codable, CaseIterable {
        case pupils, teachers
    }

    /// The events of one module (nil: outside the modules) for one audience.
    public struct Group: Sendable, Hashable, Codable {
        public var audience: Audience
        public var module: String?
        public var events: [Event]
        /// The sum of the events' participants.
        public var participants: Int

        public init(audience: Audience, module: String?, events: [Event]) {
            self.audience = audience
            self.module = module
            self.events = events
            self.participants = events.reduce(0) { $0 + $1.participants }
        }
    }

    public struct Event: Sendable, Hashable, Codable {
        public var id: Int64
        public var title: String
        public var edition: Int?
        public var kind: String
        public var format: String
        public var organiserID: Int64
        public var organiser: String
        public var startsOn: LocalDate
        public var endsOn: LocalDate
        /// The audience as announced ('6 классы'), if recorded.
        public var audienceNote: String?
        /// People of the event's audience (the report's figure): members, authors and headcounts.
        public var participants: Int
        /// People outside the audience, e.g. teachers accompanying pupils' teams; not in the totals.
        public var otherParticipants: Int
        /// Expert jurors: counted among the year's teachers, not among the event's participants.
        public var jurors: Int

        public init(
            id: Int64, title: String, edition: Int?, kind: String, format: String, organiserID: Int64,
            organiser: String, startsOn: LocalDate, endsOn: LocalDate, audienceNote: String?,
            participants: Int, otherParticipants: Int, jurors: Int
        ) {
            self.id = id
            self.title = title
            self.edition = edition
            self.kind = kind
            self.format = format
            self.organiserID = organiserID
            self.organiser = organiser
            self.startsOn = startsOn
            self.endsOn = endsOn
            self.audienceNote = audienceNote
            self.participants = participants
            self.otherParticipants = otherParticipants
            self.jurors = jurors
        }
    }

    /// A school year's figures as the report states them (participations, not unique people).
    /// A figure is nil when the year has no data for it: the figures of an audience the year has
    /// no data for (`audiences`, from `analytics.year_audiences`), and the totals of both audiences
    /// unless the year has data for both. A year entered only from an earlier report's pupils'
    /// totals has unknown teachers' figures, not 0 of them.
    public struct Totals: Sendable, Hashable, Codable {
        public var schoolYear: String
        /// The audiences the year has data for.
        public var audiences: [Audience]
        public var events: Int?
        public var pupilEvents: Int?
        public var pupilParticipations: Int?
        public var teacherEvents: Int?
        /// Participants of teachers' events plus the expert jurors of any event.
        public var teacherParticipations: Int?
        public var jurors: Int?
        /// Pupils' plus teachers' participations: the report's "общее количество участников".
        public var participations: Int?

        /// The figures of a year with data for both audiences.
        public init(
            schoolYear: String, events: Int, pupilEvents: Int, pupilParticipations: Int, teacherEvents: Int,
            teacherParticipations: Int, jurors: Int
        ) {
            self.init(
                schoolYear: schoolYear, audiences: Audience.allCases, events: events, pupilEvents: pupilEvents,
                pupilParticipations: pupilParticipations, teacherEvents: teacherEvents,
                teacherParticipations: teacherParticipations, jurors: jurors)
        }

        /// The figures of a year with data for `audiences`; the others' figures become nil.
        public init(
            schoolYear: String, audiences: [Audience], events: Int, pupilEvents: Int, pupilParticipations: Int,
            teacherEvents: Int, teacherParticipations: Int, jurors: Int
        ) {
            let pupils = audiences.contains(.pupils), teachers = audiences.contains(.teachers)
            self.schoolYear = schoolYear
            self.audiences = Audience.allCases.filter(audiences.contains)
            self.events = pupils && teachers ? events : nil
            self.pupilEvents = pupils ? pupilEvents : nil
            self.pupilParticipations = pupils ? pupilParticipations : nil
            self.teacherEvents = teachers ? teacherEvents : nil
            self.teacherParticipations = teachers ? teacherParticipations : nil
            self.jurors = teachers ? jurors : nil
            self.participations = pupils && teachers ? pupilParticipations + teacherParticipations : nil
        }

        /// Totals of a school year's events, for a year with data for `audiences`.
        public init(schoolYear: String, audiences: [Audience], events: [Event], audience: (Event) -> Audience) {
            let pupils = events.filter { audience($0) == .pupils }
            let teachers = events.filter { audience($0) == .teachers }
            let jurors = events.reduce(0) { $0 + $1.jurors }
            self.init(
                schoolYear: schoolYear, audiences: audiences, events: events.count,
                pupilEvents: pupils.count, pupilParticipations: pupils.reduce(0) { $0 + $1.participants },
                teacherEvents: teachers.count,
                teacherParticipations: teachers.reduce(0) { $0 + $1.participants } + jurors,
                jurors: jurors)
        }

        private enum CodingKeys: String, CodingKey {
            case schoolYear, audiences, events, pupilEvents, pupilParticipations, teacherEvents,
                teacherParticipations, jurors, participations
        }

        /// Unknown figures are written as null, not left out: a reader sees which figures the year lacks.
        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(schoolYear, forKey: .schoolYear)
            try c.encode(audiences, forKey: .audiences)
            try c.encode(events, forKey: .events)
            try c.encode(pupilEvents, forKey: .pupilEvents)
            try c.encode(pupilParticipations, forKey: .pupilParticipations)
            try c.encode(teacherEvents, forKey: .teacherEvents)
            try c.encode(teacherParticipations, forKey: .teacherParticipations)
            try c.encode(jurors, forKey: .jurors)
            try c.encode(participations, forKey: .participations)
        }
    }

    /// One figure of the year-over-year comparison: this year's value, last year's, and the
    /// difference. A value is nil when its year has no data for the figure; then there is no change.
    public struct Change: Sendable, Hashable, Codable {
        public var current: Int?
        public var previous: Int?

        public init(current: Int?, previous: Int?) {
            self.current = current
            self.previous = previous
        }

        /// nil unless both years have the figure.
        public var difference: Int? {
            guard let current, let previous else { return nil }
            return current - previous
        }
        /// The change in percent, rounded to 0.1; nil without a difference or when the previous figure is 0.
        public var percent: Double? {
            guard let difference, let previous, previous != 0 else { return nil }
            return (Double(difference) * 1000 / Double(previous)).rounded() / 10
        }
    }

    /// The figures the report compares, by name (as in the summary CSV), with their labels.
    static let figures: [(name: String, label: String, value: @Sendable (Totals) -> Int?)] = [
        ("events", "Событий", { $0.events }),
        ("pupil_events", "События ученических модулей", { $0.pupilEvents }),
        ("pupil_participations", "Участников-школьников", { $0.pupilParticipations }),
        ("teacher_events", "События педагогического модуля", { $0.teacherEvents }),
        ("teacher_participations", "Участников-педагогов (с экспертами)", { $0.teacherParticipations }),
        ("jurors", "в том числе экспертов жюри", { $0.jurors }),
        ("participations", "Всего участников", { $0.participations })
    ]

    /// The year-over-year comparison of the main figures; nil without a previous year. A figure
    /// either year has no data for is there with a nil value and no change.
    public var comparison: [(name: String, change: Change)]? {
        guard let previous else { return nil }
        return Self.figures.map { ($0.name, Change(current: $0.value(totals), previous: $0.value(previous))) }
    }

    /// Network members in the school year (an agreement in force on any day of it) and who joined.
    public struct Network: Sendable, Hashable, Codable {
        public var members: Int
        public var joined: Int
        public var agreementsSigned: Int
        /// Short names of the organisations that joined, by date.
        public var joinedOrganisations: [String]

        public init(members: Int, joined: Int, agreementsSigned: Int, joinedOrganisations: [String]) {
            self.members = members
            self.joined = joined
            self.agreementsSigned = agreementsSigned
            self.joinedOrganisations = joinedOrganisations
        }
    }
}
