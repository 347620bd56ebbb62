import Foundation
import Hummingbird
import HummingbirdTesting
import PQ
import SchoolNetDomain
import SchoolNetService
import SchoolNetStore
import Testing

/// The pages anyone reads without signing in, over HTTP against a real database: the catalogue and its filter, an
/// event's page, its results. (The calendar has its own suite.)
@Suite struct PublicPagesTests {
    let f: WebFixture
    let d: PublicData

    init() throws {
        f = try WebFixture.shared("web_public")
        d = try PublicData.of(f, label: "web_public")
    }

    @Test func theCatalogueListsTheCurrentAndComingSchoolYearsWithWhatATeacherNeeds() async throws {
        try await f.app.test(.live) { client in
            let page = try await WebClient(client).get("/")
            #expect(page.status == 200)
            let ids = PublicHTML.eventIDs(page.html)
            #expect(Set(ids) == Set([f.teamEvent, f.individualEvent, d.olympiad, d.teachers, d.coming].map(\.rawValue)))
            // Events still to come first, soonest first.
            #expect(ids.firstIndex(of: f.teamEvent.rawValue)! < ids.firstIndex(of: d.teachers.rawValue)!)
            #expect(ids.last == d.coming.rawValue)

            let team = try #require(PublicHTML.item(page.html, f.teamEvent))
            #expect(team.contains(#"<a href="/events/\#(f.teamEvent.rawValue)">Спортивная мозаика</a>"#))
            #expect(team.contains("Фестиваль · очно · Человек XXI века"))
            #expect(team.contains("20 ноября 2025 г."))
            #expect(team.contains("6 класс; команды из 2–7 участников"))
            #expect(team.contains("Гимназия №13"))
            #expect(team.contains("1 ноября 2025 г., 24:00 (Asia/Tomsk, UTC+7)"))
            #expect(team.contains(#"datetime="2025-11-01T17:00:00Z""#))
            #expect(team.contains("Приём заявок открыт"))
            #expect(!team.contains("places-left"), "an event without a limit shows no count of places")

            let olympiad = try #require(PublicHTML.item(page.html, d.olympiad))
            #expect(olympiad.contains("20–22 ноября 2025 г."))
            #expect(olympiad.contains("1 ноября 2025 г., 24:00 (Europe/Moscow, UTC+3)"))
            #expect(olympiad.contains(#"datetime="2025-11-01T21:00:00Z""#))
            #expect(olympiad.contains(#"<span class="places-left" data-places-left="30">30 из 30</span>"#))
            #expect(olympiad.contains("Физика, химия; биология \\ экология"))

            let coming = try #require(PublicHTML.item(page.html, d.coming))
            #expect(coming.contains("Приём заявок откроется 1 сентября 2026 г., 00:00 (Asia/Tomsk, UTC+7)"))
            #expect(page.html.contains(#"<p id="events-count" role="status">Найдено мероприятий: 5</p>"#))
        }
    }

    @Test func theFilterNarrowsByGradeAudienceAndModuleAndKeepsTheChoice() async throws {
        try await f.app.test(.live) { client in
            let browser = WebClient(client)
            let sixth = try await browser.get("/?module=&audience=&grade=6")
            #expect(Set(PublicHTML.eventIDs(sixth.html)) == Set([f.teamEvent.rawValue, f.individualEvent.rawValue]))
            #expect(sixth.html.contains(#"<option value="6" selected>6</option>"#))
            #expect(sixth.html.contains(#"<a href="/">Сбросить фильтр</a>"#))

            let tenth = try await browser.get("/?grade=10")
            #expect(Set(PublicHTML.eventIDs(tenth.html)) == Set([f.individualEvent.rawValue, d.olympiad.rawValue]))

            let teachers = try await browser.get("/?audience=teachers")
            #expect(PublicHTML.eventIDs(teachers.html) == [d.teachers.rawValue])
            #expect(teachers.html.contains(#"<option value="teachers" selected>Педагоги</option>"#))

            let growth = try await browser.get("/?module=\(d.growthModule.rawValue)&audience=pupils")
            #expect(Set(PublicHTML.eventIDs(growth.html)) == Set([d.olympiad.rawValue, d.coming.rawValue]))

            let nothing = try await browser.get("/?module=\(d.teachersModule.rawValue)&grade=3")
            #expect(PublicHTML.eventIDs(nothing.html).isEmpty)
            #expect(nothing.html.contains("Под выбранные условия мероприятий нет."))

            // A value the form cannot send filters nothing rather than failing.
            let odd = try await browser.get("/?grade=99&audience=parents&module=x")
            #expect(odd.status == 200 && PublicHTML.eventIDs(odd.html).count == 5)

            // The form itself: a GET form with labelled selects, usable without JavaScript.
            #expect(sixth.html.contains(#"<form id="catalogue-filter" class="filter" method="get" action="/""#))
            for name in ["module", "audience", "grade"] {
                #expect(sixth.html.contains(#"<label for="filter-\#(name)">"#) && sixth.html.contains(#"<select id="filter-\#(name)" name="\#(name)">"#))
            }
        }
    }

