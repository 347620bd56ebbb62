import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import PQ
import SchoolNetDomain
import SchoolNetHTTP
import SchoolNetService
import SchoolNetWeb
import Testing

/// Visitors' public pages come from `PublicPageCache` (as `schoolnet serve` runs them), and are never stale: a
/// registration through this server shows on the very next page, a change through another connection as soon as its
/// notification arrives, and a signed-in person's page is never taken from it or put in it. Its own database (its
/// own notifications), one test at a time.
@Suite(.serialized) struct PublicPageCacheTests {
    let f: WebFixture

    init() throws { f = try WebFixture.shared("web_page_cache") }

    /// An event with `places` places, open now, teams of 2-7 sixth-graders.
    func limitedEvent(_ title: String, places: Int) throws -> EventID {
        try f.newTeamEvent(title) { rules in
            rules.capacity = places
            rules.perOrganisationLimit = nil
        }
    }

    func placesLeft(_ html: String, _ event: EventID) -> Int? {
        PublicHTML.item(html, event).flatMap(PublicHTML.placesLeft).flatMap { Int($0) }
    }

    /// Two new sixth-graders of school B, registered through the service on the fixture's pool: not through the
    /// server under test, as another server or a script would.
    func registerElsewhere(_ event: EventID, _ tag: String) async throws {
        func pupil(_ first: String, _ born: String) -> MemberRequest {
            MemberRequest(lastName: "Кэшев-\(tag)", firstName: first, birthDate: LocalDate(born)!, kind: .pupil, grade: 6, consent: true)
        }
        let request = RegistrationRequest(
            eventID: event, organisationID: f.schoolB,
            change: ApplicationChange(
                responsible: ResponsibleTeacher(name: "Фёдорова Ольга Ивановна", email: "olga@school60.example"),
                members: [pupil("Пётр", "2013-03-03"), pupil("Павел", "2013-05-05")]))
        _ = try await f.services.api.registration.register(request, by: f.school(f.schoolB))
    }

    @Test func aRegistrationThroughThisServerShowsOnTheVeryNextPage() async throws {
        let event = try limitedEvent("Кэш: места после заявки", places: 10)
        let people = try f.schoolPeople()
        let cache = PublicPageCache(maxAge: .seconds(3600), alwaysOn: true)
        try await f.app(cache: cache).test(.live) { client in
            let visitor = WebClient(client)
            let first = try await visitor.get("/")
            #expect(placesLeft(first.html, event) == 10)
            #expect(cache.count == 1)
            let eventPage = try await visitor.get("/events/\(event.rawValue)")
            #expect(PublicHTML.placesLeft(eventPage.html) == "10")
            #expect(cache.count == 2)

            let coordinator = WebClient(client)
            _ = try await f.signedIn(coordinator, "cache-form@school50.example", of: f.schoolA, name: "Фёдорова Ольга Ивановна")
            try await coordinator.get("/events/\(event.rawValue)/register")
            let sent = try await coordinator.post(
                "/events/\(event.rawValue)/register",
                [("team_name", "Кэш"), ("responsible_name", "Фёдорова Ольга Ивановна"), ("responsible_email", "olga@school50.example")]
                    + people.sixA[0..<2].map { ("member", String($0.rawValue)) } + [("nomination_id", "")])
            #expect(sent.status == 303)

            #expect(placesLeft(try await visitor.get("/").html, event) == 9)
            #expect(PublicHTML.placesLeft(try await visitor.get("/events/\(event.rawValue)").html) == "9")
        }
    }

