import ArgumentParser
import Foundation
import PQ
import SchoolNetDomain
import SchoolNetService

/// `schoolnet events ...`: create events from a JSON description, read them, open and close registration.
struct Events: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Create, list and show events; open or close their registration.",
        subcommands: [Create.self, List.self, Show.self, Open.self, Close.self]
    )

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create an event from a JSON or YAML file describing it and its rules.",
            discussion: """
                The file, JSON or YAML (.yaml/.yml) with the same keys in snake_case. Every key, its type, whether it
                is required (else what leaving it out means) and an example:
                """ + "\n" + EventSpec.keysHelp() + "\n" + """

                    Dates are written 2021-10-01, instants with their offset. A key not listed here is refused, naming the
                    key that would do. A JSON file:
                      {"title": "Спортивная мозаика", "organiser": "гимназия 13", "module": "Человек XXI века",
                       "kind": "festival", "format": "distance", "audience": "6 классы",
                       "starts_on": "2021-10-01", "ends_on": "2021-10-01",
                       "registration": {"opens_at": "2021-09-01T00:00:00+07:00", "closes_on": "2021-09-28"},
                       "team": {"min_size": 7, "max_size": 7}, "eligibility": {"grades": [6, 6]},
                       "per_organisation_limit": 1, "stages": [], "nominations": [{"title": "Эстафета"}]}
                    The same in YAML:
                      title: Спортивная мозаика
                      organiser: гимназия 13
                      kind: festival
                      starts_on: 2021-10-01
                      registration: {opens_at: "2021-09-01T00:00:00+07:00", closes_on: 2021-09-28}
                      team: {min_size: 7, max_size: 7}
                      ...
                    Every rule the file gets wrong is listed at once. An organiser's token creates only events it
                    organises; a school's token none. --format json prints the event in the file's own keys, with the
                    ids it was given (id, organiser as an id, stages[].id, nominations[].id) and what the server adds
                    (school_year, registration.closed_early_at, results_published_at).

                    Example:
                      schoolnet events create mosaic-2021.json --format json
                      schoolnet events create mosaic-2021.yaml
                    """
        )
        @Argument(help: "The JSON or YAML file.")
        var file: String
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var acting: CallerOptions
        @OptionGroup var output: FormatOption

        func run() async throws {
            guard let data = FileManager.default.contents(atPath: file) else { throw CommandRefused("cannot read \(file)") }
            let spec: EventSpec
            do {
                spec = try EventFile.spec(data, path: file)
            } catch let error as DecodingError {
                // the file's keys are snake_case: name the field as the file spells it
                throw CommandRefused("\(file) is not an event description: \(DecodingErrorText.describe(error, snakeCase: true))")
            } catch let error as EventFileUnknownKeys {
                throw CommandRefused("\(file) is not an event description: \(error.keys.map(\.message).joined(separator: "; "))")
            }
            let (details, module) = try await database.withPool { pool in
                let details = try await EventSetupService(pool: pool, time: SystemTime()).create(spec, by: try await acting.caller(on: pool))
                return (details, try await EventPrinter.moduleName(details.event, pool))
            }
            EventPrinter.details(details, module: module, output.format)
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the events of a school year.",
            discussion: "Example:\n  schoolnet events list --year 2020-2021 --format csv"
        )
        @Option(help: "School year, e.g. 2020-2021 (default: the current one).")
        var year: String?
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var acting: CallerOptions
        @OptionGroup var output: FormatOption

        func validate() throws {
            if let year, SchoolYear(label: year) == nil { throw ValidationError("--year: write it as 2020-2021") }
        }

        func run() async throws {
            let schoolYear =
                year.flatMap(SchoolYear.init(label:))
                ?? SchoolYear.containing(LocalDate(Date(), in: RegistrationWindow.defaultTimeZone))
            let events = try await database.withPool { pool in
                // Any valid token may read the events (as GET /v1/events): a bad one still fails here, not later.
                _ = try await acting.caller(on: pool)
                return try await EventSetupService(pool: pool, time: SystemTime()).list(schoolYear: schoolYear)
            }
            var table = Table(columns: ["id", "starts_on", "ends_on", "title", "edition", "kind", "participation", "organiser_id"])
            for e in events {
                table.rows.append([
                    .int(e.id.rawValue), .text(e.startsOn.iso), .text(e.endsOn.iso), .text(e.title), Cell(e.edition),
                    .text(e.kind.rawValue), .text(e.rules.team.mode.rawValue), .int(e.organiserID.rawValue)
                ])
            }
            table.print(output.format)
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show an event: dates, rules, registration window, stages and nominations.",
            discussion: "Example:\n  schoolnet events show 7 --format json"
        )
        @Argument(help: "The event's id.")
        var event: Int64
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var acting: CallerOptions
        @OptionGroup var output: FormatOption

        func run() async throws {
            let (details, module) = try await database.withPool { pool in
                _ = try await acting.caller(on: pool)
                let details = try await EventSetupService(pool: pool, time: SystemTime()).details(EventID(rawValue: event))
                return (details, try await EventPrinter.moduleName(details.event, pool))
            }
            EventPrinter.details(details, module: module, output.format)
        }
    }

    struct Open: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Reopen registration that was closed early (the announced window applies again).",
            discussion: "Only the event's organiser (its token) or the regional centre.\n\nExample:\n  schoolnet events open 7"
        )
        @Argument(help: "The event's id.")
        var event: Int64
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var acting: CallerOptions

        func run() async throws {
            let state = try await database.withPool { pool in
                try await EventAdminService(pool: pool, time: SystemTime()).openRegistration(
                    event: EventID(rawValue: event), by: try await acting.caller(on: pool))
            }
            print(JSONOutput.string(encoding: state))
        }
    }

    struct Close: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Close registration now, before its announced deadline.",
            discussion: "Only the event's organiser (its token) or the regional centre.\n\nExample:\n  schoolnet events close 7"
        )
        @Argument(help: "The event's id.")
        var event: Int64
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var acting: CallerOptions

        func run() async throws {
            let state = try await database.withPool { pool in
                try await EventAdminService(pool: pool, time: SystemTime()).closeRegistration(
                    event: EventID(rawValue: event), by: try await acting.caller(on: pool))
            }
            print(JSONOutput.string(encoding: state))
        }
    }
}

