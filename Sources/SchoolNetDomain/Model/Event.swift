import Foundation

/// An event of the programme (итоговое образовательное событие) with the rules it registers by.
public struct Event: Sendable, Hashable, Codable {
    public var id: EventID
    public var title: String
    public var schoolYear: SchoolYear
    /// nil: outside the programme's modules (the digital lab's Scratch contest).
    public var moduleID: ProgrammeModuleID?
    public var organiserID: OrganisationID
    /// The event this one is a section of (the teachers' section of the projects festival).
    public var parentEventID: EventID?
    public var kind: EventKind
    /// "IX «Весенний переполох»" is edition 9.
    public var edition: Int?
    public var format: EventFormat
    /// Whom the announcement invites, as it puts it: «1-9 классы».
    public var audience: String?
    public var startsOn: LocalDate
    public var endsOn: LocalDate
    /// Eligibility, teams, registration window (with the event's time zone), places.
    public var rules: EventRules
    public var resultsPublishedAt: Date?

    public init(
        id: EventID, title: String, schoolYear: SchoolYear, moduleID: ProgrammeModuleID? = nil,
        organiserID: OrganisationID, parentEventID: EventID? = nil, kind: EventKind, edition: Int? = nil,
        format: EventFormat, audience: String? = nil, startsOn: LocalDate, endsOn: LocalDate,
        rules: EventRules, resultsPublishedAt: Date? = nil
    ) {
        self.id = id
        self.title = title
        self.schoolYear = schoolYear
        self.moduleID = moduleID
        self.organiserID = organiserID
        self.parentEventID = parentEventID
        self.kind = kind
        self.edition = edition
        self.format = format
        self.audience = audience
        self.startsOn = startsOn
        self.endsOn = endsOn
        self.rules = rules
        self.resultsPublishedAt = resultsPublishedAt
    }

    /// The IANA zone the event's days and deadline are in.
    public var timeZone: TimeZone { rules.window.timeZone }
    public var resultsPublished: Bool { resultsPublishedAt != nil }
}

/// An event an organiser is setting up, with its stages and nominations in order.
public struct NewEvent: Sendable, Hashable, Codable {
    public var title: String
    public var schoolYear: SchoolYear
    public var moduleID: ProgrammeModuleID?
    public var organiserID: OrganisationID
    public var parentEventID: EventID?
    public var kind: EventKind
    public var edition: Int?
    public var format: EventFormat
    public var audience: String?
    public var startsOn: LocalDate
    public var endsOn: LocalDate
    public var rules: EventRules
    public var stages: [NewStage]
    public var nominations: [NewNomination]

    /// `schoolYear` defaults to the one `startsOn` falls in.
    public init(
        title: String, schoolYear: SchoolYear? = nil, moduleID: ProgrammeModuleID? = nil, organiserID: OrganisationID,
        parentEventID: EventID? = nil, kind: EventKind, edition: Int? = nil, format: EventFormat, audience: String? = nil,
        startsOn: LocalDate, endsOn: LocalDate, rules: EventRules, stages: [NewStage] = [], nominations: [NewNomination] = []
    ) {
        self.title = title
        self.schoolYear = schoolYear ?? SchoolYear.containing(startsOn)
        self.moduleID = moduleID
        self.organiserID = organiserID
        self.parentEventID = parentEventID
        self.kind = kind
        self.edition = edition
        self.format = format
        self.audience = audience
        self.startsOn = startsOn
        self.endsOn = endsOn
        self.rules = rules
        self.stages = stages
        self.nominations = nominations
    }
}

/// Which open events a school is shown; nil fields don't filter.
public struct EventFilter: Sendable, Hashable, Codable {
    public var moduleID: ProgrammeModuleID?
    /// `.pupils` takes events open to pupils, preschoolers or students; `.teachers` those open to teachers.
    public var audience: AudienceKind?
    public var schoolYear: SchoolYear?

    public init(moduleID: ProgrammeModuleID? = nil, audience: AudienceKind? = nil, schoolYear: SchoolYear? = nil) {
        self.moduleID = moduleID
        self.audience = audience
        self.schoolYear = schoolYear
    }
}