    @Test func anEventPageSaysTheRulesInPlainRussian() async throws {
        try await f.app.test(.live) { client in
            let page = try await WebClient(client).get("/events/\(f.teamEvent.rawValue)")
            #expect(page.status == 200)
            #expect(page.html.contains("<h1>Спортивная мозаика</h1>"))
            #expect(page.html.contains("Участвуют ученики 6 класса."))
            #expect(page.html.contains("Участие командное: в команде от 2 до 7 участников."))
            #expect(page.html.contains("От одной школы — не больше 2 команд."))
            #expect(page.html.contains("Количество мест не ограничено."))
            #expect(page.html.contains("согласие родителей на обработку персональных данных"))
            #expect(page.html.contains("Заявки принимаются с 1 октября 2025 г., 00:00 до 1 ноября 2025 г., 24:00 (Asia/Tomsk, UTC+7)."))
            #expect(page.html.contains("Мероприятие проходит в один этап."))
            #expect(page.html.contains("<li>Эстафета</li>"))
            // A visitor is told who applies, and is not offered the form.
            #expect(!page.html.contains(#"id="register""#))
            #expect(page.html.contains(#"<a href="/login?next=/events/\#(f.teamEvent.rawValue)">Войти</a>"#))

            let olympiad = try await WebClient(client).get("/events/\(d.olympiad.rawValue)")
            #expect(olympiad.html.contains("Участвуют ученики 9–11 классов."))
            #expect(olympiad.html.contains("Участие индивидуальное: в заявке один участник."))
            #expect(olympiad.html.contains("От одной школы — не больше 5 заявок."))
            #expect(olympiad.html.contains("Всего мест: 30, свободно сейчас: 30."))
            #expect(olympiad.html.contains("1 ноября 2025 г., 24:00 (Europe/Moscow, UTC+3)"))
            #expect(olympiad.html.contains("<li><strong>Отборочный тур</strong> — 20 ноября 2025 г.</li>"))
            #expect(olympiad.html.contains("<li><strong>Заключительный тур</strong> — 22 ноября 2025 г. (мест: 10)</li>"))
            #expect(olympiad.html.contains("<li>Физика</li>") && olympiad.html.contains("<li>Химия</li>"))
            #expect(olympiad.html.contains(#"data-places-left="30""#))

            let teachers = try await WebClient(client).get("/events/\(d.teachers.rawValue)")
            #expect(teachers.html.contains("Участвуют педагоги."))
            #expect(teachers.html.contains("Обязательно в команде: наставник — 1, молодой учитель — 1."))
            #expect(teachers.html.contains("СОШ №60"))
            #expect(!teachers.html.contains("согласие родителей"), "teachers are adults")
        }
    }

    @Test func aCoordinatorGetsTheRegistrationLinkOnlyWhileRegistrationIsOpen() async throws {
        try await f.account("anna@school50.example", .coordinator, of: f.schoolA, name: "Анна Сергеевна")
        try await f.account("ivan@gym13.example", .organiser, of: f.organiser, name: "Иван Петрович")
        try await f.app.test(.live) { client in
            let coordinator = try await PublicHTML.signIn(WebClient(client), "anna@school50.example")
            let open = try await coordinator.get("/events/\(f.teamEvent.rawValue)")
            #expect(open.html.contains(#"<a id="register" class="button primary" href="/events/\#(f.teamEvent.rawValue)/register">Подать заявку</a>"#))
            #expect(!open.html.contains("/login?next="))
            let notYet = try await coordinator.get("/events/\(d.coming.rawValue)")
            #expect(notYet.status == 200 && !notYet.html.contains(#"id="register""#))

            let organiser = try await PublicHTML.signIn(WebClient(client), "ivan@gym13.example")
            let seen = try await organiser.get("/events/\(f.teamEvent.rawValue)")
            #expect(seen.status == 200 && !seen.html.contains(#"id="register""#))
        }
    }