/// An event's details as a two-column table, or as JSON in the event file's own keys.
enum EventPrinter {
    static func moduleName(_ event: Event, _ pool: PQPool) async throws -> String? {
        guard let id = event.moduleID else { return nil }
        return try await ModuleService(pool: pool).list().first(where: { $0.id == id })?.name
    }

    static func details(_ d: EventSetupService.Details, module: String?, _ format: OutputFormat) {
        if format == .json {
            print(JSONOutput.string(encoding: EventFileOutput(d, module: module)))
            return
        }
        let e = d.event
        let r = e.rules
        var table = Table(columns: ["field", "value"])
        table.rows = [
            ["id", .int(e.id.rawValue)], ["title", .text(e.title)], ["edition", Cell(e.edition)],
            ["school_year", .text(e.schoolYear.label)], ["kind", .text(e.kind.rawValue)], ["format", .text(e.format.rawValue)],
            ["organiser_id", .int(e.organiserID.rawValue)], ["parent_event_id", Cell(e.parentEventID?.rawValue)],
            ["dates", .text("\(e.startsOn.iso)..\(e.endsOn.iso)")], ["audience", Cell(e.audience)],
            [
                "registration",
                .text(
                    "\(r.window.opensAt.ISO8601Format())..\(r.window.closesOn.iso) (\(r.window.timeZone.identifier))"
                        + (r.window.closedEarlyAt.map { ", closed early \($0.ISO8601Format())" } ?? ""))
            ],
            ["participation", .text(r.team.mode == .team ? "team of \(r.team.minSize)-\(r.team.maxSize)" : "individual")],
            ["grades", Cell(r.eligibility.grades.map { "\($0.lowerBound)-\($0.upperBound)" })],
            ["ages", Cell(r.eligibility.ages.map { "\($0.lowerBound)-\($0.upperBound)" })],
            ["capacity", Cell(r.capacity)], ["per_organisation_limit", Cell(r.perOrganisationLimit)],
            ["members_only", .bool(r.membersOnly)],
            ["stages", .text(d.stages.map { "\($0.position). \($0.title) [\($0.id.rawValue)]" }.joined(separator: "; "))],
            ["nominations", .text(d.nominations.map { "\($0.title) [\($0.id.rawValue)]" }.joined(separator: "; "))]
        ]
        table.print(format)
    }
}

