import Foundation
import Hummingbird
import SchoolNetDomain
import SchoolNetHTTP
import SchoolNetService

/// `/school`: the coordinator's school: its applications with their statuses (a rejection with its reason), and its
/// pupils by class and teachers from the imports, searchable by name and class (on the server; live in the browser).
struct SchoolPages {
    let services: WebServices
    let renderer: PageRenderer

    func addRoutes(to pages: RouterGroup<WebContext>) {
        pages.get("school") { request, context in try await self.school(request: request, context: context) }
    }

    func school(request: Request, context: WebContext) async throws -> Response {
        let (caller, school) = try context.coordinator()
        let language = context.language
        let ru = language == .ru
        let api = services.api
        let year = SchoolYear.containing(LocalDate(api.catalog.now(), in: RegistrationWindow.defaultTimeZone))
        let applications = try await api.registration.applications(organisationID: school, by: caller)
        let events = Dictionary(
            try await api.catalog.events(applications.map(\.eventID)).map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let roster = try await api.registration.roster(of: school, in: year, by: caller)

        let query = request.uri.queryParameters
        let text = query.get("q").flatMap(RegistrationForm.blankless)
        let group = query.get("class").flatMap(SchoolRoster.Group.init(key:))
        let shown = roster.filtered(query: text, group: group)

        // Newest first; this school year's and later ones on top, earlier years folded away below.
        let sorted = applications.sorted { ($0.submittedAt, $0.id) > ($1.submittedAt, $1.id) }
        let isCurrent = { (application: SchoolNetDomain.Application) in (events[application.eventID]?.schoolYear ?? year) >= year }
        func row(_ application: SchoolNetDomain.Application) -> [String: Any] {
            let event = events[application.eventID]
            var row: [String: Any] = [
                "app_id": application.id.rawValue, "label": ApplicationView.label(application, language),
                "event_title": event?.title ?? "", "event_id": application.eventID.rawValue,
                "status": ApplicationView.status(application.status, language), "status_key": application.status.rawValue,
                "submitted": event.map { ApplicationView.instant(application.submittedAt, in: $0.timeZone, language) } ?? ""
            ]
            if application.status == .rejected, let reason = application.statusReason { row["reason"] = reason }
            return row
        }
        let rows = sorted.filter(isCurrent).map(row)
        let past = sorted.filter { !isCurrent($0) }.map(row)
        let people: [[String: Any]] = shown.map { person in
            [
                "name": person.name.full, "group_label": ApplicationView.group(person.group, language, short: true), "class_key": person.group.key,
                "search": person.name.full + " " + person.group.key,
                "consent": person.kind == .teacher ? "" : person.hasConsent ? (ru ? "есть" : "on record") : (ru ? "нет" : "none")
            ]
        }
        let model: [String: Any] = [
            "school": context.session?.membership?.organisationName ?? "",
            "year": year.label,
            "applications": rows, "has_applications": !rows.isEmpty,
            "past_applications": past, "has_past": !past.isEmpty,
            "past_summary": ru ? "Заявки прошлых лет (\(past.count))" : "Earlier years' applications (\(past.count))",
            "people": people, "has_people": !roster.people.isEmpty,
            "people_complete": text == nil && group == nil,
            "people_count": ru ? "Показано: \(shown.count) из \(roster.people.count)" : "Shown: \(shown.count) of \(roster.people.count)",
            "people_total": roster.people.count,
            "people_count_template": ru ? "Показано: {shown} из {total}" : "Shown: {shown} of {total}",
            "q": text ?? "",
            "groups": roster.groups.map { option -> [String: Any] in
                ["key": option.key, "label": ApplicationView.group(option, language), "selected": option == group]
            }
        ]
        return renderer.page("school", model, request: request, context: context)
    }
}
