import Foundation
import PQ
import SchoolNetDomain

/// What a school's registration writes about its people: a grade only for its own pupils, a consent only
/// when none is in force (unlike `setGrade` and `recordConsent`, which an administrator's import uses).
extension PersonRepository {
    /// Records the person's grade at `organisation` in a school year; the school corrects its own record,
    /// never another school's.
    public func recordGrade(_ person: PersonID, grade: Int, schoolYearID: Int64, organisation: OrganisationID, on conn: PQConnection) throws {
        try conn.execute("""
            INSERT INTO pupil_grade (person_id, school_year_id, organisation_id, grade) VALUES ($1, $2, $3, $4)
            ON CONFLICT (person_id, school_year_id) DO UPDATE SET grade = excluded.grade
            WHERE pupil_grade.organisation_id = excluded.organisation_id AND pupil_grade.grade <> excluded.grade
            """, [person.rawValue, schoolYearID, organisation.rawValue, grade])
    }

    /// Records a consent to personal data processing, unless one is in force.
    public func recordConsentUnlessInForce(
        _ person: PersonID, givenBy: String, recordedBy: String, tokenID: Int64?, at now: Date, on conn: PQConnection
    ) throws {
        try conn.execute("""
            INSERT INTO personal_data_consent (person_id, given_by, recorded_by, recorded_by_token_id, recorded_at)
            VALUES ($1, $2, $3, $4, $5)
            ON CONFLICT (person_id) WHERE withdrawn_at IS NULL DO NOTHING
            """, [person.rawValue, givenBy, recordedBy, tokenID, now])
    }
}