    @Test func aChangeThroughAnotherServerOrConnectionShowsOnceItsNotificationArrives() async throws {
        let event = try limitedEvent("Кэш: места с другого сервера", places: 10)
        let people = try f.schoolPeople()
        let here = PublicPageCache(maxAge: .seconds(3600))
        let there = PublicPageCache(maxAge: .seconds(3600))
        let listeners = [Task { try await here.listen(pool: f.pool) }, Task { try await there.listen(pool: f.pool) }]
        defer { for listener in listeners { listener.cancel() } }
        // Listening: each cache turns on (counted as an emptying). A bound on waiting, not a timing assertion.
        try await waitUntil { here.invalidations >= 1 && there.invalidations >= 1 }
        try await f.app(cache: here).test(.live) { client in
            let visitor = WebClient(client)
            try await f.app(cache: there).test(.live) { otherClient in
                // A coordinator signs in on the other server (a write: announced, and heard here before going on).
                let coordinator = WebClient(otherClient)
                _ = try await f.signedIn(coordinator, "cache-there@school50.example", of: f.schoolA, name: "Фёдорова Ольга Ивановна")
                try await waitUntil { here.invalidations >= 2 }
                try await coordinator.get("/events/\(event.rawValue)/register")

                #expect(placesLeft(try await visitor.get("/").html, event) == 10)
                #expect(here.count == 1)
                // The registration through the other server: it announces the new application (no trigger does).
                let before = here.invalidations
                let sent = try await coordinator.post(
                    "/events/\(event.rawValue)/register",
                    [("team_name", "Там"), ("responsible_name", "Фёдорова Ольга Ивановна"), ("responsible_email", "olga@school50.example")]
                        + people.sixA[2..<4].map { ("member", String($0.rawValue)) } + [("nomination_id", "")])
                #expect(sent.status == 303)
                try await waitUntil { here.invalidations > before }
                #expect(here.count == 0)
                #expect(placesLeft(try await visitor.get("/").html, event) == 9)
            }

            // A withdrawal straight through the service (another connection, no server): the database's trigger says so.
            let application = try await f.services.api.registration.applications(eventID: event, by: f.school(f.schoolA)).first
            let before = here.invalidations
            _ = try await f.services.api.registration.withdraw(try #require(application).id, reason: nil, by: f.school(f.schoolA))
            try await waitUntil { here.invalidations > before }
            #expect(placesLeft(try await visitor.get("/").html, event) == 10)
        }
    }

    @Test func withoutTheNotificationTheCachedPageIsWhatIsServed() async throws {
        // What the listener protects against: a cache nobody empties keeps showing the old count.
        let event = try limitedEvent("Кэш: без уведомления", places: 10)
        let cache = PublicPageCache(maxAge: .seconds(3600), alwaysOn: true)
        try await f.app(cache: cache).test(.live) { client in
            let visitor = WebClient(client)
            #expect(placesLeft(try await visitor.get("/").html, event) == 10)
            try await registerElsewhere(event, "б")
            #expect(placesLeft(try await visitor.get("/").html, event) == 10)
            cache.invalidate()
            #expect(placesLeft(try await visitor.get("/").html, event) == 9)
        }
    }

    @Test func aSignedInPersonsPageIsNeverTakenFromTheCacheOrPutInIt() async throws {
        let event = try limitedEvent("Кэш: страница с сессией", places: 10)
        let cache = PublicPageCache(maxAge: .seconds(3600), alwaysOn: true)
        try await f.app(cache: cache).test(.live) { client in
            let visitor = WebClient(client)
            let seen = try await visitor.get("/events/\(event.rawValue)")
            #expect(!seen.html.contains(#"id="register""#))
            #expect(cache.count == 1)

            let coordinator = WebClient(client)
            _ = try await f.signedIn(coordinator, "cache-session@school50.example", of: f.schoolA, name: "Фёдорова Ольга Ивановна")
            let own = try await coordinator.get("/events/\(event.rawValue)")
            #expect(own.html.contains(#"id="register""#))
            #expect(own.html.contains(#"action="/logout""#))
            #expect(own.headers[.cacheControl] == "no-store")
            // The POST of the login emptied the cache; the signed-in page did not go into it.
            #expect(cache.count == 0)

            // Each language is a page of its own.
            let english = try await WebClient(client).get("/events/\(event.rawValue)", headers: [.acceptLanguage: "en-GB,en;q=0.9"])
            #expect(english.html.contains(#"<html lang="en">"#))
            let russian = try await WebClient(client).get("/events/\(event.rawValue)")
            #expect(russian.html.contains(#"<html lang="ru">"#))
            #expect(cache.count == 2)
        }
    }

    /// Polls `condition` every 20 ms for up to 30 s (a bound on waiting, not a timing assertion).
    func waitUntil(_ condition: () -> Bool) async throws {
        for _ in 0..<1500 {
            if condition() { return }
            try await Task.sleep(for: .milliseconds(20))
        }
        Issue.record("the condition did not come true in 30 s")
    }
}

extension WebFixture {
    /// The app as `serve` runs it, with `cache` for visitors' public pages.
    func app(cache: PublicPageCache) -> some ApplicationProtocol {
        buildWebApplication(
            HTTPConfig(port: 0), dependencies: .live(pool: pool, time: time), web: WebRoutes(services: services, cache: cache),
            logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }))
    }
}
