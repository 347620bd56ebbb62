-- A pupil's grade on record is changed only by an explicit correction (`schoolnet people correct-grade`,
-- POST /v1/people/{id}/grade) or by the school's own class list (import): registrations never overwrite
-- it (a contradicting grade is refused with grade_conflict). Every change of a recorded grade is audited;
-- inserts are not (an import of a region's pupils would double its writes), and an import re-sending the
-- same classes costs nothing (WHEN: unchanged rows never call the trigger function).
CREATE TRIGGER pupil_grade_audit AFTER UPDATE ON pupil_grade
    FOR EACH ROW WHEN (OLD.* IS DISTINCT FROM NEW.*) EXECUTE FUNCTION audit_row();
