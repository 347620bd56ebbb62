// Keys of the reference tables, wrapped like the aggregate ids in Identifiers.swift.

/// A key of the `region` table.
public typealias RegionID = TableID<RegionTable>
public enum RegionTable: Sendable {}

/// A key of the `municipality` table.
public typealias MunicipalityID = TableID<MunicipalityTable>
public enum MunicipalityTable: Sendable {}

/// A key of the `programme_module` table.
public typealias ProgrammeModuleID = TableID<ProgrammeModuleTable>
public enum ProgrammeModuleTable: Sendable {}

/// A key of the `network_agreement` table.
public typealias NetworkAgreementID = TableID<NetworkAgreementTable>
public enum NetworkAgreementTable: Sendable {}