    @Test func pagesSpeakEnglishToABrowserThatAsksForIt() async throws {
        try await f.app.test(.live) { client in
            let english: HTTPFields = [.acceptLanguage: "en-GB,en;q=0.9"]
            let catalogue = try await WebClient(client).get("/", headers: english)
            #expect(catalogue.html.contains(#"<html lang="en">"#))
            let team = try #require(PublicHTML.item(catalogue.html, f.teamEvent))
            #expect(team.contains("Festival · in person · Человек XXI века"))
            #expect(team.contains("20 November 2025"))
            #expect(team.contains("Grade 6; teams of 2–7"))
            #expect(team.contains("1 November 2025, 24:00 (Asia/Tomsk, UTC+7)"))
            #expect(team.contains("Registration is open"))
            #expect(catalogue.html.contains(#"<option value="teachers">Teachers</option>"#))

            let page = try await WebClient(client).get("/events/\(f.teamEvent.rawValue)", headers: english)
            #expect(page.html.contains("Open to pupils of grade 6."))
            #expect(page.html.contains("Team entry: 2 to 7 members per team."))
            #expect(page.html.contains("At most 2 teams from one school."))
            #expect(page.html.contains("Applications are taken from 1 October 2025, 00:00 until 1 November 2025, 24:00 (Asia/Tomsk, UTC+7)."))
            #expect(!page.html.contains("Участвуют"))

            let olympiad = try await WebClient(client).get("/events/\(d.olympiad.rawValue)", headers: english)
            #expect(olympiad.html.contains("Places: 30 in all, 30 free now."))
            #expect(olympiad.html.contains("1 November 2025, 24:00 (Europe/Moscow, UTC+3)"))
        }
    }

    @Test func unknownEventsAreNotFoundPages() async throws {
        try await f.app.test(.live) { client in
            let browser = WebClient(client)
            for path in ["/events/987654", "/events/0", "/events/abc", "/events/987654/results", "/events/-3/results"] {
                let page = try await browser.get(path)
                #expect(page.status == 404, "\(path)")
                #expect(page.headers[.contentType]?.hasPrefix("text/html") == true, "\(path)")
                #expect(page.html.contains(#"data-status="404""#), "\(path)")
            }
        }
    }

    @Test func thePagesAreAccessibleByStructure() async throws {
        try await f.app.test(.live) { client in
            for path in ["/", "/events/\(d.olympiad.rawValue)"] {
                let html = try await WebClient(client).get(path).html
                // Headings never skip a level.
                var level = 0
                for heading in PublicHTML.headingLevels(html) {
                    #expect(heading <= level + 1, "\(path): h\(heading) after h\(level)")
                    level = heading
                }
                #expect(PublicHTML.headingLevels(html).first == 1, "\(path)")
                // Registration state is said in words, not only by colour.
                #expect(html.contains("Приём заявок открыт"))
            }
        }
    }
}

