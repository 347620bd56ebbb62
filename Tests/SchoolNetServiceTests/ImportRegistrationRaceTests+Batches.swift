import Foundation
import PQ
import SchoolNetDomain
import SchoolNetImport
import SchoolNetService
import SchoolNetTestSupport
import Testing

/// A big import merges in batches of identity buckets, each its own transaction (docs/DESIGN.md item 28). Held in
/// the middle of a batch, it holds that batch's buckets only: registrations naming anyone else go through, and a
/// registration waiting for one of its buckets holds no event row, so its event's other registrations go through
/// too. Outcomes are told apart by PostgreSQL's lock state (finished, or waiting like the import), never by time.
extension ImportRegistrationRaceTests {
    /// Whether a task has finished, read without awaiting it.
    final class Finished: @unchecked Sendable {
        private let lock = NSLock()
        private var done = false
        var value: Bool { lock.withLock { done } }
        func set() { lock.withLock { done = true } }
    }

    func watchedRegistration(_ event: EventID, _ member: MemberRequest) -> (Task<RegistrationOutcome, any Error>, Finished) {
        let finished = Finished()
        let service = fx.service()
        let caller = fx.school(fx.schoolA)
        let r = request(event, fx.schoolA, [member])
        let task = Task {
            defer { finished.set() }
            return try await service.register(r, by: caller)
        }
        return (task, finished)
    }

    func lockWaiting(_ watcher: PQConnection) throws -> Int {
        try watcher.query(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'"
        ).first!.decode(0, as: Int.self)
    }

    /// True when the task finishes while exactly `others` sessions wait for a lock; false once it waits as well.
    func finishesWhile(_ others: Int, wait finished: Finished, _ watcher: PQConnection) async throws -> Bool {
        // Bounded only so that a broken test can't hang the run; the outcome doesn't depend on it.
        for _ in 0..<1500 {
            if finished.value { return true }
            if try lockWaiting(watcher) > others { return false }
            try await Task.sleep(for: .milliseconds(20))
        }
        return false
    }

    /// The identity lock keys held now, by any session of the suite's database.
    func identityKeysHeld(_ watcher: PQConnection) throws -> Set<Int64> {
        Set(
            try watcher.query(
                """
                SELECT (classid::bigint << 32) + objid::bigint FROM pg_locks
                WHERE locktype = 'advisory' AND classid = 1346720339 AND granted
                  AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
                """
            ).map { try $0.decode(0, as: Int64.self) })
    }

    /// `prefix` + N for the first N whose identity (first name `first`, born `born`) has a lock key that `keys`
    /// contains (`inside`) or not; nil when there is none.
    func surname(
        _ prefix: String, _ first: String, keys: Set<Int64>, inside: Bool, _ watcher: PQConnection
    ) throws -> String? {
        try watcher.query(
            """
            SELECT $1 || n FROM generate_series(1, 100000) n
            WHERE (person_identity_lock_key($1 || n, $2, $3, NULL) = ANY($4::bigint[])) = $5
            ORDER BY n LIMIT 1
            """, [prefix, first, PQDate(Self.born)!, Array(keys), inside]
        ).first?.decode(0, as: String.self)
    }

    func key(_ last: String, _ first: String, _ watcher: PQConnection) throws -> Int64 {
        try watcher.query("SELECT person_identity_lock_key($1, $2, $3, NULL)", [last, first, PQDate(Self.born)!]).first!
            .decode(0, as: Int64.self)
    }

    func holdGrade(of person: Int64) throws -> PQConnection {
        let raw = try fx.connect()
        try raw.executeScript("BEGIN")
        try raw.execute("SELECT 1 FROM pupil_grade WHERE person_id = $1 FOR UPDATE", [person])
        return raw
    }

