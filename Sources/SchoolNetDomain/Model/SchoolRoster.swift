import Foundation

/// One of a school's people as its lists show them to the school: names, kind, class in the school year asked
/// about, and whether a consent to personal data processing is in force. Never a birth date or a contact.
public struct RosterPerson: Sendable, Hashable, Codable {
    public var id: PersonID
    public var kind: PersonKind
    public var name: PersonName
    /// The grade in the school year asked about (pupils; 0 is the preschool group); nil for staff.
    public var grade: Int?
    public var classLetter: String?
    public var hasConsent: Bool

    public init(id: PersonID, kind: PersonKind, name: PersonName, grade: Int? = nil, classLetter: String? = nil, hasConsent: Bool = false) {
        self.id = id
        self.kind = kind
        self.name = name
        self.grade = grade
        self.classLetter = classLetter
        self.hasConsent = hasConsent
    }

    /// The group the person is listed in: the class ("6А", "6", "0" for the preschool group), or staff.
    public var group: SchoolRoster.Group {
        guard let grade else { return .staff }
        return .schoolClass("\(grade)\(classLetter ?? "")")
    }
}

/// A school's pupils (by class) and staff in one school year, as the school's own pages list and search them.
public struct SchoolRoster: Sendable, Hashable {
    /// Pupils by grade, letter and name, then staff by name (as the store reads them).
    public var people: [RosterPerson]

    public init(people: [RosterPerson]) {
        self.people = people
    }

    /// A class of the school, or its staff.
    public enum Group: Sendable, Hashable {
        /// The class as the school writes it: "6А".
        case schoolClass(String)
        case staff

        /// "6А" for a class, "staff" for the staff: the value a filter sends.
        public var key: String {
            switch self {
            case .schoolClass(let label): label
            case .staff: "staff"
            }
        }

        /// The group a filter value names; nil for a blank or unknown one (no filter). "6 а" is "6А".
        public init?(key: String) {
            let text = key.trimmingCharacters(in: .whitespaces)
            if text.isEmpty { return nil }
            if text == "staff" {
                self = .staff
            } else if text == "0" {
                self = .schoolClass("0")
            } else if let parsed = SchoolClass(parsing: text) {
                self = .schoolClass(parsed.description)
            } else {
                return nil
            }
        }
    }

    /// The groups present, in list order (classes as listed, staff last).
    public var groups: [Group] {
        var seen: Set<Group> = []
        return people.map(\.group).filter { seen.insert($0).inserted }
    }

    /// The people whose name or class contains every word of `query` (case, ё and punctuation folded as names
    /// are matched), in `group` when given.
    public func filtered(query: String?, group: Group?) -> [RosterPerson] {
        let words = PersonName.normalizedKey(query ?? "").split(separator: " ")
        return people.filter { person in
            if let group, person.group != group { return false }
            if words.isEmpty { return true }
            let text = PersonName.normalizedKey(person.name.full + " " + person.group.key)
            return words.allSatisfy { text.contains($0) }
        }
    }
}
