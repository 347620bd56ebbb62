import Foundation
import Hummingbird
import HummingbirdTesting
import SchoolNetDomain
import Testing

/// The coordinator's registration form over HTTP against a real database: the school's lists, refusals at their
/// fields, the confirmation, idempotency (a double submit, two at once), and the signature of the account.
@Suite struct RegistrationPagesTests {
    let f: WebFixture
    let people: SchoolPeople

    init() throws {
        f = try WebFixture.shared("web_registration")
        people = try f.schoolPeople()
    }

    /// The fields of a team's form: a name, the responsible teacher, the members ticked.
    func fields(team: String, members: [PersonID], extra: [(String, String)] = []) -> [(String, String)] {
        [("team_name", team), ("responsible_name", "Фёдорова Ольга Ивановна"), ("responsible_email", "olga@school50.example")]
            + members.map { ("member", String($0.rawValue)) } + extra
    }

    @Test func theFormListsTheSchoolsOwnPeopleAndNamesTheAccountAsResponsible() async throws {
        let event = try f.newTeamEvent("Форма: списки школы")
        try await f.app.test(.live) { client in
            let browser = WebClient(client)
            _ = try await f.signedIn(browser, "form-lists@school50.example", of: f.schoolA, name: "Фёдорова Ольга Ивановна")
            let page = try await browser.get("/events/\(event.rawValue)/register")
            #expect(page.status == 200)
            #expect(page.html.contains(#"<form method="post" action="/events/\#(event.rawValue)/register" id="registration-form""#))
            #expect(page.value(of: "responsible_name") == "Фёдорова Ольга Ивановна")
            #expect(page.value(of: "responsible_email") == "form-lists@school50.example")
            #expect(try #require(browser.hidden("idempotency_key")).count > 20)
            for id in people.sixA + people.sixB + [people.fifthGrader, people.teacher] {
                #expect(page.html.contains(#"id="member-\#(id.rawValue)""#))
            }
            #expect(page.html.contains(#"<label for="member-\#(people.sixA[0].rawValue)">Алексеев Артём Игоревич"#))
            #expect(!page.html.contains(#"id="member-\#(people.schoolBPupil.rawValue)""#), "another school's pupil is not offered")
            #expect(!page.html.contains("Тихонов"))
            #expect(!page.html.contains("2013-03-02"), "birth dates never reach a page")
            #expect(page.html.contains(#"id="people-filter""#) && page.html.contains(##"data-filter="#people""##))
            #expect(page.html.contains(#"<select id="people-class" name="class""#) && page.html.contains(#"<option value="6Б">6Б класс</option>"#))
            #expect(page.html.contains(#"name="nomination_id""#) && page.html.contains("Эстафета"))
            #expect(page.html.contains(#"name="new_birth_date" type="date""#) && page.html.contains(#"name="new_consent""#))
            // A consent on record is noted at the pupil; one statement covers the ticked pupils without one.
            #expect(try #require(page.row(of: #"name="member" value="\#(people.sixA[0].rawValue)""#)).contains("согласие родителей записано"))
            #expect(try #require(page.row(of: #"name="member" value="\#(people.noConsent.rawValue)""#)).contains("согласие родителей записано") == false)
            #expect(page.html.contains(#"<input id="consent_picked" name="consent_picked" type="checkbox""#))

            // The class filter and the search work on the server too (no JavaScript needed).
            let sixB = try await browser.get("/events/\(event.rawValue)/register?class=6%D0%91")
            #expect(sixB.html.contains(#"id="member-\#(people.sixB[0].rawValue)""#))
            #expect(!sixB.html.contains(#"id="member-\#(people.sixA[0].rawValue)""#))
            #expect(sixB.html.contains(#"<option value="6Б" selected>"#))
            let search = try await browser.get("/events/\(event.rawValue)/register?q=%D0%B5%D0%BB%D0%BA%D0%B8%D0%BD%D0%B0")  // «елкина»
            #expect(search.html.contains("Ёлкина Жанна") && !search.html.contains("Алексеев Артём"))
        }
    }

