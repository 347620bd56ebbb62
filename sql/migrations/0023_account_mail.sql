-- Account mail (issue 15, docs/DESIGN.md item 30): an invitation's or a password reset's single-use link is sent
-- by mail when mail is configured. The row's payload holds the link's path (with its secret) only until the row is
-- sent: marking it sent removes it (OutboxRepository.markSent).
ALTER TYPE outbox_kind ADD VALUE 'account_invitation';
ALTER TYPE outbox_kind ADD VALUE 'password_reset';
