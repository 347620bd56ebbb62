import Foundation
import PQ
import SchoolNetDomain

/// What a school's registration writes about its people: a grade only for its own pupils, a consent only
/// when none is in force (unlike `setGrade` and `recordConsent`, which an administrator's import uses).
extension PersonRepository {
    /// Records the person's grade at `organisation` in a school year unless one is on record, and returns the grade
    /// on record after it: a registration never overwrites a grade (a correction is `correctGrade`). Two writers
    /// racing: the second waits for the first's row and returns its grade.
    public func recordGrade(_ person: PersonID, grade: Int, schoolYearID: Int64, organisation: OrganisationID, on conn: PQConnection) throws -> Int {
        try conn.execute(
            """
            INSERT INTO pupil_grade (person_id, school_year_id, organisation_id, grade) VALUES ($1, $2, $3, $4)
            ON CONFLICT (person_id, school_year_id) DO NOTHING
            """, [person.rawValue, schoolYearID, organisation.rawValue, grade])
        return try conn.query(
            "SELECT grade FROM pupil_grade WHERE person_id = $1 AND school_year_id = $2",
            [person.rawValue, schoolYearID]
        ).first?.decode(0, as: Int.self) ?? grade
    }

    /// Records a consent to personal data processing, unless one is in force.
    public func recordConsentUnlessInForce(
        _ person: PersonID, givenBy: String, recordedBy: String, tokenID: Int64?, at now: Date, on conn: PQConnection
    ) throws {
        try conn.execute(
            """
            INSERT INTO personal_data_consent (person_id, given_by, recorded_by, recorded_by_token_id, recorded_at)
            VALUES ($1, $2, $3, $4, $5)
            ON CONFLICT (person_id) WHERE withdrawn_at IS NULL DO NOTHING
            """, [person.rawValue, givenBy, recordedBy, tokenID, now])
    }
}
