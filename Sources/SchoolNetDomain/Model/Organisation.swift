import Foundation

/// What an organisation is; raw values are the database's `organisation_kind` labels.
public enum OrganisationKind: String, Sendable, Hashable, Codable, CaseIterable {
    case school
    case gymnasium
    case lyceum
    case kindergarten
    case additionalEducation = "additional_education"
    case university
    case regionalCentre = "regional_centre"
    case other
}

/// An educational organisation (a school, kindergarten, university), member of the network or not.
public struct Organisation: Sendable, Hashable, Codable {
    public var id: OrganisationID
    public var municipalityID: MunicipalityID
    public var kind: OrganisationKind
    /// "МАОУ", "МБОУ ДО", "КГУ"; nil when the lists don't say.
    public var legalForm: String?
    /// «МАОУ гимназия №13 г. Томска», as the organisation writes itself.
    public var fullName: String
    /// «гимназия №13».
    public var shortName: String?

    public init(
        id: OrganisationID, municipalityID: MunicipalityID, kind: OrganisationKind,
        legalForm: String? = nil, fullName: String, shortName: String? = nil
    ) {
        self.id = id
        self.municipalityID = municipalityID
        self.kind = kind
        self.legalForm = legalForm
        self.fullName = fullName
        self.shortName = shortName
    }

    /// The name to print in lists: the short name when there is one.
    public var displayName: String { shortName ?? fullName }
}

/// An organisation not yet in the registry, as a form or an imported list gives it.
public struct NewOrganisation: Sendable, Hashable, Codable {
    public var municipalityID: MunicipalityID
    public var kind: OrganisationKind
    public var legalForm: String?
    public var fullName: String
    public var shortName: String?

    public init(
        municipalityID: MunicipalityID, kind: OrganisationKind, legalForm: String? = nil,
        fullName: String, shortName: String? = nil
    ) {
        self.municipalityID = municipalityID
        self.kind = kind
        self.legalForm = legalForm
        self.fullName = fullName
        self.shortName = shortName
    }
}

/// One hit of an organisation search: which name matched and how well (higher is better).
public struct OrganisationMatch: Sendable, Hashable, Codable {
    public var organisationID: OrganisationID
    public var fullName: String
    public var shortName: String?
    /// The normalised name (full, short or alias) that matched the query.
    public var matchedName: String
    public var score: Double

    public init(organisationID: OrganisationID, fullName: String, shortName: String?, matchedName: String, score: Double) {
        self.organisationID = organisationID
        self.fullName = fullName
        self.shortName = shortName
        self.matchedName = matchedName
        self.score = score
    }
}

/// Which organisations a list shows; nil fields don't filter.
public struct OrganisationFilter: Sendable, Hashable, Codable {
    public var municipalityID: MunicipalityID?
    public var regionID: RegionID?
    /// Only organisations under a network agreement on that day.
    public var memberOn: LocalDate?

    public init(municipalityID: MunicipalityID? = nil, regionID: RegionID? = nil, memberOn: LocalDate? = nil) {
        self.municipalityID = municipalityID
        self.regionID = regionID
        self.memberOn = memberOn
    }
}
