import Foundation
import PQ
import SchoolNetDomain
import SchoolNetService
import SchoolNetStore
import SchoolNetTestSupport
import Testing

/// Issue 11: modules are created by the regional centre (item 17); the event file's keys are one list that
/// matches `EventSpec` (items 13, 18).
@Suite(.serialized) struct ModuleAndEventFileTests {
    let fx: RegistrationFixture
    init() throws { fx = try RegistrationFixture.shared("modules_and_event_file") }

    @Test func onlyTheRegionalCentreCreatesAModule() async throws {
        let modules = ModuleService(pool: fx.pool)
        for caller in [fx.school(fx.schoolA), Caller(organisationID: fx.organiser, role: .organiser, displayName: "организатор")] {
            await #expect(throws: RegistrationRefusal.self) { try await modules.create(name: "Мир искусств", audience: .pupils, by: caller) }
        }
        let created = try await modules.create(name: "  Мир   искусств ", audience: .pupils, by: fx.admin)
        #expect(created.name == "Мир искусств")
        #expect(try await modules.list().contains(created))
        do {
            _ = try await modules.create(name: "", audience: .pupils, by: fx.admin)
            Issue.record("a blank name was taken")
        } catch let error as RegistrationError {
            #expect(error.field == "name")
        }
    }

    /// Check-then-write in one statement: ten creators racing for one name make one module, nine refusals, no 500.
    @Test func racingCreatorsOfOneNameMakeOneModule() async throws {
        let modules = ModuleService(pool: fx.pool)
        let admin = fx.admin
        let outcomes = await withTaskGroup(of: Result<ProgrammeModule, any Error>.self) { group in
            for i in 0..<10 {
                group.addTask {
                    do { return .success(try await modules.create(name: i % 2 == 0 ? "Точки роста" : "ТОЧКИ РОСТА", audience: .teachers, by: admin)) } catch {
                        return .failure(error)
                    }
                }
            }
            return await group.reduce(into: []) { $0.append($1) }
        }
        let created = outcomes.compactMap { try? $0.get() }
        #expect(created.count == 1)
        for case .failure(let error) in outcomes {
            #expect((error as? RegistrationError)?.field == "name", "\(error)")
        }
        #expect(try await modules.list().filter { $0.name.lowercased() == "точки роста" }.count == 1)
    }

    /// The key list writes the help and refuses unknown keys: it must name exactly what `EventSpec` reads.
    @Test func theEventFileKeysAreExactlyEventSpecsProperties() throws {
        let full = """
            {"title": "Т", "organiser": 3, "module": "М", "parent_event_id": 1, "kind": "contest", "edition": 2,
             "format": "distance", "audience": "6", "starts_on": "2021-10-01", "ends_on": "2021-10-01",
             "time_zone": "Asia/Tomsk",
             "registration": {"opens_at": "2021-09-01T00:00:00+07:00", "closes_on": "2021-09-28"},
             "capacity": 3, "per_organisation_limit": 1, "members_only": true,
             "team": {"min_size": 1, "max_size": 2, "required_roles": ["captain"]},
             "eligibility": {"grades": [1, 2], "ages": [7, 9], "age_reference_date": "2021-09-01", "allow_pupils": true,
                             "allow_preschoolers": false, "allow_students": false, "allow_teachers": false},
             "stages": [{"title": "Ф", "starts_on": "2021-10-01", "ends_on": "2021-10-01", "capacity": 1}],
             "nominations": [{"title": "Н", "special": true}]}
            """
        let spec = try SchoolNetService.EventSpec.decode(Data(full.utf8))
        #expect(spec.organiser == "3")
        func names(_ value: Any) -> [String] {
            Mirror(reflecting: value).children.compactMap(\.label).map(snake)
        }
        let keys = SchoolNetService.EventSpec.keys
        func nested(_ name: String) -> [String] { keys.first { $0.name == name }?.keys.map(\.name) ?? [] }
        #expect(keys.map(\.name) == names(spec))
        #expect(nested("registration") == names(spec.registration))
        #expect(nested("team") == names(try #require(spec.team)))
        #expect(nested("eligibility") == names(spec.eligibility))
        #expect(nested("stages") == names(try #require(spec.stages?.first)))
        #expect(nested("nominations") == names(try #require(spec.nominations?.first)))
    }

    @Test func unknownKeysAreFoundAtEveryLevelWithTheKeyMeant() throws {
        let file = #"{"title": "Т", "capasity": 3, "registration": {"opensAt": "x"}, "stages": [{"title": "a"}, {"titel": "b"}], "zzz": 1}"#
        do {
            _ = try SchoolNetService.EventSpec.decode(Data(file.utf8))
            Issue.record("unknown keys were accepted")
        } catch let error as EventFileUnknownKeys {
            #expect(
                error.keys.map { "\($0.path)|\($0.key)|\($0.suggestion ?? "-")" } == [
                    "|capasity|capacity", "registration|opensAt|opens_at", "stages[1]|titel|title", "|zzz|-"
                ])
        }
    }

    private func snake(_ name: String) -> String {
        name.reduce(into: "") { out, c in
            if c.isUppercase { out += "_" + c.lowercased() } else { out.append(c) }
        }
    }
}
