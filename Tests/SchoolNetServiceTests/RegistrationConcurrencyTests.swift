import Foundation
import PQ
import SchoolNetDomain
import SchoolNetService
import Testing

/// 32 registrations at once: never more places than the event or an organisation has, never a person twice,
/// every refusal with the code the final state justifies; and a lost race against a writer that skipped the
/// event lock ends in the same code through the database's constraint.
@Suite(.serialized) struct RegistrationConcurrencyTests {
    let fx: RegistrationFixture
    init() throws { fx = try RegistrationFixture.shared("registration_concurrency") }

    static let racers = 32

    /// Runs all `requests` at once; each result is the application or the refusal's codes.
    func race(_ requests: [RegistrationRequest], by caller: @escaping @Sendable (RegistrationRequest) -> Caller) async throws
        -> [(request: RegistrationRequest, result: Result<RegistrationOutcome, RegistrationRefusal>)]
    {
        let service = fx.service()
        return try await withThrowingTaskGroup(of: (RegistrationRequest, Result<RegistrationOutcome, RegistrationRefusal>).self) { group in
            for r in requests {
                group.addTask {
                    do {
                        return (r, .success(try await service.register(r, by: caller(r))))
                    } catch let refusal as RegistrationRefusal {
                        return (r, .failure(refusal))
                    }
                }
            }
            var results: [(request: RegistrationRequest, result: Result<RegistrationOutcome, RegistrationRefusal>)] = []
            for try await result in group { results.append(result) }
            return results
        }
    }

    var schools: [OrganisationID] { fx.others }

    @Test func neverMoreThanTheCapacity() async throws {
        let event = try fx.event(EventSpec(capacity: 5))
        let requests = (0..<Self.racers).map { i in
            request(event, schools[i % schools.count], [pupil("Гонщик\(i)", "Гриша")])
        }
        let fixture = fx
        let results = try await race(requests) { fixture.school($0.organisationID) }
        let accepted = results.filter { (try? $0.result.get()) != nil }
        #expect(accepted.count == 5)
        for case .failure(let refusal) in results.map(\.result) {
            #expect(refusal.errors.map(\.code) == [.eventFull])
        }
        #expect(try fx.active(event) == 5)
    }

    @Test func neverMoreThanAnOrganisationsLimit() async throws {
        let event = try fx.event(EventSpec(perOrganisationLimit: 2))
        let requests = (0..<Self.racers).map { i in
            request(event, schools[i % schools.count], [pupil("Лимитов\(i)", "Лев")])
        }
        let fixture = fx
        let results = try await race(requests) { fixture.school($0.organisationID) }
        for school in schools {
            #expect(try fx.active(event, organisation: school) == 2)
        }
        let refused = results.compactMap { if case .failure(let r) = $0.result { r } else { nil } }
        #expect(refused.count == Self.racers - 2 * schools.count)
        for refusal in refused {
            #expect(refusal.errors.map(\.code) == [.organisationLimitReached])
        }
    }

