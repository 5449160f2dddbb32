-- Personal API tokens: a person's scripts read and change the record as that person, within the
-- token's scope. Only the SHA-256 of a token is kept (tokens are 32 random bytes, so a fast hash
-- is enough; a copy of this table lets nobody in). Revoked tokens are kept, marked, so that the
-- account page and the audit log can still name them.
CREATE TABLE api_tokens (
    id           TEXT PRIMARY KEY,            -- names the token in lists and the audit log; not secret
    user_id      TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    name         TEXT NOT NULL,
    scope        TEXT NOT NULL CHECK (scope IN ('read', 'write')),
    token_hash   TEXT NOT NULL UNIQUE,
    created_at   TEXT NOT NULL,
    expires_at   TEXT NOT NULL,
    last_used_at TEXT,
    revoked_at   TEXT
);
CREATE INDEX api_tokens_by_user ON api_tokens (user_id, created_at);
