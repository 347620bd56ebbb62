import Foundation
import PQ

/// A migrated database of its own for each import test, and files written to a temporary folder.
public enum ImportFixtures {
    public static func pool(_ label: String, setup: String? = nil) throws -> PQPool {
        let config = try TestDatabase.migrated(label)
        if let setup { try PQConnection(config).executeScript(setup) }
        return PQPool(configuration: config, size: 2)
    }

    public static func file(_ bytes: [UInt8], _ name: String = "list.csv") throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("schoolnet-import-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let url = dir.appendingPathComponent(name)
        try Data(bytes).write(to: url)
        return url.path
    }

    /// Tomsk, the Tomsk district and four organisations lists refer to by short names.
    public static let tomsk = """
        INSERT INTO region (country_code, name) VALUES ('RU', 'Томская область');
        INSERT INTO municipality (region_id, name, kind)
        SELECT id, 'г. Томск', 'city'::municipality_kind FROM region UNION ALL SELECT id, 'Томский район', 'district' FROM region;
        INSERT INTO organisation (municipality_id, kind, legal_form, full_name, short_name)
        SELECT m.id, v.kind::organisation_kind, 'МАОУ', v.full_name, v.short_name
        FROM municipality m, (VALUES
            ('г. Томск', 'gymnasium', 'МАОУ гимназия №13 г. Томска', 'гимназия №13'),
            ('г. Томск', 'gymnasium', 'МАОУ гимназия №18 г. Томска', 'гимназия №18'),
            ('г. Томск', 'school', 'МАОУ СОШ №50 г. Томска', 'СОШ №50'),
            ('Томский район', 'school', 'МБОУ «Богашевская СОШ им. А.И. Федорова» Томского района', 'Богашевская СОШ')
        ) AS v(municipality, kind, full_name, short_name)
        WHERE m.name = v.municipality;
        """
}