/// Places left come from the count the database keeps: a registration made through the service shows at once.
@Suite struct PublicPlacesTests {
    @Test func placesLeftDropAfterARegistration() async throws {
        let f = try WebFixture.shared("web_public_places")
        let conn = try PQConnection(f.config)
        var rules = EventRules(
            eligibility: Eligibility(grades: 5...11, ageReferenceDate: LocalDate("2025-11-25")!),
            window: RegistrationWindow(opensAt: ISO8601DateFormatter().date(from: "2025-10-01T00:00:00+07:00")!, closesOn: LocalDate("2025-11-10")!),
            capacity: 3)
        rules.perOrganisationLimit = 2
        let event = try EventRepository().create(
            NewEvent(
                title: "Турнир юных математиков", moduleID: f.module, organiserID: f.organiser, kind: .contest, format: .inPerson,
                startsOn: LocalDate("2025-11-25")!, endsOn: LocalDate("2025-11-25")!, rules: rules), on: conn
        ).id
        try await f.app.test(.live) { client in
            let browser = WebClient(client)
            func left() async throws -> (catalogue: String?, page: String?) {
                let catalogue = try await browser.get("/")
                let page = try await browser.get("/events/\(event.rawValue)")
                return (
                    PublicHTML.placesLeft(try #require(PublicHTML.item(catalogue.html, event))), PublicHTML.placesLeft(page.html)
                )
            }
            #expect(try await left() == ("3", "3"))
            try await f.registerPupil("Иванова", "Мария", grade: 7, born: "2012-09-14", for: event, from: f.schoolA)
            #expect(try await left() == ("2", "2"))
            try await f.registerPupil("Петров", "Илья", grade: 8, born: "2011-03-02", for: event, from: f.schoolB)
            let withdrawn = try await f.registerPupil("Сидоров", "Олег", grade: 9, born: "2010-01-20", for: event, from: f.schoolB)
            #expect(try await left() == ("0", "0"))
            let full = try await browser.get("/events/\(event.rawValue)")
            #expect(full.html.contains("мест нет (занято 3 из 3)"))
            _ = try await f.services.api.registration.withdraw(withdrawn.id, by: f.school(f.schoolB))
            #expect(try await left() == ("1", "1"))
        }
    }
}

/// Published results only, and only the names publication consent allows: the API's own service call.
@Suite struct PublicResultsPagesTests {
    @Test func resultsAppearOnlyOncePublishedAndWithoutUnconsentedNames() async throws {
        let f = try WebFixture.shared("web_public_results")
        let event = f.individualEvent
        let maria = try await f.registerPupil("Иванова", "Мария", grade: 7, born: "2012-09-14", for: event, from: f.schoolA)
        let ilya = try await f.registerPupil("Петров", "Илья", grade: 8, born: "2011-03-02", for: event, from: f.schoolB)
        // Илья's parents withdraw the consent: his name must not be published, his school's result still is.
        let conn = try PQConnection(f.config)
        #expect(try PersonRepository().withdrawConsent(ilya.members[0].personID, at: f.time.now(), on: conn))

        try await f.app.test(.live) { client in
            let browser = WebClient(client)
            let pending = try await browser.get("/events/\(event.rawValue)/results")
            #expect(pending.status == 404)
            #expect(pending.html.contains("Результаты ещё не опубликованы"))
            #expect(!pending.html.contains("Иванова"))
            let before = try await browser.get("/events/\(event.rawValue)")
            #expect(!before.html.contains(#"id="results""#))

            let organiser = f.organiserCaller
            for application in [maria, ilya] {
                _ = try await f.services.api.registration.review(application.id, decision: .accept, by: organiser)
            }
            _ = try await f.services.api.eventAdmin.recordResults(
                [
                    ResultInput(applicationID: maria.id, award: .winner),
                    ResultInput(applicationID: ilya.id, award: .diplomaSecondDegree)
                ], event: event, by: organiser)
            let draft = try await browser.get("/events/\(event.rawValue)/results")
            #expect(draft.status == 404 && !draft.html.contains("Иванова"), "a draft is not public")

            _ = try await f.services.api.eventAdmin.publishResults(event: event, by: organiser)
            let page = try await browser.get("/events/\(event.rawValue)/results")
            #expect(page.status == 200)
            #expect(page.html.contains("<h1>Результаты: Дни юности мятежной</h1>"))
            #expect(page.html.contains(#"<th scope="col">Награда</th>"#))
            #expect(page.html.contains("<td>Победитель</td>") && page.html.contains(#"<span class="names">Иванова Мария</span>"#))
            #expect(page.html.contains("<td>Диплом II степени</td>") && page.html.contains("СОШ №60"))
            #expect(page.html.contains("имена не публикуются"))
            #expect(!page.html.contains("Петров") && !page.html.contains("Илья"))
            #expect(!page.html.contains("2012") && !page.html.contains("olga@school.example"), "no birth dates, no contacts")
            #expect(page.html.contains("Опубликованы: <time datetime=\"2025-10-10T05:00:00Z\">10 октября 2025 г., 12:00 (Asia/Tomsk, UTC+7)</time>"))

            let eventPage = try await browser.get("/events/\(event.rawValue)")
            #expect(eventPage.html.contains(#"<a id="results" href="/events/\#(event.rawValue)/results">Результаты</a>"#))

            let english = try await browser.get("/events/\(event.rawValue)/results", headers: [.acceptLanguage: "en"])
            #expect(english.html.contains("<td>Winner</td>") && english.html.contains("names not published"))
        }
    }
}

/// Small readers of the rendered HTML, as a browser test would query it.
enum PublicHTML {
    /// The `data-event-id`s of `#events`, in order.
    static func eventIDs(_ html: String) -> [Int64] {
        guard let list = section(html, from: #"<ul id="events""#, to: "</ul>") else { return [] }
        return list.components(separatedBy: #"<li class="event card" data-event-id=""#).dropFirst().compactMap {
            Int64($0.prefix(while: \.isNumber))
        }
    }

    /// One event's `<li>` in the catalogue.
    static func item(_ html: String, _ event: EventID) -> String? {
        section(html, from: #"<li class="event card" data-event-id="\#(event.rawValue)">"#, to: "</li>")
    }

    /// The `data-places-left` of the first `span.places-left`.
    static func placesLeft(_ html: String) -> String? {
        section(html, from: #"<span class="places-left" data-places-left=""#, to: "\"").map {
            String($0.dropFirst(#"<span class="places-left" data-places-left=""#.count).dropLast())
        }
    }

    /// From the first `start` to the next `end`, both included.
    static func section(_ html: String, from start: String, to end: String) -> String? {
        guard let a = html.range(of: start), let b = html.range(of: end, range: a.upperBound..<html.endIndex) else { return nil }
        return String(html[a.lowerBound..<b.upperBound])
    }

    /// The levels of the headings, in document order.
    static func headingLevels(_ html: String) -> [Int] {
        html.components(separatedBy: "<h").dropFirst().compactMap { $0.first?.wholeNumberValue }
    }

    static func signIn(_ browser: WebClient, _ email: String) async throws -> WebClient {
        try await browser.get("/login")
        let done = try await browser.post("/login", [("email", email), ("password", WebFixture.password), ("next", "/")])
        #expect(done.status == 303)
        return browser
    }
}
