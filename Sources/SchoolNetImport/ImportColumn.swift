/// A column an import understands, recognised by the many ways a spreadsheet's header names it.
public enum ImportColumn: String, Sendable, CaseIterable, Codable {
    // people
    case fullName, lastName, firstName, patronymic, birthDate, school, schoolClass, role
    // organisations
    case organisationName, shortName, kind, legalForm, municipality, region, country, agreementFrom, agreementTo

    /// Header texts, already normalised by `ImportColumn.normalizeHeader`.
    var synonyms: [String] {
        switch self {
        case .fullName: ["фио", "ф и о", "фамилия имя отчество", "фамилия имя", "участник", "обучающийся", "ученик", "педагог", "full name", "name"]
        case .lastName: ["фамилия", "last name", "surname"]
        case .firstName: ["имя", "first name", "given name"]
        case .patronymic: ["отчество", "patronymic", "middle name"]
        case .birthDate: ["дата рождения", "др", "д р", "birth date", "date of birth", "birthdate", "birthday"]
        case .school: ["школа", "оу", "оо", "образовательная организация", "организация", "учреждение", "school", "organisation", "organization"]
        case .schoolClass: ["класс", "class", "grade"]
        case .role: ["должность", "роль", "role", "position"]
        case .organisationName: ["полное наименование", "наименование", "название", "образовательная организация", "организация", "full name", "name"]
        case .shortName: ["краткое наименование", "сокращенное наименование", "краткое название", "short name"]
        case .kind: ["тип", "вид", "тип организации", "kind", "type"]
        case .legalForm: ["организационно правовая форма", "опф", "форма", "legal form"]
        case .municipality: ["муниципалитет", "муниципальное образование", "мо", "район", "город", "населенный пункт", "municipality", "city", "district"]
        case .region: ["регион", "субъект", "субъект рф", "область", "region"]
        case .country: ["страна", "country"]
        case .agreementFrom: ["договор с", "дата договора", "договор", "начало договора", "договор от", "agreement from", "agreement", "member since"]
        case .agreementTo: ["договор по", "окончание договора", "договор до", "agreement to", "agreement until"]
        }
    }

    /// Lower case, ё as е, anything but letters and digits as one space: "Дата рождения:" -> "дата рождения".
    package static func normalizeHeader(_ text: String) -> String {
        String(text.lowercased().map { $0 == "ё" ? "е" : $0 })
            .split(whereSeparator: { !($0.isLetter || $0.isNumber) })
            .joined(separator: " ")
    }
}

/// Which staging column holds which import column, with the header text the file gave it.
struct ImportLayout: Sendable {
    /// Import column -> (1-based staging column, header as written).
    var columns: [ImportColumn: (index: Int, header: String)] = [:]
    /// Headers no import column claimed: reported, not an error.
    var ignored: [String] = []

    /// Maps each header to the first of `wanted` whose synonyms include it; a column is used once.
    init(headers: [String?], wanted: [ImportColumn]) {
        for (offset, raw) in headers.enumerated() {
            let header = (raw ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            guard !header.isEmpty else { continue }
            let key = ImportColumn.normalizeHeader(header)
            if let column = wanted.first(where: { columns[$0] == nil && $0.synonyms.contains(key) }) {
                columns[column] = (offset + 1, header)
            } else {
                ignored.append(header)
            }
        }
    }

    /// `cN` of the staging table, or NULL: only these fixed names ever reach SQL text.
    func sql(_ column: ImportColumn) -> String {
        columns[column].map { "nullif(btrim(s.c\($0.index)), '')" } ?? "NULL::text"
    }

    /// The header as the file wrote it, for rejections; the column's own name when absent.
    func header(_ column: ImportColumn) -> String {
        columns[column]?.header ?? column.rawValue
    }

    func has(_ column: ImportColumn) -> Bool { columns[column] != nil }
}