    /// A pupil already known (her grade row is held by the test) and a new one in her bucket are in a file of
    /// 4,502 rows; the import stops at the known pupil's grade, inside her batch. Meanwhile: a new pupil in a free
    /// bucket registers for one event; the new pupil of the held bucket waits for the import; another new pupil
    /// registers for that same event while she waits. Then the import ends, and she is the person it created.
    @Test func registrationGoesOnWhileABigImportHoldsOneBatch() async throws {
        let otherEvent = try fx.event()
        let event = try fx.event()
        let watcher = try fx.connect()
        let known = ("Держатель", "Петя")
        let (importer, pool) = makeImporter()
        defer { Task { await pool.shutdown() } }
        _ = try await importer.importFile(.pupils, path: try file([known], fillers: 0, tag: "Д"))
        let knownID = try people(known.0, known.1)[0]
        let heldKey = try key(known.0, known.1, watcher)
        let waiter = (try #require(try surname("Соседка", "Ксения", keys: [heldKey], inside: true, watcher)), "Ксения")
        let path = try file([known, waiter], fillers: 4_500, tag: "Б")
        let raw = try holdGrade(of: knownID)
        let imported = Task { try await importer.importFile(.pupils, path: path) }
        #expect(try await lockWaiters(1, watcher), "the import never reached the known pupil's grade")

        let held = try identityKeysHeld(watcher)
        #expect(held.contains(heldKey))
        #expect(held.count < 1024, "the import holds every identity bucket while it writes")
        let free = try surname("Свободная", "Фаина", keys: held, inside: false, watcher)
        let alsoFree = try surname("Вольная", "Вера", keys: held, inside: false, watcher)
        #expect(free != nil && alsoFree != nil, "no bucket is free while the import writes")

        // someone else, another event: goes through while the import waits
        let (elsewhere, elsewhereDone) = watchedRegistration(otherEvent, pupil(free ?? "Свободная", "Фаина", born: Self.born))
        #expect(try await finishesWhile(1, wait: elsewhereDone, watcher), "a registration of someone not in the batch waited")
        // a pupil of the held batch: waits for the import's bucket, holding no event row
        let (waiting, waitingDone) = watchedRegistration(event, pupil(waiter.0, waiter.1, born: Self.born))
        #expect(try await lockWaiters(2, watcher), "the registration of the batch's pupil never waited")
        #expect(!waitingDone.value)
        // so the next registration of the same event is not queued behind her
        let (same, sameDone) = watchedRegistration(event, pupil(alsoFree ?? "Вольная", "Вера", born: Self.born))
        #expect(try await finishesWhile(2, wait: sameDone, watcher), "a registration queued behind one waiting for the import")
        #expect(!waitingDone.value, "the import let go of its bucket too early")

        try raw.executeScript("COMMIT")
        let report = try await imported.value
        #expect((report.inserted, report.matched, report.rejectionsTotal) == (4_501, 1, 0))
        #expect(try await elsewhere.value.application.members.count == 1)
        #expect(try await same.value.application.members.count == 1)
        let member = try await waiting.value.application.members[0].personID.rawValue
        #expect(try people(waiter.0, waiter.1) == [member])
        #expect(try duplicates() == 0)
    }

    /// An import killed in its second batch keeps its first, says so, and the same file imported again writes the
    /// rest: the rows written before are matched, nobody twice.
    @Test func anImportStoppedBetweenBatchesIsFinishedByImportingTheFileAgain() async throws {
        let watcher = try fx.connect()
        let top = ((1_346_720_339 as Int64) << 32) + 1023
        let last = (try #require(try surname("Последний", "Лев", keys: [top], inside: true, watcher)), "Лев")
        let (importer, pool) = makeImporter()
        defer { Task { await pool.shutdown() } }
        _ = try await importer.importFile(.pupils, path: try file([last], fillers: 0, tag: "Л"))
        let path = try file([last], fillers: 4_500, tag: "П")
        let fillers = "SELECT count(*) FROM person WHERE last_name LIKE 'ЗаполнительПx%'"
        let raw = try holdGrade(of: try people(last.0, last.1)[0])
        let imported = Task { try await importer.importFile(.pupils, path: path) }
        // the highest bucket is in the last batch: the first is committed by then
        #expect(try await lockWaiters(1, watcher), "the import never reached its last batch")
        let before = try watcher.query(fillers).first!.decode(0, as: Int.self)
        #expect(before > 0 && before < 4_500, "\(before)")
        try watcher.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'")
        do {
            _ = try await imported.value
            Issue.record("the import went on after its backend was killed")
        } catch let stopped as ImportInterrupted {
            #expect((stopped.written, stopped.total, stopped.inserted, stopped.matched) == (before, 4_501, before, 0))
            #expect(stopped.description.contains("Import the same file again"))
        }
        try raw.executeScript("COMMIT")
        #expect(try watcher.query(fillers).first!.decode(0, as: Int.self) == before)

        let (again, againPool) = makeImporter()
        defer { Task { await againPool.shutdown() } }
        let report = try await again.importFile(.pupils, path: path)
        #expect((report.inserted, report.matched, report.rejectionsTotal) == (4_500 - before, before + 1, 0))
        #expect(try watcher.query(fillers).first!.decode(0, as: Int.self) == 4_500)
        #expect(try duplicates() == 0)
    }
}
