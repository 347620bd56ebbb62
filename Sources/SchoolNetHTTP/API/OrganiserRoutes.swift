import Foundation
import Hummingbird
import SchoolNetDomain
import SchoolNetService

/// `/v1/events/{eventID}/...` for the event's organiser (and the regional admin): registration window, the
/// event's applications, stages, jury, results, the participants export. The service refuses a school and another
/// organiser (403).
struct OrganiserRoutes {
    let dependencies: AppDependencies

    func register(on auth: RouterGroup<AuthenticatedContext>) {
        let event = auth.group("events/{eventID}")

        event.post("registration/open") { _, context -> Response in
            let (services, id, caller) = try self.organiser(context)
            return try JSONResponse.make(RegistrationStateBody(try await services.eventAdmin.openRegistration(event: id, by: caller)))
        }
        event.post("registration/close") { _, context -> Response in
            let (services, id, caller) = try self.organiser(context)
            return try JSONResponse.make(RegistrationStateBody(try await services.eventAdmin.closeRegistration(event: id, by: caller)))
        }

        event.get("applications") { request, context -> Response in
            let (services, id, caller) = try self.organiser(context)
            var errors: [FieldError] = []
            let page = PageRequest(request, errors: &errors)
            if !errors.isEmpty { throw QueryProblem(errors: errors) }
            // The event's existence is public, its applications are not: missing 404, someone else's 403 (the service's).
            let fetched = try await services.eventAdmin.applications(
                event: id, after: page.after.map(ApplicationID.init(rawValue:)), limit: page.limit + 1, by: caller)
            return try JSONResponse.make(PageBody(fetched: fetched, limit: page.limit, id: \.id.rawValue))
        }

        event.post("stages/{stageID}/advance") { request, context -> Response in
            let (services, id, caller) = try self.organiser(context)
            let stage = StageID(rawValue: try context.id("stageID"))
            let targets = try await request.decodeJSON(AdvanceBody.self, context: context).serviceTargets()
            return try JSONResponse.make(AdvancementBody(try await services.eventAdmin.advance(targets, into: stage, event: id, by: caller)))
        }

        event.post("stages/{stageID}/remove") { request, context -> Response in
            let (services, id, caller) = try self.organiser(context)
            let stage = StageID(rawValue: try context.id("stageID"))
            let body = try await request.decodeJSON(RemoveFromStageBody.self, context: context)
            let removed = try await services.eventAdmin.removeFromStage(
                body.applications.map(ApplicationID.init(rawValue:)), stage: stage, event: id, by: caller)
            return try JSONResponse.make(RemovedFromStageBody(stageId: stage.rawValue, removed: removed.map(\.rawValue)))
        }

        event.get("jury") { _, context -> Response in
            let (services, id, caller) = try self.organiser(context)
            return try JSONResponse.make(ListBody(items: try await services.eventAdmin.jurors(event: id, by: caller).map(JuryAssignmentBody.init)))
        }
        // Assigning again answers the existing assignment, so a retried request is harmless.
        event.post("jury") { request, context -> Response in
            let (services, id, caller) = try self.organiser(context)
            let body = try await request.decodeJSON(JurorBody.self, context: context)
            let assignment = try await services.eventAdmin.assignJuror(
                PersonID(rawValue: body.personId), event: id, nomination: body.nominationId.map(NominationID.init(rawValue:)),
                stage: body.stageId.map(StageID.init(rawValue:)), role: try body.juryRole(), by: caller)
            return try JSONResponse.make(JuryAssignmentBody(assignment))
        }
        event.delete("jury/{assignmentID}") { _, context -> Response in
            let (services, id, caller) = try self.organiser(context)
            let assignment = JuryAssignmentID(rawValue: try context.id("assignmentID"))
            try await services.eventAdmin.unassignJuror(assignment, event: id, by: caller)
            return Response(status: .noContent)
        }

        event.get("results") { _, context -> Response in
            let (services, id, caller) = try self.organiser(context)
            return try JSONResponse.make(ListBody(items: try await services.eventAdmin.results(event: id, by: caller).map(EventResultBody.init)))
        }
        event.post("results") { request, context -> Response in
            let (services, id, caller) = try self.organiser(context)
            let line = try await request.decodeJSON(ResultLineBody.self, context: context)
            return try JSONResponse.make(ResultsWrittenBody(try await services.eventAdmin.recordResult(line.input, event: id, by: caller)))
        }
        event.post("results/bulk") { request, context -> Response in
            let (services, id, caller) = try self.organiser(context)
            let body = try await request.decodeJSON(ResultRowsBody.self, context: context)
            return try JSONResponse.make(ResultsWrittenBody(try await services.eventAdmin.recordResults(body.rows.map(\.input), event: id, by: caller)))
        }
        event.post("results/corrections") { request, context -> Response in
            let (services, id, caller) = try self.organiser(context)
            let body = try await request.decodeJSON(CorrectionBody.self, context: context)
            return try JSONResponse.make(
                ResultsWrittenBody(
                    try await services.eventAdmin.correctResults(body.rows.map(\.input), reason: body.reason, event: id, by: caller)))
        }
        event.post("results/publish") { _, context -> Response in
            let (services, id, caller) = try self.organiser(context)
            return try JSONResponse.make(PublicationBody(publishedAt: try await services.eventAdmin.publishResults(event: id, by: caller)))
        }

        event.get("participants.csv") { _, context -> Response in
            let (services, id, caller) = try self.organiser(context)
            let rows = try await services.eventAdmin.participants(event: id, by: caller)
            return Response(
                status: .ok,
                headers: [
                    .contentType: "text/csv; charset=utf-8; header=present",
                    .contentDisposition: "attachment; filename=\"participants-\(id.rawValue).csv\"",
                    .cacheControl: "no-store"
                ],
                body: .init(byteBuffer: ByteBuffer(bytes: ParticipantsCSV.bytes(rows)))
            )
        }
    }

    /// The services, the event's id and the caller, once the service says the role may manage events at all (asked
    /// before any body is read; whose event it is, each use case decides).
    private func organiser(_ context: AuthenticatedContext) throws -> (APIServices, EventID, Caller) {
        let services = try self.dependencies.requireServices()
        try services.eventAdmin.authorize(context.caller)
        return (services, EventID(rawValue: try context.id("eventID")), context.caller)
    }
}

/// `GET /v1/public/events/{eventID}/results`: published results for anyone, no token.
struct PublicRoutes {
    let dependencies: AppDependencies

    func register(on api: RouterGroup<AppRequestContext>) {
        api.get("public/events/{eventID}/results") { _, context -> Response in
            let services = try self.dependencies.requireServices()
            let id = EventID(rawValue: try context.id("eventID"))
            return try JSONResponse.make(PublicResultsBody(try await services.eventAdmin.publicResults(event: id)))
        }
    }
}
