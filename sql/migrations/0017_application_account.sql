-- What a person does through the web pages is signed with the person (issue 13): an application submitted from a
-- personal account keeps the account beside the display name, as one submitted with an API token keeps the token.
ALTER TABLE application
    ADD COLUMN submitted_by_account_id bigint REFERENCES account (id) ON DELETE SET NULL,
    ADD CONSTRAINT application_one_credential CHECK (submitted_by_token_id IS NULL OR submitted_by_account_id IS NULL);
CREATE INDEX application_account ON application (submitted_by_account_id) WHERE submitted_by_account_id IS NOT NULL;
