-- A successful sign-in stops the account's earlier failed attempts counting against the
-- account; they still count against the address they came from.
ALTER TABLE login_failures ADD COLUMN account_cleared INTEGER NOT NULL DEFAULT 0;
