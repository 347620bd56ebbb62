-- An application never moves to another event or organisation: its members, entries, results
-- and places were all checked against the ones it was submitted with. A school that meant
-- another event withdraws and applies again.

CREATE FUNCTION application_identity_fixed() RETURNS trigger
LANGUAGE plpgsql
AS $$
BEGIN
    IF NEW.event_id <> OLD.event_id OR NEW.organisation_id <> OLD.organisation_id THEN
        RAISE EXCEPTION 'application % cannot move to another event or organisation', OLD.id
            USING ERRCODE = 'check_violation', CONSTRAINT = 'application_identity_fixed', TABLE = 'application';
    END IF;
    RETURN NEW;
END
$$;

CREATE TRIGGER application_identity_fixed BEFORE UPDATE OF event_id, organisation_id ON application
    FOR EACH ROW EXECUTE FUNCTION application_identity_fixed();
