import Foundation
import PQ
import SchoolNetDomain

/// Everything SchoolNet holds about one person, for a subject access request (152-FZ art. 14; issue 17): the person's
/// row, grades, roles, consents, the applications they are named in (their own line only: no teammate appears),
/// those they are the responsible teacher of (with the contacts given), authored entries, jury seats, accounts (never
/// a password hash), preferences, the mail addressed to them (kinds and dates, not the text) and every audit entry of
/// theirs. One statement, one JSON document.
public struct PersonExportRepository: Sendable {
    public init() {}

    /// The document, or nil when no such person exists. The audit log is searched by its JSON snapshots (a scan of the
    /// log: a request a person makes rarely, not a page).
    public func export(_ person: PersonID, on conn: PQConnection) throws -> String? {
        try conn.query(
            """
            SELECT jsonb_build_object(
                'person', (SELECT to_jsonb(p) - 'name_key' - 'full_name_norm' FROM person p WHERE p.id = $1),
                'organisation', (SELECT o.full_name FROM person p JOIN organisation o ON o.id = p.organisation_id WHERE p.id = $1),
                'grades', coalesce((
                    SELECT jsonb_agg(jsonb_build_object(
                               'schoolYear', y.start_year || '-' || (y.start_year + 1), 'grade', g.grade,
                               'classLetter', g.class_letter, 'organisation', o.full_name) ORDER BY y.start_year)
                    FROM pupil_grade g JOIN school_year y ON y.id = g.school_year_id JOIN organisation o ON o.id = g.organisation_id
                    WHERE g.person_id = $1), '[]'),
                'teacherRoles', coalesce((
                    SELECT jsonb_agg(jsonb_build_object('organisation', o.full_name, 'role', t.role, 'since', t.since, 'until', t.until))
                    FROM teacher_role t JOIN organisation o ON o.id = t.organisation_id WHERE t.person_id = $1), '[]'),
                'consents', coalesce((
                    SELECT jsonb_agg(to_jsonb(c) - 'person_id' ORDER BY c.id) FROM personal_data_consent c WHERE c.person_id = $1), '[]'),
                'applications', coalesce((
                    SELECT jsonb_agg(jsonb_build_object(
                               'applicationId', a.id, 'event', e.title, 'eventStartsOn', e.starts_on, 'organisation', o.full_name,
                               'teamName', a.team_name, 'role', m.role, 'status', a.status, 'submittedAt', a.submitted_at) ORDER BY a.id)
                    FROM application_member m JOIN application a ON a.id = m.application_id JOIN event e ON e.id = a.event_id
                    JOIN organisation o ON o.id = a.organisation_id
                    WHERE m.person_id = $1), '[]'),
                'responsibleTeacherOf', coalesce((
                    SELECT jsonb_agg(jsonb_build_object(
                               'applicationId', a.id, 'event', e.title, 'responsibleName', a.responsible_name,
                               'contactEmail', a.contact_email, 'contactPhone', a.contact_phone) ORDER BY a.id)
                    FROM application a JOIN event e ON e.id = a.event_id WHERE a.responsible_teacher_id = $1), '[]'),
                'entries', coalesce((
                    SELECT jsonb_agg(jsonb_build_object('entryId', n.id, 'kind', n.kind, 'title', n.title, 'applicationId', n.application_id)
                                     ORDER BY n.id)
                    FROM entry_author w JOIN entry n ON n.id = w.entry_id WHERE w.person_id = $1), '[]'),
                'jury', coalesce((
                    SELECT jsonb_agg(jsonb_build_object('event', e.title, 'role', j.role, 'assignedAt', j.assigned_at) ORDER BY j.id)
                    FROM jury_assignment j JOIN event e ON e.id = j.event_id WHERE j.person_id = $1), '[]'),
                'accounts', coalesce((
                    SELECT jsonb_agg(jsonb_build_object(
                               'accountId', t.id, 'email', t.email, 'displayName', t.display_name, 'language', t.language,
                               'createdAt', t.created_at, 'disabledAt', t.disabled_at) ORDER BY t.id)
                    FROM account t WHERE t.person_id = $1), '[]'),
                'notificationPreferences', (
                    SELECT jsonb_build_object('reminders', n.reminders, 'digests', n.digests, 'updatedAt', n.updated_at)
                    FROM notification_preference n WHERE n.person_id = $1),
                'mail', coalesce((
                    SELECT jsonb_agg(jsonb_build_object('kind', x.kind, 'to', x.recipient_email, 'createdAt', x.created_at,
                                                        'sentAt', x.sent_at) ORDER BY x.id)
                    FROM outbox x WHERE x.recipient_person_id = $1), '[]'),
                'auditLog', coalesce((
                    SELECT jsonb_agg(jsonb_build_object('at', l.occurred_at, 'actor', l.actor, 'entity', l.entity,
                                                        'action', l.action, 'before', l.before, 'after', l.after) ORDER BY l.id)
                    FROM audit_log l
                    WHERE (l.entity = 'person' AND l.entity_id = $1)
                       OR $1::text IN (l.after ->> 'person_id', l.before ->> 'person_id',
                                       l.after ->> 'responsible_teacher_id', l.before ->> 'responsible_teacher_id')), '[]')
            )::text
            WHERE EXISTS (SELECT 1 FROM person WHERE id = $1)
            """, [person.rawValue]
        ).first?.decode(0, as: String.self)
    }

    /// Records that the document was handed out (who: the transaction's actor), without any of its data.
    public func noteExport(_ person: PersonID, at now: Date, on conn: PQConnection) throws {
        try conn.execute(
            "SELECT audit_note('person_export', $1, 'insert', NULL, jsonb_build_object('subjectAccess', true), $2)", [person.rawValue, now])
    }
}