    @Test func aTeamIsRegisteredAndTheConfirmationShowsItSignedWithTheAccount() async throws {
        let event = try f.newTeamEvent("Подача: подтверждение")
        try await f.app.test(.live) { client in
            let browser = WebClient(client)
            let account = try await f.signedIn(browser, "confirm@school50.example", of: f.schoolA, name: "Фёдорова Ольга Ивановна")
            try await browser.get("/events/\(event.rawValue)/register")
            let sent = try await browser.post(
                "/events/\(event.rawValue)/register", fields(team: "Быстрые", members: Array(people.sixA[0..<3]), extra: [("nomination_id", "")]))
            #expect(sent.status == 303)
            let location = try #require(sent.location)
            #expect(location.hasPrefix("/applications/"))
            let id = try #require(Int64(location.dropFirst("/applications/".count)))
            let page = try await browser.follow(sent)
            #expect(page.status == 200)
            #expect(page.html.contains("<h1>Быстрые</h1>"))
            #expect(page.html.contains(#"data-status="submitted">Подана</strong>"#))
            #expect(page.html.contains("Алексеев Артём Игоревич") && page.html.contains("Воронин Глеб Андреевич"))
            #expect(page.html.contains(#"id="withdraw-form""#) && page.html.contains(#"id="withdraw""#))
            #expect(page.html.contains(#"<a id="edit" class="button" href="/applications/\#(id)/edit">"#))

            // Signed with the person: the application and every audit row it wrote carry the account.
            #expect(try f.count("SELECT submitted_by_account_id FROM application WHERE id = $1", [id]) == account)
            #expect(try f.count("SELECT count(*) FROM application WHERE id = $1 AND submitted_by_token_id IS NULL", [id]) == 1)
            #expect(try f.count("SELECT count(*) FROM audit_log WHERE entity = 'application' AND entity_id = $1 AND account_id = $2", [id, account]) == 1)
            #expect(try f.count("SELECT count(*) FROM audit_log WHERE entity = 'application_member' AND account_id = $1", [account]) >= 3)
        }
    }

    @Test func anEighthMemberIsRefusedAtTheMembersAndTheFormKeepsEverything() async throws {
        let event = try f.newTeamEvent("Отказ: восьмой участник")
        try await f.app.test(.live) { client in
            let browser = WebClient(client)
            _ = try await f.signedIn(browser, "eighth@school50.example", of: f.schoolA, name: "Фёдорова Ольга Ивановна")
            try await browser.get("/events/\(event.rawValue)/register")
            let key = try #require(browser.hidden("idempotency_key"))
            let refused = try await browser.post(
                "/events/\(event.rawValue)/register",
                fields(team: "Восьмёрка", members: people.sixA, extra: [("responsible_phone", "+7 (3822) 55-11-22"), ("idempotency_key", key)]))
            #expect(refused.status == 422)
            #expect(refused.html.contains(#"<div class="alert" role="alert" id="form-errors""#))
            #expect(refused.html.contains(#"<p class="error" id="members-error">Команда «Восьмёрка»: 8 участников, а можно не больше 7</p>"#))
            #expect(refused.html.contains(#"aria-describedby="members-hint members-error""#))
            // What was entered is still there, and the same form (the same key) goes on.
            #expect(refused.value(of: "team_name") == "Восьмёрка" && refused.value(of: "responsible_phone") == "+7 (3822) 55-11-22")
            #expect(people.sixA.allSatisfy { refused.isChecked("member-\($0.rawValue)") })
            #expect(browser.hidden("idempotency_key") == key)
            #expect(try f.applications(of: event) == 0)

            let fixed = try await browser.post(
                "/events/\(event.rawValue)/register", fields(team: "Восьмёрка", members: Array(people.sixA.prefix(7)), extra: [("idempotency_key", key)]))
            #expect(fixed.status == 303)
            #expect(try f.applications(of: event) == 1)
        }
    }

