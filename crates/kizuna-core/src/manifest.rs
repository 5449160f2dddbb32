//! The partnership manifest (`partnership.toml`): sides, organisations, governance bodies,
//! meetings and the documents with their dates. Parsing only; reading the file is the caller's.

use serde::{Deserialize, Serialize};

use crate::period::Period;

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Manifest {
    pub partnership: PartnershipInfo,
    #[serde(default, rename = "side")]
    pub sides: Vec<Side>,
    #[serde(default, rename = "organisation")]
    pub organisations: Vec<Organisation>,
    #[serde(default, rename = "body")]
    pub bodies: Vec<Body>,
    #[serde(default, rename = "meeting")]
    pub meetings: Vec<Meeting>,
    #[serde(default, rename = "document")]
    pub documents: Vec<DocumentEntry>,
    /// The framework's pillars, in its order, each with the areas under it.
    #[serde(default, rename = "pillar")]
    pub pillars: Vec<Pillar>,
}

/// A pillar of the framework (its top grouping) and the areas that sit under it. Areas are
/// the engine's area keys (`telecoms`, `data`, …), so the pillar of a commitment in any later
/// document follows from its area; an area under no pillar is shown apart.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Pillar {
    pub id: String,
    pub name: String,
    pub name_ja: Option<String>,
    #[serde(default)]
    pub areas: Vec<String>,
}

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct PartnershipInfo {
    pub id: String,
    pub name: String,
    pub name_ja: Option<String>,
    pub established: Option<Period>,
    pub description: Option<String>,
    /// The pillars' names alone, as older manifests list them; `[[pillar]]` tables give the
    /// structure (ids, Japanese names, areas) and win when both are present.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub pillars: Vec<String>,
}

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct Side {
    pub id: String,
    pub name: String,
    pub name_ja: Option<String>,
}

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct Organisation {
    pub id: String,
    pub side: Option<String>,
    pub name: String,
    pub name_ja: Option<String>,
    pub acronym: Option<String>,
    #[serde(default)]
    pub aliases: Vec<String>,
    pub since: Option<Period>,
    pub until: Option<Period>,
    pub succeeded_by: Option<String>,
    pub kind: Option<String>,
    pub note: Option<String>,
}

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct Body {
    pub id: String,
    pub name: String,
    pub name_ja: Option<String>,
    #[serde(default)]
    pub aliases: Vec<String>,
    pub level: Option<String>,
    pub cadence: Option<String>,
    pub kind: Option<String>,
    pub established: Option<Period>,
    pub note: Option<String>,
}

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct Meeting {
    pub id: String,
    pub body: String,
    pub date: Option<Period>,
    pub format: Option<String>,
    pub title: Option<String>,
    pub title_ja: Option<String>,
    pub location: Option<String>,
    #[serde(default)]
    pub documents: Vec<String>,
    pub note: Option<String>,
}

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct DocumentEntry {
    /// Path relative to the manifest.
    pub file: String,
    pub title: Option<String>,
    pub date: Option<Period>,
    pub kind: Option<String>,
    pub language: Option<String>,
    pub publisher: Option<String>,
    pub url: Option<String>,
    pub meeting: Option<String>,
    /// The file of the document this one translates (parallel versions).
    pub translation_of: Option<String>,
    pub licence: Option<String>,
    pub note: Option<String>,
}