/// Where in a JSON file decoding failed, in a line a user can act on.
enum DecodingErrorText {
    static func describe(_ error: DecodingError, snakeCase: Bool = false) -> String {
        func name(_ key: any CodingKey) -> String {
            snakeCase ? Self.snakeCase(key.stringValue) : key.stringValue
        }
        func path(_ context: DecodingError.Context) -> String {
            context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\(name($0))" }.joined()
        }
        func located(_ context: DecodingError.Context) -> String {
            let where_ = path(context)
            // LocalDate's message repeats the text ("not a date: 31.02.2014"): a pupil's birth date stays off the screen and logs
            let said =
                context.codingPath.last.map { $0.stringValue.lowercased().contains("birth") } == true
                ? "not a date: write it as 2010-08-31" : Self.withChoices(context.debugDescription)
            return where_.isEmpty ? said : "\(where_): \(said)"
        }
        switch error {
        case .keyNotFound(let key, let context): return "missing \(path(context)).\(name(key))"
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
            return located(context)
        @unknown default: return "\(error)"
        }
    }

    /// Values a file may give, by the type Foundation names in "Cannot initialize EventKind from invalid String value party".
    static let choices: [String: [String]] = [
        "EventKind": EventKind.allCases.map(\.rawValue), "EventFormat": EventFormat.allCases.map(\.rawValue),
        "ParticipationMode": ParticipationMode.allCases.map(\.rawValue), "MemberRole": MemberRole.allCases.map(\.rawValue),
        "PersonKind": PersonKind.allCases.map(\.rawValue)
    ]

    /// Foundation's message for a value outside an enum, with the values that would do.
    static func withChoices(_ message: String) -> String {
        guard message.hasPrefix("Cannot initialize "),
            let type = message.dropFirst("Cannot initialize ".count).split(separator: " ").first,
            let values = choices[String(type)]
        else { return message }
        return message + " (one of: " + values.joined(separator: ", ") + ")"
    }

    /// "startsOn" -> "starts_on", the spelling of an event file's keys.
    static func snakeCase(_ key: String) -> String {
        var out = ""
        for character in key {
            if character.isUppercase {
                if !out.isEmpty { out.append("_") }
                out.append(contentsOf: character.lowercased())
            } else {
                out.append(character)
            }
        }
        return out
    }
}

/// An event as `events create --format json` and `events show --format json` print it: the keys of the event file
/// it was created from (snake_case, dates 2021-10-01, the organiser as an id), plus the ids the server gave and
/// what it adds. No internal shapes (`{"identifier": "Asia/Tomsk"}`, `{"start_year": 2021}`, role counts).
struct EventFileOutput: Encodable {
    struct Registration: Encodable {
        var opensAt: Date
        var closesOn: String
        var closedEarlyAt: Date?
    }
    struct Team: Encodable {
        var minSize: Int
        var maxSize: Int
        var requiredRoles: [String]
    }
    struct Eligibility: Encodable {
        var grades: [Int]?
        var ages: [Int]?
        var ageReferenceDate: String
        var allowPupils: Bool
        var allowPreschoolers: Bool
        var allowStudents: Bool
        var allowTeachers: Bool
    }
    struct Stage: Encodable {
        var id: Int64
        var title: String
        var startsOn: String?
        var endsOn: String?
        var capacity: Int?
    }
    struct Nomination: Encodable {
        var id: Int64
        var title: String
        var special: Bool
    }

