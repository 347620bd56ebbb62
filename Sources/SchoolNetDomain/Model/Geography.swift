/// A country of the network, by its ISO 3166-1 alpha-2 code ("RU", "KZ").
public struct Country: Sendable, Hashable, Codable {
    public var code: String
    public var name: String

    public init(code: String, name: String) {
        self.code = code
        self.name = name
    }
}

/// A region of a country («Томская область»).
public struct Region: Sendable, Hashable, Codable {
    public var id: RegionID
    public var countryCode: String
    public var name: String

    public init(id: RegionID, countryCode: String, name: String) {
        self.id = id
        self.countryCode = countryCode
        self.name = name
    }
}

/// What a municipality is; raw values are the database's `municipality_kind` labels.
public enum MunicipalityKind: String, Sendable, Hashable, Codable, CaseIterable {
    case city
    case district
    case urbanOkrug = "urban_okrug"
    case zato
    case other
}

/// A city or district of a region («г. Томск», «Томский район»): where organisations are.
public struct Municipality: Sendable, Hashable, Codable {
    public var id: MunicipalityID
    public var regionID: RegionID
    public var name: String
    public var kind: MunicipalityKind

    public init(id: MunicipalityID, regionID: RegionID, name: String, kind: MunicipalityKind) {
        self.id = id
        self.regionID = regionID
        self.name = name
        self.kind = kind
    }
}
