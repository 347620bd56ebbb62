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

        public init(id: Int64, title: String, edition: Int?, kind: String, format: String, organiserID: Int64,
                    organiser: String, startsOn: LocalDate, endsOn: LocalDate, audienceNote: String?,
                    participants: Int, otherParticipants: Int, jurors: Int) {
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
    public struct Totals: Sendable, Hashable, Codable {
        public var schoolYear: String
        public var events: Int
        public var pupilEvents: Int
        public var pupilParticipations: Int
        public var teacherEvents: Int
        /// Participants of teachers' events plus the expert jurors of any event.
        public var teacherParticipations: Int
        public var jurors: Int
        /// Pupils' plus teachers' participations: the report's "общее количество участников".
        public var participations: Int

        public init(schoolYear: String, events: Int, pupilEvents: Int, pupilParticipations: Int, teacherEvents: Int,
                    teacherParticipations: Int, jurors: Int) {
            self.schoolYear = schoolYear
            self.events = events
            self.pupilEvents = pupilEvents
            self.pupilParticipations = pupilParticipations
            self.teacherEvents = teacherEvents
            self.teacherParticipations = teacherParticipations
            self.jurors = jurors
            self.participations = pupilParticipations + teacherParticipations
        }

        /// Totals of a school year's events.
        public init(schoolYear: String, events: [Event], audience: (Event) -> Audience) {
            let pupils = events.filter { audience($0) == .pupils }
            let teachers = events.filter { audience($0) == .teachers }
            let jurors = events.reduce(0) { $0 + $1.jurors }
            self.init(schoolYear: schoolYear, events: events.count,
                      pupilEvents: pupils.count, pupilParticipations: pupils.reduce(0) { $0 + $1.participants },
                      teacherEvents: teachers.count,
                      teacherParticipations: teachers.reduce(0) { $0 + $1.participants } + jurors,
                      jurors: jurors)
        }
    }

    /// This year's figure, last year's, and the difference.
    public struct Change: Sendable, Hashable, Codable {
        public var current: Int
        public var previous: Int
        public var difference: Int { current - previous }
        /// The change in percent, rounded to 0.1; nil when the previous figure is 0.
        public var percent: Double? {
            previous == 0 ? nil : (Double(difference) * 1000 / Double(previous)).rounded() / 10
        }
    }

    /// The year-over-year comparison of the main figures; nil without a previous year.
    public var comparison: [(name: String, change: Change)]? {
        guard let previous else { return nil }
        return [
            ("events", Change(current: totals.events, previous: previous.events)),
            ("pupil_events", Change(current: totals.pupilEvents, previous: previous.pupilEvents)),
            ("pupil_participations", Change(current: totals.pupilParticipations, previous: previous.pupilParticipations)),
            ("teacher_events", Change(current: totals.teacherEvents, previous: previous.teacherEvents)),
            ("teacher_participations", Change(current: totals.teacherParticipations, previous: previous.teacherParticipations)),
            ("participations", Change(current: totals.participations, previous: previous.participations)),
        ]
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