impl Organisation {
    /// How the organisation is shown in short (its acronym, else its name), and every name it
    /// is known by (name, acronym, aliases, Japanese name), for recognising actors in text.
    pub fn names(&self) -> (String, Vec<String>) {
        let canonical = self.acronym.clone().unwrap_or_else(|| self.name.clone());
        let mut names = vec![self.name.clone()];
        names.extend(self.acronym.clone());
        names.extend(self.aliases.iter().cloned());
        names.extend(self.name_ja.clone());
        (canonical, names)
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ManifestError {
    #[error("manifest is not valid TOML of the expected shape: {0}")]
    Syntax(#[from] toml::de::Error),
    #[error("manifest: {0}")]
    Invalid(String),
}

/// An address the site may link to: http or https only (never `javascript:` or a local file).
pub fn is_web_address(url: &str) -> bool {
    let lower = url.trim().to_ascii_lowercase();
    lower.starts_with("https://") || lower.starts_with("http://")
}

/// A relative path that stays inside the folder it is read from: not absolute, no drive or
/// scheme, no `..`, not empty. Manifests and open-data packages name their files this way.
pub fn stays_inside(path: &str) -> bool {
    !(path.is_empty()
        || path.starts_with(['/', '\\'])
        || path.contains(':')
        || path.split(['/', '\\']).any(|part| part == ".."))
}

impl Manifest {
    /// Parses and checks a manifest: ids unique, references resolve.
    pub fn parse(text: &str) -> Result<Manifest, ManifestError> {
        let manifest: Manifest = toml::from_str(text)?;
        manifest.check()?;
        Ok(manifest)
    }

    fn check(&self) -> Result<(), ManifestError> {
        let invalid = |m: String| Err(ManifestError::Invalid(m));
        let mut seen = std::collections::HashSet::new();
        for id in self
            .sides
            .iter()
            .map(|s| &s.id)
            .chain(self.organisations.iter().map(|o| &o.id))
            .chain(self.bodies.iter().map(|b| &b.id))
            .chain(self.meetings.iter().map(|m| &m.id))
        {
            if !seen.insert(id.as_str()) {
                return invalid(format!("id `{id}` is used twice"));
            }
        }
        for org in &self.organisations {
            if let Some(side) = &org.side
                && !self.sides.iter().any(|s| &s.id == side)
            {
                return invalid(format!("organisation `{}` names unknown side `{side}`", org.id));
            }
            if let Some(next) = &org.succeeded_by
                && !self.organisations.iter().any(|o| &o.id == next)
            {
                return invalid(format!("organisation `{}` is succeeded by unknown `{next}`", org.id));
            }
        }
        self.check_pillars()?;
        for meeting in &self.meetings {
            if !self.bodies.iter().any(|b| b.id == meeting.body) {
                return invalid(format!("meeting `{}` names unknown body `{}`", meeting.id, meeting.body));
            }
        }
        let mut files = std::collections::HashSet::new();
        for doc in &self.documents {
            if !files.insert(doc.file.as_str()) {
                return invalid(format!("document `{}` is listed twice", doc.file));
            }
            if let Some(m) = &doc.meeting
                && !self.meetings.iter().any(|x| &x.id == m)
            {
                return invalid(format!("document `{}` names unknown meeting `{m}`", doc.file));
            }
            // The site links to it: only a web address, never `javascript:` or a local file.
            if let Some(url) = doc.url.as_deref().filter(|u| !is_web_address(u)) {
                return invalid(format!("document `{}` has a url that is not http(s): `{url}`", doc.file));
            }
            if !stays_inside(&doc.file) {
                return invalid(format!("document file `{}` is not inside the dataset folder", doc.file));
            }
        }
        Ok(())
    }

    /// Pillar ids are unique and simple; an area sits under one pillar at most.
    fn check_pillars(&self) -> Result<(), ManifestError> {
        let mut ids = std::collections::HashSet::new();
        let mut placed: std::collections::HashMap<&str, &str> = std::collections::HashMap::new();
        for pillar in &self.pillars {
            let simple = !pillar.id.is_empty()
                && pillar.id.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
            if !simple {
                return Err(ManifestError::Invalid(format!(
                    "pillar id `{}` must be lower-case letters, digits and hyphens",
                    pillar.id
                )));
            }
            if !ids.insert(pillar.id.as_str()) {
                return Err(ManifestError::Invalid(format!("pillar `{}` is listed twice", pillar.id)));
            }
            for area in &pillar.areas {
                if let Some(first) = placed.insert(area, &pillar.id) {
                    return Err(ManifestError::Invalid(format!(
                        "area `{area}` is under both pillar `{first}` and pillar `{}`",
                        pillar.id
                    )));
                }
            }
        }
        Ok(())
    }

    /// The pillar an area sits under, if the manifest places it.
    pub fn pillar_of(&self, area: &str) -> Option<&Pillar> {
        self.pillars.iter().find(|p| p.areas.iter().any(|a| a == area))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SMALL: &str = r#"
[partnership]
id = "a-b"
name = "A-B Digital Partnership"

[[side]]
id = "a"
name = "A"

[[organisation]]
id = "moa"
side = "a"
name = "Ministry of A"
acronym = "MOA"
succeeded_by = "moa2"

[[organisation]]
id = "moa2"
side = "a"
name = "New Ministry of A"

[[body]]
id = "council"
name = "A-B Council"

[[meeting]]
id = "council-2024"
body = "council"
date = "2024-03"

[[document]]
file = "documents/outcome.md"
date = "2024-03-05"
meeting = "council-2024"
"#;

    #[test]
    fn parses_a_small_manifest() {
        let m = Manifest::parse(SMALL).unwrap();
        assert_eq!(m.meetings[0].date.unwrap().to_string(), "2024-03");
        let (canonical, names) = m.organisations[0].names();
        assert_eq!(canonical, "MOA");
        assert!(names.contains(&"Ministry of A".to_string()) && names.contains(&"MOA".to_string()));
    }

    #[test]
    fn unknown_references_are_named() {
        let bad = SMALL.replace("body = \"council\"", "body = \"cuoncil\"");
        let e = Manifest::parse(&bad).unwrap_err().to_string();
        assert!(e.contains("unknown body `cuoncil`"), "{e}");
        let bad = SMALL.replace("succeeded_by = \"moa2\"", "succeeded_by = \"nope\"");
        assert!(Manifest::parse(&bad).unwrap_err().to_string().contains("`nope`"));
    }

    #[test]
    fn document_addresses_are_web_addresses_and_files_stay_inside() {
        let bad =
            SMALL.replace("date = \"2024-03-05\"", "date = \"2024-03-05\"\nurl = \"javascript:alert(1)\"");
        let e = Manifest::parse(&bad).unwrap_err().to_string();
        assert!(e.contains("not http(s)"), "{e}");
        let bad = SMALL.replace("documents/outcome.md", "../../etc/passwd");
        assert!(Manifest::parse(&bad).unwrap_err().to_string().contains("not inside"));
    }

    #[test]
    fn pillars_hold_areas_and_an_area_sits_under_one_pillar() {
        let with = format!(
            "{SMALL}\n[[pillar]]\nid = \"infra\"\nname = \"Infrastructure\"\nname_ja = \"インフラ\"\nareas = [\"telecoms\", \"cyber\"]\n\n[[pillar]]\nid = \"data\"\nname = \"Data\"\nareas = [\"data\"]\n"
        );
        let m = Manifest::parse(&with).unwrap();
        assert_eq!(m.pillar_of("cyber").map(|p| p.id.as_str()), Some("infra"));
        assert_eq!(m.pillar_of("governance"), None);
        let twice = with.replace("areas = [\"data\"]", "areas = [\"cyber\"]");
        let e = Manifest::parse(&twice).unwrap_err().to_string();
        assert!(e.contains("area `cyber` is under both pillar `infra` and pillar `data`"), "{e}");
        let bad_id = with.replace("id = \"data\"\nname = \"Data\"", "id = \"Data Pillar\"\nname = \"Data\"");
        assert!(Manifest::parse(&bad_id).unwrap_err().to_string().contains("pillar id `Data Pillar`"));
    }

    #[test]
    fn bad_dates_are_refused() {
        let bad = SMALL.replace("2024-03-05", "2024-31-05");
        let e = Manifest::parse(&bad).unwrap_err().to_string();
        assert!(e.contains("is not a period"), "{e}");
    }
}
