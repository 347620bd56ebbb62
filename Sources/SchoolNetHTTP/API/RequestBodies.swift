import SchoolNetDomain
import SchoolNetService

// Bodies of the organiser's and the school's actions that the services take as plain arguments.

/// `POST /v1/applications/{id}/withdraw`: an optional note for the organiser.
struct WithdrawBody: Decodable {
    var reason: String?
}

/// `POST /v1/applications/{id}/reject`: the reason is shown to the applying school.
struct RejectBody: Decodable {
    var reason: String
}

/// `POST /v1/events/{id}/stages/{stageId}/advance`.
struct AdvanceBody: Decodable {
    /// Exactly one of the two ids: an application, or a person meaning their active application.
    struct Target: Decodable {
        var applicationId: Int64?
        var personId: Int64?
    }

    var targets: [Target]

    /// The service's targets; a target naming both or neither id is a field error.
    func serviceTargets() throws -> [AdvanceTarget] {
        var errors: [FieldError] = []
        var targets: [AdvanceTarget] = []
        for (index, target) in self.targets.enumerated() {
            switch (target.applicationId, target.personId) {
            case (let application?, nil): targets.append(.application(ApplicationID(rawValue: application)))
            case (nil, let person?): targets.append(.person(PersonID(rawValue: person)))
            default:
                errors.append(
                    FieldError(
                        field: "targets[\(index)]", code: "invalid_value",
                        detail: .init(ru: "Укажите ровно одно из полей applicationId или personId.", en: "Give exactly one of applicationId or personId.")
                    ))
            }
        }
        if !errors.isEmpty { throw BodyProblem.invalid(errors) }
        return targets
    }
}

/// One line of results: an application's award, in a nomination or the event as a whole; `award: null` removes it.
struct ResultLineBody: Decodable {
    var applicationId: Int64
    var nominationId: Int64?
    /// absolute_winner, winner, diploma_1, diploma_2, diploma_3, prizewinner, special, certificate.
    var award: String?
    /// The special nomination's title.
    var title: String?

    var input: ResultInput {
        ResultInput(
            applicationID: ApplicationID(rawValue: self.applicationId), nominationID: self.nominationId.map(NominationID.init(rawValue:)),
            award: self.award, title: self.title
        )
    }
}

/// `POST /v1/events/{id}/results/bulk`: all lines or none.
struct ResultRowsBody: Decodable {
    var rows: [ResultLineBody]
}

/// `POST /v1/events/{id}/results/corrections`: changes after publication, with the reason the audit log keeps.
struct CorrectionBody: Decodable {
    var rows: [ResultLineBody]
    var reason: String
}

/// `POST /v1/events/{id}/jury`: who judges, and what (nothing named: the whole event).
struct JurorBody: Decodable {
    var personId: Int64
    var nominationId: Int64?
    var stageId: Int64?
    /// chair or member (the default).
    var role: String?

    /// The role, or a field error naming `role`.
    func juryRole() throws -> JuryAssignment.Role {
        guard let role = self.role else { return .member }
        guard let known = JuryAssignment.Role(rawValue: role) else {
            throw BodyProblem.invalid([
                FieldError(
                    field: "role", code: "invalid_value",
                    detail: .init(ru: "Ожидается chair или member.", en: "Expected chair or member.")
                )
            ])
        }
        return known
    }
}

/// `POST /v1/events/{id}/stages/{stageId}/remove`: applications taken back out of a stage, all or none.
struct RemoveFromStageBody: Decodable {
    var applications: [Int64]
}
