import Hummingbird
import SchoolNetDomain
import SchoolNetService

/// `/v1/people`: the explicit correction of a pupil's grade on record (who may is the service's to decide).
struct PeopleRoutes {
    let dependencies: AppDependencies

    /// `POST /v1/people/{id}/grade`.
    struct GradeBody: Decodable {
        var schoolYear: String
        var grade: Int
    }

    func register(on auth: RouterGroup<AuthenticatedContext>) {
        auth.post("people/{personID}/grade") { request, context -> Response in
            let services = try self.dependencies.requireServices()
            let id = PersonID(rawValue: try context.id("personID"))
            let body = try await request.decodeJSON(GradeBody.self, context: context)
            guard let year = SchoolYear(label: body.schoolYear) else {
                throw RegistrationRefusal([.validation(field: "schoolYear", ru: "Учебный год пишется так: 2020-2021", en: "write the school year as 2020-2021")]
                )
            }
            return try JSONResponse.make(try await services.grades.correctGrade(id, schoolYear: year, grade: body.grade, by: context.caller))
        }
    }
}