    @Test func aFifthGraderIsRefusedAtThatMembersRow() async throws {
        let event = try f.newTeamEvent("Отказ: пятиклассник")
        try await f.app.test(.live) { client in
            let browser = WebClient(client)
            _ = try await f.signedIn(browser, "fifth@school50.example", of: f.schoolA, name: "Фёдорова Ольга Ивановна")
            try await browser.get("/events/\(event.rawValue)/register")
            let refused = try await browser.post(
                "/events/\(event.rawValue)/register", fields(team: "Смешанные", members: [people.sixA[0], people.sixA[1], people.fifthGrader]))
            #expect(refused.status == 422)
            let row = try #require(refused.row(of: #"<input type="checkbox" name="member" value="\#(people.fifthGrader.rawValue)""#))
            #expect(row.contains(#"aria-describedby="members-2-grade-error""#) && row.contains(#"aria-invalid="true""#))
            #expect(row.contains(#"<p class="error" id="members-2-grade-error">Петров Роман"#))
            #expect(refused.html.contains(##"<a href="#member-\##(people.fifthGrader.rawValue)">Петров Роман"##), "the summary links to the row")
            let fine = try #require(refused.row(of: #"name="member" value="\#(people.sixA[0].rawValue)""#))
            #expect(!fine.contains("class=\"error\""))

            // A pupil without consent on record: refused at the consent until the school states it holds one.
            let noConsent = try await browser.post(
                "/events/\(event.rawValue)/register", fields(team: "Смешанные", members: [people.sixA[0], people.noConsent]))
            #expect(noConsent.status == 422 && noConsent.html.contains(#"id="members-1-consent-error""#))
            #expect(noConsent.html.contains(##"<a href="#consent_picked">Орлова Полина"##), "the summary leads to the statement that fixes it")
            #expect(noConsent.html.contains(#"name="consent_picked" type="checkbox" value="1" aria-describedby="consent_picked-hint" aria-invalid="true""#))
            let stated = try await browser.post(
                "/events/\(event.rawValue)/register",
                fields(team: "Смешанные", members: [people.sixA[0], people.noConsent], extra: [("consent_picked", "1")]))
            #expect(stated.status == 303)
        }
    }

    @Test func aNewMemberIsAddedOrRefusedAtTheirOwnFields() async throws {
        let event = try f.newTeamEvent("Новый участник")
        try await f.app.test(.live) { client in
            let browser = WebClient(client)
            _ = try await f.signedIn(browser, "newmember@school50.example", of: f.schoolA, name: "Фёдорова Ольга Ивановна")
            try await browser.get("/events/\(event.rawValue)/register")
            let team = fields(team: "С новеньким", members: [people.sixA[0]])
            let missing = try await browser.post(
                "/events/\(event.rawValue)/register", team + [("new_last_name", "Яковлев"), ("new_birth_date", "2013-12-12"), ("new_grade", "6")])
            #expect(missing.status == 422)
            #expect(missing.html.contains(#"<p class="error" id="members-1-firstName-error">Не указано имя (строка 2)</p>"#))
            #expect(missing.html.contains(#"aria-invalid="true" aria-describedby="members-1-firstName-error""#))
            #expect(missing.value(of: "new_last_name") == "Яковлев" && missing.value(of: "new_birth_date") == "2013-12-12")
            #expect(missing.html.contains(#"<option value="6" selected>6</option>"#))

            let badDate = try await browser.post(
                "/events/\(event.rawValue)/register",
                team + [("new_last_name", "Яковлев"), ("new_first_name", "Ян"), ("new_birth_date", "2013-13-45"), ("new_grade", "6")])
            #expect(badDate.status == 422 && badDate.html.contains(#"id="members-1-birthDate-error""#))

            let added = try await browser.post(
                "/events/\(event.rawValue)/register",
                team + [
                    ("new_last_name", "Яковлев"), ("new_first_name", "Ян"), ("new_birth_date", "2013-12-12"), ("new_grade", "6"), ("new_consent", "1")
                ])
            #expect(added.status == 303)
            let page = try await browser.follow(added)
            #expect(page.html.contains("Яковлев Ян") && page.html.contains("6 класс"))
            // The new pupil is now on the school's list for the year, with the grade and the consent stated.
            let form = try await browser.get("/events/\(event.rawValue)/register")
            #expect(form.html.contains("Яковлев Ян"))
        }
    }

    @Test func anIndividualEntryHasNoTeamNameAndIsCalledByItsPupil() async throws {
        try await f.app.test(.live) { client in
            let browser = WebClient(client)
            _ = try await f.signedIn(browser, "individual@school50.example", of: f.schoolA, name: "Фёдорова Ольга Ивановна")
            let form = try await browser.get("/events/\(f.individualEvent.rawValue)/register")
            #expect(form.status == 200 && !form.html.contains(#"name="team_name""#) && form.html.contains("Индивидуальное участие"))
            let two = try await browser.post("/events/\(f.individualEvent.rawValue)/register", fields(team: "", members: [people.fifthGrader, people.sixA[0]]))
            #expect(two.status == 422 && two.html.contains(#"id="members-error""#))
            let one = try await browser.post("/events/\(f.individualEvent.rawValue)/register", fields(team: "", members: [people.fifthGrader]))
            #expect(one.status == 303)
            #expect(try await browser.follow(one).html.contains("<h1>Петров Роман</h1>"))
        }
    }

