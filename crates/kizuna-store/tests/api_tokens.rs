//! Personal API tokens on both backends: made and revoked as audited edits, found only by their
//! hash while live (not expired, not revoked, holder not disabled), with the holder's role as it
//! is now, and listed for their holder alone.

mod common;

use common::*;
use kizuna_core::Role;
use kizuna_store::*;

const AT: &str = "2025-02-01T09:00:00Z";

fn hash(n: u8) -> String {
    format!("{n:02x}").repeat(32)
}

fn create(user: &str, name: &str, scope: TokenScope, token_hash: &str, days: u16) -> Edit {
    Edit::CreateApiToken {
        user: user.into(),
        name: name.into(),
        scope,
        token_hash: token_hash.into(),
        lifetime_days: days,
    }
}

async fn with_people() -> Vec<Store> {
    let mut stores = both().await;
    for store in &mut stores {
        for (id, role) in [("alice", Role::Editor), ("bob", Role::Viewer)] {
            let add = Edit::AddUser {
                id: id.into(),
                display_name: id.into(),
                password_hash: "$argon2id$stub".into(),
                role,
                side_id: None,
            };
            store.apply(&add, "cli", AT).await.unwrap();
        }
    }
    stores
}

#[tokio::test]
async fn a_token_acts_for_its_holder_until_it_expires_or_is_revoked() {
    for store in with_people().await {
        let backend = store.backend();
        let make = create("alice", "nightly sync", TokenScope::Write, &hash(1), 30);
        let events = store.apply(&make, "alice", AT).await.unwrap();
        assert_eq!(events.len(), 1);
        assert_eq!(
            (events[0].action.as_str(), events[0].entity.as_str()),
            ("api-token.create", "user:alice")
        );
        let after = events[0].after.as_deref().unwrap();
        assert!(after.contains("nightly sync") && after.contains("2025-03-03T09:00:00Z"), "{after}");
        assert!(!after.contains(&hash(1)), "the audit log never holds the token's hash: {after}");

        let holder = store.api_token_holder(&hash(1), "2025-02-02T00:00:00Z").await.unwrap().unwrap();
        assert_eq!(
            (holder.user.id.as_str(), holder.role, holder.scope),
            ("alice", Role::Editor, TokenScope::Write)
        );
        assert!(store.api_token_holder(&hash(2), "2025-02-02T00:00:00Z").await.unwrap().is_none(), "unknown");
        assert!(
            store.api_token_holder(&hash(1), "2025-03-03T09:00:00Z").await.unwrap().is_none(),
            "{backend}: expired at its expiry"
        );

        // Listed with when it was last used, for its holder only.
        let listed = store.api_tokens("alice").await.unwrap();
        assert_eq!(listed.len(), 1);
        assert_eq!(listed[0].name, "nightly sync");
        assert_eq!(listed[0].last_used_at.as_deref(), Some("2025-02-02T00:00:00Z"));
        assert!(store.api_tokens("bob").await.unwrap().is_empty());
        // Used again within the minute: not written again.
        store.api_token_holder(&hash(1), "2025-02-02T00:00:30Z").await.unwrap().unwrap();
        assert_eq!(
            store.api_tokens("alice").await.unwrap()[0].last_used_at.as_deref(),
            Some("2025-02-02T00:00:00Z")
        );
        store.api_token_holder(&hash(1), "2025-02-02T00:05:00Z").await.unwrap().unwrap();
        assert_eq!(
            store.api_tokens("alice").await.unwrap()[0].last_used_at.as_deref(),
            Some("2025-02-02T00:05:00Z")
        );

        // The holder's role as it is now, not when the token was made.
        let demote = Edit::SetRole { user: "alice".into(), role: Role::Viewer, side_id: None };
        store.apply(&demote, "cli", AT).await.unwrap();
        let holder = store.api_token_holder(&hash(1), "2025-02-02T00:00:00Z").await.unwrap().unwrap();
        assert_eq!(holder.role, Role::Viewer);

        // Only its holder revokes it; then it lets nobody in, and it cannot be revoked twice.
        let id = listed[0].id.clone();
        let by_bob = Edit::RevokeApiToken { user: "bob".into(), token_id: id.clone() };
        assert!(matches!(store.apply(&by_bob, "bob", AT).await, Err(StoreError::NotFound(_))));
        assert!(store.api_token_holder(&hash(1), "2025-02-02T00:00:00Z").await.unwrap().is_some());
        let revoke = Edit::RevokeApiToken { user: "alice".into(), token_id: id.clone() };
        let events = store.apply(&revoke, "alice", "2025-02-03T10:00:00Z").await.unwrap();
        assert_eq!(events[0].action, "api-token.revoke");
        assert!(store.api_token_holder(&hash(1), "2025-02-03T10:00:01Z").await.unwrap().is_none());
        assert!(matches!(store.apply(&revoke, "alice", AT).await, Err(StoreError::NotFound(_))));
        let listed = store.api_tokens("alice").await.unwrap();
        assert_eq!(listed[0].revoked_at.as_deref(), Some("2025-02-03T10:00:00Z"), "kept, marked revoked");
        assert!(!listed[0].is_live("2025-02-03T10:00:01Z"));

        // Two people, one chain: 2 users, create, demote, revoke.
        assert_eq!(store.verify_audit().await.unwrap(), Ok(5), "{backend}");
        finish(store).await;
    }
}

