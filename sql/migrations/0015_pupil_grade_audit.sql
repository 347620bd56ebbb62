-- A pupil's grade on record is changed only by an explicit correction (`schoolnet people correct-grade`,
-- POST /v1/people/{id}/grade): registrations never overwrite it (a contradicting grade is refused with
-- grade_conflict). Every change of a recorded grade is audited; inserts are not (an import of a region's
-- pupils would double its writes), the row's creation being the import's or the registration's own record.
CREATE TRIGGER pupil_grade_audit AFTER UPDATE OR DELETE ON pupil_grade
    FOR EACH ROW EXECUTE FUNCTION audit_row();