    @Test func rolesAreAskedWhenTheTeamRulesNameThem() async throws {
        let event = try f.newTeamEvent("Команда с капитаном") { $0.team.requiredRoles = [.captain: 1] }
        try await f.app.test(.live) { client in
            let browser = WebClient(client)
            _ = try await f.signedIn(browser, "captain@school50.example", of: f.schoolA, name: "Фёдорова Ольга Ивановна")
            let form = try await browser.get("/events/\(event.rawValue)/register")
            #expect(form.html.contains(#"<select id="role-\#(people.sixA[0].rawValue)" name="role-\#(people.sixA[0].rawValue)">"#))
            #expect(form.html.contains(#"<option value="captain">капитан</option>"#) && form.html.contains(#"name="new_role""#))
            let members = Array(people.sixA[0..<2])
            let noCaptain = try await browser.post("/events/\(event.rawValue)/register", fields(team: "Капитанская", members: members))
            #expect(noCaptain.status == 422 && noCaptain.html.contains("нужно 1 в роли «капитан»"))
            let captain = try await browser.post(
                "/events/\(event.rawValue)/register",
                fields(team: "Капитанская", members: members, extra: [("role-\(members[1].rawValue)", "captain")]))
            #expect(captain.status == 303)
            #expect(try await browser.follow(captain).html.contains("Белова Вера Сергеевна <span class=\"muted\">· 6 класс, капитан</span>"))
        }
    }

    @Test func submittingTheSameFormTwiceMakesOneApplication() async throws {
        let event = try f.newTeamEvent("Двойная отправка")
        try await f.app.test(.live) { client in
            let browser = WebClient(client)
            _ = try await f.signedIn(browser, "twice@school50.example", of: f.schoolA, name: "Фёдорова Ольга Ивановна")
            try await browser.get("/events/\(event.rawValue)/register")
            let key = try #require(browser.hidden("idempotency_key"))
            let form = fields(team: "Дважды", members: Array(people.sixA[0..<2]), extra: [("idempotency_key", key)])
            let first = try await browser.post("/events/\(event.rawValue)/register", form)
            let second = try await browser.post("/events/\(event.rawValue)/register", form)
            #expect(first.status == 303 && second.status == 303)
            #expect(first.location == second.location)
            #expect(try f.applications(of: event) == 1)
            // A new rendering of the form is a new application (and here refused: the pupils are already entered).
            try await browser.get("/events/\(event.rawValue)/register")
            #expect(browser.hidden("idempotency_key") != key)
        }
    }

    @Test func twoConcurrentSubmissionsOfOneRenderedFormMakeOneApplication() async throws {
        let event = try f.newTeamEvent("Одновременная отправка")
        try await f.app.test(.live) { client in
            let browser = WebClient(client)
            _ = try await f.signedIn(browser, "race@school50.example", of: f.schoolA, name: "Фёдорова Ольга Ивановна")
            try await browser.get("/events/\(event.rawValue)/register")
            let key = try #require(browser.hidden("idempotency_key"))
            let token = try #require(WebClient.formToken(in: browser.lastPage))
            let form = fields(team: "Наперегонки", members: Array(people.sixA[2..<5]), extra: [("idempotency_key", key), ("_csrf", token)])
            let body = form.map { "\(WebClient.encode($0.0))=\(WebClient.encode($0.1))" }.joined(separator: "&")
            let cookie = browser.cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; ")
            // Two tabs of one browser sending the same rendered form at once, each on a connection of its own (the
            // test client's one connection would serialise them).
            let port = try #require(client.port)
            @Sendable func send() async throws -> TestClient.Response {
                try await TestClient.withClient(host: "localhost", port: port) { tab in
                    try await tab.execute(
                        TestClient.Request(
                            "/events/\(event.rawValue)/register", method: .post, authority: "localhost",
                            headers: [.cookie: cookie, .contentType: "application/x-www-form-urlencoded"], body: ByteBuffer(string: body)))
                }
            }
            async let one = send()
            async let two = send()
            let answers = try await [one, two]
            #expect(answers.map(\.head.status.code) == [303, 303])
            #expect(answers[0].head.headerFields[.location] == answers[1].head.headerFields[.location])
            #expect(try f.applications(of: event) == 1)
        }
    }