#[tokio::test]
async fn a_disabled_persons_tokens_stop_and_bad_tokens_are_refused_before_anything_is_written() {
    for store in with_people().await {
        let backend = store.backend();
        store.apply(&create("bob", "reader", TokenScope::Read, &hash(3), 365), "bob", AT).await.unwrap();
        let holder = store.api_token_holder(&hash(3), AT).await.unwrap().unwrap();
        assert_eq!((holder.role, holder.scope), (Role::Viewer, TokenScope::Read));
        assert!(!holder.scope.allows_changes());
        store.apply(&Edit::SetDisabled { user: "bob".into(), disabled: true }, "cli", AT).await.unwrap();
        assert!(store.api_token_holder(&hash(3), AT).await.unwrap().is_none(), "{backend}: disabled");

        let refused = [
            create("alice", "", TokenScope::Read, &hash(4), 30),
            create("alice", "line\nbreak", TokenScope::Read, &hash(4), 30),
            create("alice", &"x".repeat(MAX_TOKEN_NAME_CHARS + 1), TokenScope::Read, &hash(4), 30),
            create("alice", "forever", TokenScope::Read, &hash(4), 10_000),
            create("alice", "plain", TokenScope::Read, "not-a-hash", 30),
        ];
        for edit in &refused {
            assert!(matches!(store.apply(edit, "alice", AT).await, Err(StoreError::Invalid(_))), "{edit:?}");
        }
        assert!(matches!(
            store.apply(&create("ghost", "x", TokenScope::Read, &hash(5), 30), "ghost", AT).await,
            Err(StoreError::NotFound(_))
        ));
        // The same hash twice (a reused token) is refused by the database, not stored twice.
        store.apply(&create("alice", "one", TokenScope::Read, &hash(6), 30), "alice", AT).await.unwrap();
        assert!(
            store.apply(&create("alice", "two", TokenScope::Read, &hash(6), 30), "alice", AT).await.is_err()
        );
        assert_eq!(store.api_tokens("alice").await.unwrap().len(), 1);
        assert!(store.api_tokens("alice").await.unwrap().iter().all(|t| t.is_live(AT)));
        // 2 users, bob's token, bob disabled, alice's token: nothing refused was audited.
        assert_eq!(store.verify_audit().await.unwrap(), Ok(5), "{backend}");
        finish(store).await;
    }
}