    @Test func capacityAndLimitTogetherEachRefusalJustified() async throws {
        let event = try fx.event(EventSpec(capacity: 6, perOrganisationLimit: 2))
        let requests = (0..<Self.racers).map { i in
            request(event, schools[i % schools.count], [pupil("Смешанный\(i)", "Марк")])
        }
        let fixture = fx
        let results = try await race(requests) { fixture.school($0.organisationID) }
        #expect(try fx.active(event) == 6)
        for (request, result) in results {
            guard case .failure(let refusal) = result else { continue }
            let codes = Set(refusal.errors.map(\.code))
            #expect(!codes.isEmpty && codes.isSubset(of: [.eventFull, .organisationLimitReached]))
            // A code is right when the final state bears it out (places only fill up during the race).
            if codes.contains(.organisationLimitReached) {
                #expect(try fx.active(event, organisation: request.organisationID) == 2)
            }
        }
        for school in schools { #expect(try fx.active(event, organisation: school) <= 2) }
    }

    @Test func onePersonNeverTwiceInAnEvent() async throws {
        let event = try fx.event(EventSpec(team: 2...3))
        let school = fx.schoolA
        let peopleBefore = try fx.counts().people
        let requests = (0..<Self.racers).map { i in
            request(event, school, [pupil("Единая", "Ева"), pupil("Напарник\(i)", "Назар")], team: "Команда \(i)")
        }
        let fixture = fx
        let results = try await race(requests) { fixture.school($0.organisationID) }
        #expect(results.filter { (try? $0.result.get()) != nil }.count == 1)
        for case .failure(let refusal) in results.map(\.result) {
            #expect(refusal.errors.map(\.code) == [.personAlreadyEntered])
            #expect(refusal.errors.first?.field == "members[0]")
        }
        // One Eva and the one accepted partner: the refused requests created nobody.
        #expect(try fx.counts().people == peopleBefore + 2)
        #expect(try fx.active(event) == 1)
    }

    @Test func oneIdempotencyKeyOneApplication() async throws {
        let event = try fx.event()
        let r = request(event, fx.schoolB, [pupil("Повтор", "Паша")], key: "same-key-\(event.rawValue)")
        let before = try fx.counts().applications
        let fixture = fx
        let results = try await race(Array(repeating: r, count: Self.racers)) { fixture.school($0.organisationID) }
        let outcomes = try results.map { try $0.result.get() }
        #expect(Set(outcomes.map(\.application.id)).count == 1)
        #expect(outcomes.filter { !$0.replayed }.count == 1)
        #expect(try fx.counts().applications == before + 1)
    }

    // MARK: lost races decided by the database

    /// Starts `register` while `raw` holds an uncommitted conflicting write, waits until the service is blocked
    /// on it, commits, and returns the service's refusal.
    func loseRace(_ r: RegistrationRequest, against raw: PQConnection) async throws -> RegistrationRefusal? {
        let service = fx.service()
        let caller = fx.school(r.organisationID)
        let task = Task { try await service.register(r, by: caller) }
        let watcher = try fx.connect()
        var waited = 0
        // Bounded only so that a broken test can't hang the run; the outcome doesn't depend on it.
        while waited < 1500 {
            let blocked: Int = try watcher.query(
                """
                SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'
                """
            ).first!.decode(0)
            if blocked > 0 { break }
            try await Task.sleep(for: .milliseconds(20))
            waited += 1
        }
        #expect(waited < 1500, "the service never waited for the conflicting transaction")
        try raw.executeScript("COMMIT")
        do {
            _ = try await task.value
            return nil
        } catch let refusal as RegistrationRefusal {
            return refusal
        }
    }

    @Test func personEnteredByAnUnlockedWriterMapsToTheSameCode() async throws {
        let event = try fx.event()
        let earlier = try await fx.service().register(request(try fx.event(), fx.schoolA, [pupil("Гонкова", "Галя")]), by: fx.school(fx.schoolA))
        let person = earlier.application.members[0].personID
        let raw = try fx.connect()
        try raw.executeScript("BEGIN")
        let id: Int64 = try raw.query(
            """
            INSERT INTO application (event_id, organisation_id, submitted_by, responsible_name, contact_email)
            VALUES ($1, $2, 'import', 'Петрова', 'p@school.example') RETURNING id
            """, [event.rawValue, fx.schoolB.rawValue]
        ).first!.decode(0)
        try raw.execute("INSERT INTO application_member (application_id, person_id) VALUES ($1, $2)", [id, person.rawValue])
        let before = try fx.counts()
        let refusal = try await loseRace(request(event, fx.schoolA, [pupil("Гонкова", "Галя")]), against: raw)
        #expect(refusal?.errors.map(\.code) == [.personAlreadyEntered])
        // Only the unlocked writer's rows arrived (an application, a member, and their audit rows).
        let after = try fx.counts()
        #expect(after.applications == before.applications + 1)
        #expect(after.members == before.members + 1)
        #expect(after.people == before.people)
    }

    @Test func lastPlaceTakenByAnUnlockedWriterMapsToEventFull() async throws {
        let event = try fx.event(EventSpec(capacity: 1))
        let raw = try fx.connect()
        try raw.executeScript("BEGIN")
        try raw.execute(
            """
            INSERT INTO application (event_id, organisation_id, submitted_by, responsible_name, contact_email)
            VALUES ($1, $2, 'import', 'Петрова', 'p@school.example')
            """, [event.rawValue, fx.schoolB.rawValue])
        let before = try fx.counts()
        let refusal = try await loseRace(request(event, fx.schoolA, [pupil("Опоздалова", "Оля")]), against: raw)
        #expect(refusal?.errors.map(\.code) == [.eventFull])
        #expect(try fx.counts().applications == before.applications + 1)
        #expect(try fx.active(event) == 1)
    }
}

extension RegistrationConcurrencyTests {
    @Test func oneNewPersonRegisteredForManyEventsAtOnceIsCreatedOnce() async throws {
        let events = try (0..<Self.racers).map { _ in try fx.event() }
        let peopleBefore = try fx.counts().people
        let requests = events.map { request($0, fx.schoolB, [pupil("Вездесущая", "Вика")]) }
        let fixture = fx
        let results = try await race(requests) { fixture.school($0.organisationID) }
        let outcomes = try results.map { try $0.result.get() }
        #expect(Set(outcomes.map(\.application.members[0].personID)).count == 1)
        #expect(try fx.counts().people == peopleBefore + 1)
    }
}