    @Test func aCoordinatorOfSchoolACannotRegisterForSchoolBEvenByForgingTheForm() async throws {
        let event = try f.newTeamEvent("Подделка формы")
        try await f.app.test(.live) { client in
            let browser = WebClient(client)
            _ = try await f.signedIn(browser, "forger@school50.example", of: f.schoolA, name: "Фёдорова Ольга Ивановна")
            try await browser.get("/events/\(event.rawValue)/register")
            // Another school's pupil by id: refused as not on the school's lists, naming no one.
            let foreign = try await browser.post(
                "/events/\(event.rawValue)/register",
                fields(team: "Чужие", members: [people.sixA[0], people.schoolBPupil], extra: [("organisation_id", String(f.schoolB.rawValue))]))
            #expect(foreign.status == 422)
            #expect(foreign.html.contains("Человек №\(people.schoolBPupil.rawValue) не найден в списках школы"))
            #expect(!foreign.html.contains("Тихонов"))
            #expect(try f.applications(of: event) == 0)
            // The school is the session's, whatever the form says.
            let forged = try await browser.post(
                "/events/\(event.rawValue)/register",
                fields(team: "Свои", members: Array(people.sixA[0..<2]), extra: [("organisation_id", String(f.schoolB.rawValue))]))
            #expect(forged.status == 303)
            #expect(try f.count("SELECT count(*) FROM application WHERE event_id = $1 AND organisation_id = $2", [event, f.schoolB]) == 0)
            #expect(try f.count("SELECT count(*) FROM application WHERE event_id = $1 AND organisation_id = $2", [event, f.schoolA]) == 1)
        }
    }

    @Test func anotherSchoolsApplicationIsNotFoundToViewEditOrWithdraw() async throws {
        let event = try f.newTeamEvent("Чужая заявка")
        try await f.app.test(.live) { client in
            let owner = WebClient(client)
            _ = try await f.signedIn(owner, "owner@school50.example", of: f.schoolA, name: "Фёдорова Ольга Ивановна")
            try await owner.get("/events/\(event.rawValue)/register")
            let sent = try await owner.post("/events/\(event.rawValue)/register", fields(team: "Наша", members: Array(people.sixA[0..<2])))
            let path = try #require(sent.location)

            let other = WebClient(client)
            _ = try await f.signedIn(other, "stranger@school60.example", of: f.schoolB, name: "Петров Пётр")
            let view = try await other.get(path)
            #expect(view.status == 404 && !view.html.contains("Наша"))
            #expect(try await other.get(path + "/edit").status == 404)
            try await other.get("/school")
            let edit = try await other.post(path + "/edit", fields(team: "Захват", members: []))
            #expect(edit.status == 404)
            try await other.get("/school")
            let withdraw = try await other.post(path + "/withdraw", [])
            #expect(withdraw.status == 404)
            #expect(try f.count("SELECT count(*) FROM application WHERE event_id = $1 AND team_name = 'Наша' AND status = 'submitted'", [event]) == 1)
            // A number that is not an application at all reads the same.
            #expect(try await other.get("/applications/999999").status == 404)
        }
    }