    var id: Int64
    var title: String
    var organiser: Int64
    var module: String?
    var parentEventId: Int64?
    var kind: String
    var edition: Int?
    var format: String
    var audience: String?
    var startsOn: String
    var endsOn: String
    var schoolYear: String
    var timeZone: String
    var registration: Registration
    var capacity: Int?
    var perOrganisationLimit: Int?
    var membersOnly: Bool
    var team: Team?
    var eligibility: Eligibility
    var stages: [Stage]
    var nominations: [Nomination]
    var resultsPublishedAt: Date?

    init(_ d: EventSetupService.Details, module: String?) {
        let e = d.event, r = e.rules
        id = e.id.rawValue
        title = e.title
        organiser = e.organiserID.rawValue
        self.module = module
        parentEventId = e.parentEventID?.rawValue
        kind = e.kind.rawValue
        edition = e.edition
        format = e.format.rawValue
        audience = e.audience
        startsOn = e.startsOn.iso
        endsOn = e.endsOn.iso
        schoolYear = e.schoolYear.label
        timeZone = r.window.timeZone.identifier
        registration = Registration(opensAt: r.window.opensAt, closesOn: r.window.closesOn.iso, closedEarlyAt: r.window.closedEarlyAt)
        capacity = r.capacity
        perOrganisationLimit = r.perOrganisationLimit
        membersOnly = r.membersOnly
        team =
            r.team.mode == .team
            ? Team(minSize: r.team.minSize, maxSize: r.team.maxSize, requiredRoles: r.team.requiredRoleList.map(\.rawValue)) : nil
        let el = r.eligibility
        eligibility = Eligibility(
            grades: el.grades.map { [$0.lowerBound, $0.upperBound] }, ages: el.ages.map { [$0.lowerBound, $0.upperBound] },
            ageReferenceDate: el.ageReferenceDate.iso, allowPupils: el.allowPupils, allowPreschoolers: el.allowPreschoolers,
            allowStudents: el.allowStudents, allowTeachers: el.allowTeachers)
        stages = d.stages.sorted { $0.position < $1.position }.map {
            Stage(id: $0.id.rawValue, title: $0.title, startsOn: $0.startsOn?.iso, endsOn: $0.endsOn?.iso, capacity: $0.capacity)
        }
        nominations = d.nominations.map { Nomination(id: $0.id.rawValue, title: $0.title, special: $0.isSpecial) }
        resultsPublishedAt = e.resultsPublishedAt
    }

    /// Optionals as null, not left out: every key of the file is there to be read.
    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Keys.self)
        try c.encode(id, forKey: .id); try c.encode(title, forKey: .title); try c.encode(organiser, forKey: .organiser)
        try c.encode(module, forKey: .module); try c.encode(parentEventId, forKey: .parentEventId); try c.encode(kind, forKey: .kind)
        try c.encode(edition, forKey: .edition); try c.encode(format, forKey: .format); try c.encode(audience, forKey: .audience)
        try c.encode(startsOn, forKey: .startsOn); try c.encode(endsOn, forKey: .endsOn); try c.encode(schoolYear, forKey: .schoolYear)
        try c.encode(timeZone, forKey: .timeZone); try c.encode(registration, forKey: .registration)
        try c.encode(capacity, forKey: .capacity); try c.encode(perOrganisationLimit, forKey: .perOrganisationLimit)
        try c.encode(membersOnly, forKey: .membersOnly); try c.encode(team, forKey: .team); try c.encode(eligibility, forKey: .eligibility)
        try c.encode(stages, forKey: .stages); try c.encode(nominations, forKey: .nominations)
        try c.encode(resultsPublishedAt, forKey: .resultsPublishedAt)
    }

    enum Keys: String, CodingKey {
        case id, title, organiser, module, parentEventId, kind, edition, format, audience, startsOn, endsOn, schoolYear, timeZone
        case registration, capacity, perOrganisationLimit, membersOnly, team, eligibility, stages, nominations, resultsPublishedAt
    }
}
