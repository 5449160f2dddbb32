//! Who may do what: the roles of the people who keep the record, and the handling marking of
//! each record. The web enforces these rules; the store records who did what.

use serde::{Deserialize, Serialize};

/// A person's role. Each role may do what the roles below it may, and more.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum Role {
    /// Reads everything, restricted records included.
    Viewer,
    /// Records evidence and notes, uploads documents, marks handling.
    Editor,
    /// Decides on proposed links and sets statuses, and edits.
    Reviewer,
    /// Manages people and reads the audit log, and everything else.
    Admin,
}

/// Something a person may be allowed to do.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Permission {
    SeeRestricted,
    Edit,
    Review,
    Administer,
}

impl Role {
    pub const ALL: [Role; 4] = [Role::Viewer, Role::Editor, Role::Reviewer, Role::Admin];

    pub fn from_name(name: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.as_str() == name)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Viewer => "viewer",
            Role::Editor => "editor",
            Role::Reviewer => "reviewer",
            Role::Admin => "admin",
        }
    }

    pub fn may(self, permission: Permission) -> bool {
        let least = match permission {
            Permission::SeeRestricted => Role::Viewer,
            Permission::Edit => Role::Editor,
            Permission::Review => Role::Reviewer,
            Permission::Administer => Role::Admin,
        };
        self >= least
    }
}

/// A record's handling marking.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Handling {
    Public,
    Restricted,
}

impl Handling {
    pub fn from_name(name: &str) -> Option<Handling> {
        match name {
            "public" => Some(Handling::Public),
            "restricted" => Some(Handling::Restricted),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Handling::Public => "public",
            Handling::Restricted => "restricted",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_are_ordered_by_what_they_may_do() {
        assert!(Role::Viewer.may(Permission::SeeRestricted));
        assert!(!Role::Viewer.may(Permission::Edit));
        assert!(Role::Editor.may(Permission::Edit) && !Role::Editor.may(Permission::Review));
        assert!(Role::Reviewer.may(Permission::Review) && !Role::Reviewer.may(Permission::Administer));
        assert!(Role::Admin.may(Permission::Administer));
    }

    #[test]
    fn names_round_trip() {
        for r in Role::ALL {
            assert_eq!(Role::from_name(r.as_str()), Some(r));
        }
        assert_eq!(Role::from_name("root"), None);
        assert_eq!(Handling::from_name("restricted").map(Handling::as_str), Some("restricted"));
        assert_eq!(Handling::from_name("secret"), None);
    }
}