    @Test func theApplicationIsEditedWithTheSameChecksAndWithdrawnOnce() async throws {
        let event = try f.newTeamEvent("Изменение и отзыв")
        try await f.app.test(.live) { client in
            let browser = WebClient(client)
            _ = try await f.signedIn(browser, "editor@school50.example", of: f.schoolA, name: "Фёдорова Ольга Ивановна")
            try await browser.get("/events/\(event.rawValue)/register")
            let sent = try await browser.post("/events/\(event.rawValue)/register", fields(team: "Первые", members: Array(people.sixA[0..<3])))
            let path = try #require(sent.location)

            let form = try await browser.get(path + "/edit")
            #expect(form.status == 200)
            #expect(form.html.contains(#"action="\#(path)/edit" id="registration-form""#))
            #expect(form.value(of: "team_name") == "Первые")
            #expect(people.sixA[0..<3].allSatisfy { form.isChecked("member-\($0.rawValue)") })
            #expect(!form.isChecked("member-\(people.sixA[3].rawValue)"))

            let tooMany = try await browser.post(path + "/edit", fields(team: "Первые", members: people.sixA))
            #expect(tooMany.status == 422 && tooMany.html.contains(#"id="members-error""#))
            let changed = try await browser.post(path + "/edit", fields(team: "Вторые", members: [people.sixA[0], people.sixB[0]]))
            #expect(changed.status == 303 && changed.location == path)
            let page = try await browser.follow(changed)
            #expect(page.html.contains("<h1>Вторые</h1>") && page.html.contains("Морозов Никита") && !page.html.contains("Воронин Глеб"))

            let withdrawn = try await browser.post(path + "/withdraw", [("reason", "Заболели")])
            #expect(withdrawn.status == 303 && withdrawn.location == path)
            let after = try await browser.follow(withdrawn)
            #expect(after.html.contains(#"data-status="withdrawn">Отозвана</strong>"#))
            #expect(!after.html.contains(#"id="withdraw-form""#) && !after.html.contains(#"id="edit""#))
            // A second click on the same button (a form still open in another tab): the same page, nothing else.
            let again = try await browser.post(path + "/withdraw", [], csrf: WebClient.formToken(in: form.html))
            #expect(again.status == 303 && again.location == path)
        }
    }

    @Test func everyPostWithoutTheFormTokenIsRefusedAndChangesNothing() async throws {
        let event = try f.newTeamEvent("Токен формы")
        try await f.app.test(.live) { client in
            let browser = WebClient(client)
            _ = try await f.signedIn(browser, "csrf@school50.example", of: f.schoolA, name: "Фёдорова Ольга Ивановна")
            try await browser.get("/events/\(event.rawValue)/register")
            let form = fields(team: "Без токена", members: Array(people.sixA[0..<2]))
            let forged = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"
            let register = try await browser.post("/events/\(event.rawValue)/register", form, csrf: forged)
            #expect(register.status == 403 && register.html.contains("Форма устарела"))
            #expect(try f.applications(of: event) == 0)

            try await browser.get("/events/\(event.rawValue)/register")
            let path = try #require(try await browser.post("/events/\(event.rawValue)/register", form).location)
            #expect(try await browser.post(path + "/edit", fields(team: "Подмена", members: Array(people.sixA[0..<2])), csrf: forged).status == 403)
            #expect(try await browser.post(path + "/withdraw", [], csrf: "").status == 403)
            #expect(try f.count("SELECT count(*) FROM application WHERE event_id = $1 AND team_name = 'Без токена' AND status = 'submitted'", [event]) == 1)
            #expect(try await browser.post("/school/invite", [("email", "x@school50.example")], csrf: forged).status == 403)
            #expect(try f.count("SELECT count(*) FROM account WHERE email = 'x@school50.example'") == 0)
        }
    }

    @Test func refusalsSpeakEnglishWhenThePersonChoseIt() async throws {
        let event = try f.newTeamEvent("Language")
        try await f.app.test(.live) { client in
            let browser = WebClient(client)
            _ = try await f.signedIn(browser, "english@school50.example", of: f.schoolA, name: "Olga Fyodorova")
            try await browser.get("/language?to=en&back=/")
            let form = try await browser.get("/events/\(event.rawValue)/register")
            #expect(form.html.contains("Submit the application") && form.html.contains("class 6А"))
            let refused = try await browser.post("/events/\(event.rawValue)/register", fields(team: "Eight", members: people.sixA))
            #expect(refused.html.contains(#"<p class="error" id="members-error">Team “Eight” has 8 members, at most 7 allowed</p>"#))
        }
    }

    @Test func aVisitorIsSentToSignInAndOtherRolesAreRefused() async throws {
        try await f.app.test(.live) { client in
            let visitor = WebClient(client)
            let page = try await visitor.get("/events/\(f.teamEvent.rawValue)/register")
            #expect(page.status == 303 && page.location == "/login?next=/events/\(f.teamEvent.rawValue)/register")
            #expect(try await visitor.get("/applications/1").status == 303)

            let organiser = WebClient(client)
            _ = try await f.signedIn(organiser, "organiser@gym13.example", .organiser, of: f.organiser, name: "Иванова Ирина")
            #expect(try await organiser.get("/events/\(f.teamEvent.rawValue)/register").status == 403)
            #expect(try await organiser.get("/school").status == 403)
        }
    }
}
