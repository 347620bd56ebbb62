import PQ
import SchoolNetDomain

// The domain's ids and closed vocabularies bind and decode as their raw values, so repositories
// pass them straight as $n parameters. Enum raw values are the database's enum labels.

extension TableID: PQEncodable, PQDecodable {}

extension PersonKind: PQEncodable, PQDecodable {}
extension OrganisationKind: PQEncodable, PQDecodable {}
extension MunicipalityKind: PQEncodable, PQDecodable {}
extension StaffRole: PQEncodable, PQDecodable {}
extension ActorRole: PQEncodable, PQDecodable {}
extension EventKind: PQEncodable, PQDecodable {}
extension EventFormat: PQEncodable, PQDecodable {}
extension ParticipationMode: PQEncodable, PQDecodable {}
extension AudienceKind: PQEncodable, PQDecodable {}
extension MemberRole: PQEncodable, PQDecodable {}
extension ApplicationStatus: PQEncodable, PQDecodable {}
