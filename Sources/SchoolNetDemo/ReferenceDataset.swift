import Foundation

/// The reference year as data (`data/reference-year.json`, embedded in the binary): the network,
/// the programme and the events of the seed report, with applications described compactly —
/// counts of people the loader names synthetically — so the figures are entered through the
/// same services as real registrations.
public struct ReferenceDataset: Sendable, Decodable {
    public var name: String
    public var source: String
    public var notes: [String]
    public var regions: [Region]
    public var modules: [Module]
    public var organisations: [Organisation]
    public var events: [Event]

    public struct Region: Sendable, Decodable {
        public var country: String
        public var name: String
        /// [name, kind] pairs: ["г. Томск", "city"].
        public var municipalities: [[String]]
    }

    public struct Module: Sendable, Decodable {
        public var name: String
        public var audience: String
    }

    public struct Organisation: Sendable, Decodable {
        public var key: String
        public var municipality: String
        public var kind: String
        public var legalForm: String?
        public var fullName: String
        public var shortName: String?
        /// Start of the network agreement; nil for organisations outside the network.
        public var memberSince: String?
        /// Stands in for an organisation the report counts without naming.
        public var synthetic: Bool?
        public var note: String?
    }

    public struct Event: Sendable, Decodable {
        public var key: String
        public var schoolYear: Int
        public var module: String?
        public var organiser: String
        /// The key of the event this one is a section of.
        public var parent: String?
        public var title: String
        public var kind: String
        public var edition: Int?
        public var format: String
        public var audience: String?
        public var startsOn: String
        public var endsOn: String
        public var participation: String
        public var teamMinSize: Int?
        public var teamMaxSize: Int?
        public var teamRequiredRoles: [String]?
        public var gradeMin: Int?
        public var gradeMax: Int?
        public var ageMin: Int?
        public var ageMax: Int?
        public var allowPupils: Bool?
        public var allowPreschoolers: Bool?
        public var allowTeachers: Bool?
        public var allowStudents: Bool?
        /// A 2019-2020 event rebuilt from the report's totals alone.
        public var reconstructed: Bool?
        public var note: String?
        public var stages: [Stage]?
        public var nominations: [Nomination]?
        public var applications: [ApplicationGroup]
        /// Works and performances shared out over the group applications, organisation by organisation.
        public var entries: [EntryGroup]?
        /// Every member's application also enters a project of which the member is the author.
        public var projectPerMember: Bool?
        /// How many applications (in registration order) move into each stage.
        public var advance: [Advance]?
        /// Awards given in registration order to applications without one from their group.
        public var results: [ResultGroup]?
        public var jury: [JuryGroup]?
    }

    public struct Stage: Sendable, Decodable {
        public var title: String
        public var startsOn: String?
        public var endsOn: String?
    }

    public struct Nomination: Sendable, Decodable {
        public var title: String
        public var special: Bool?
    }

    /// `count` applications of one organisation, alike.
    public struct ApplicationGroup: Sendable, Decodable {
        public var organisation: String
        public var count: Int?
        /// Named members per application (default 1).
        public var members: Int?
        /// pupil (default), preschooler, student, teacher.
        public var memberKind: String?
        /// The members' grades cycle through this range.
        public var grades: [Int]?
        /// Roles the members take in turn (default: participant).
        public var roles: [String]?
        /// People counted, not named: the whole application is a group.
        public var headcount: Int?
        /// A group application of the event's shared entries (no members, no headcount of its own).
        public var group: Bool?
        /// Nominations the applications take in turn.
        public var nominations: [String]?
        /// Awards of the group's first applications, in order.
        public var awards: [String]?
        public var status: String?
        public var reason: String?
        /// Synthetic teachers responsible for the applications, in turn (not participants).
        public var responsibleTeachers: Int?
        public var teamNameSuffix: String?
    }

    public struct EntryGroup: Sendable, Decodable {
        public var kind: String
        public var nomination: String
        public var title: String
        public var count: Int
        public var headcount: Int
    }

    public struct Advance: Sendable, Decodable {
        public var stage: Int
        public var count: Int
    }

    public struct ResultGroup: Sendable, Decodable {
        public var award: String
        public var count: Int
        /// The nomination of the award when it is not the application's own (a special nomination).
        public var nomination: String?
        public var specialTitle: String?
        /// Start again from the first application (special awards go to teams already awarded).
        public var restart: Bool?
    }

    public struct JuryGroup: Sendable, Decodable {
        public var organisation: String
        public var count: Int
    }

    /// The dataset embedded in this build.
    public static func embedded() throws -> ReferenceDataset {
        try decode(Data(EmbeddedReferenceYear.json.utf8))
    }

    public static func decode(_ data: Data) throws -> ReferenceDataset {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return try decoder.decode(ReferenceDataset.self, from: data)
    }
}
