import PQ
import SchoolNetDomain

extension ReferenceRepository {
    /// Creates the module, or nil when one of that name (as `name_norm` folds it) exists: one statement, so two
    /// creators racing for one name get one module and one nil, never a unique violation.
    public func createModule(name: String, audience: AudienceKind, on conn: PQConnection) throws -> ProgrammeModule? {
        try conn.query(
            """
            INSERT INTO programme_module (name, audience) VALUES ($1, $2)
            ON CONFLICT (name_norm) DO NOTHING
            RETURNING id, name, audience
            """, [name, audience]
        ).first.map {
            ProgrammeModule(id: try $0.decode(0), name: try $0.decode(1), audience: try $0.decode(2))
        }
    }
}
