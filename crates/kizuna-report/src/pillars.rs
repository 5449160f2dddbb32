//! The order of a report's area sections under the framework's pillars: pillar by pillar as the
//! framework lists them, each pillar's areas as it lists them, then the areas under no pillar,
//! largest first (as reports were laid out before pillars were known).

use serde::Serialize;

use crate::record::Pillar;
use crate::report::{AreaSection, Counts};

/// A pillar as a report shows it: its names and what its commitments add up to.
#[derive(Clone, Debug, Serialize)]
pub struct PillarSection {
    pub id: String,
    pub name: String,
    pub name_ja: Option<String>,
    pub counts: Counts,
}

/// The pillars that hold any section, and the sections in report order with unique anchors.
pub(crate) fn arrange(
    pillars: &[Pillar],
    mut sections: Vec<AreaSection>,
) -> (Vec<PillarSection>, Vec<AreaSection>) {
    let pillar_at = |s: &AreaSection| {
        s.pillar.as_deref().and_then(|id| pillars.iter().position(|p| p.id == id)).unwrap_or(usize::MAX)
    };
    let area_at = |s: &AreaSection| {
        let listed = pillars.get(pillar_at(s)).and_then(|p| p.areas.iter().position(|a| *a == s.area));
        listed.unwrap_or(usize::MAX)
    };
    sections.sort_by(|a, b| {
        (pillar_at(a), area_at(a), std::cmp::Reverse(a.counts.total), &a.area).cmp(&(
            pillar_at(b),
            area_at(b),
            std::cmp::Reverse(b.counts.total),
            &b.area,
        ))
    });
    let mut seen = std::collections::HashSet::new();
    for s in &mut sections {
        s.anchor = format!("area-{}", s.area);
        if !seen.insert(s.area.clone()) {
            s.anchor = format!("area-{}-{}", s.area, s.pillar.as_deref().unwrap_or("none"));
        }
    }
    let held = pillars
        .iter()
        .filter_map(|p| {
            let mut counts = Counts::default();
            for s in sections.iter().filter(|s| s.pillar.as_deref() == Some(p.id.as_str())) {
                counts.merge(&s.counts);
            }
            (counts.total > 0).then(|| PillarSection {
                id: p.id.clone(),
                name: p.name.clone(),
                name_ja: p.name_ja.clone(),
                counts,
            })
        })
        .collect();
    (held, sections)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn section(area: &str, pillar: Option<&str>, total: usize) -> AreaSection {
        AreaSection {
            area: area.into(),
            pillar: pillar.map(Into::into),
            anchor: String::new(),
            counts: Counts { total, ..Default::default() },
            commitments: Vec::new(),
        }
    }

    #[test]
    fn sections_follow_the_framework_then_the_largest_unplaced_area() {
        let pillars = vec![
            Pillar {
                id: "infra".into(),
                position: 0,
                name: "Infrastructure".into(),
                name_ja: None,
                areas: vec!["telecoms".into(), "cyber".into()],
            },
            Pillar {
                id: "data".into(),
                position: 1,
                name: "Data".into(),
                name_ja: None,
                areas: vec!["data".into()],
            },
            Pillar {
                id: "empty".into(),
                position: 2,
                name: "Empty".into(),
                name_ja: None,
                areas: vec!["space".into()],
            },
        ];
        let sections = vec![
            section("governance", None, 3),
            section("data", Some("data"), 2),
            section("cyber", Some("infra"), 9),
            section("general", None, 5),
            section("telecoms", Some("infra"), 1),
            // A commitment a person placed under another pillar than its area's.
            section("data", Some("infra"), 1),
        ];
        let (held, sections) = arrange(&pillars, sections);
        let order: Vec<(&str, Option<&str>)> =
            sections.iter().map(|s| (s.area.as_str(), s.pillar.as_deref())).collect();
        assert_eq!(
            order,
            [
                ("telecoms", Some("infra")),
                ("cyber", Some("infra")),
                ("data", Some("infra")),
                ("data", Some("data")),
                ("general", None),
                ("governance", None)
            ]
        );
        assert_eq!(
            held.iter().map(|p| (p.id.as_str(), p.counts.total)).collect::<Vec<_>>(),
            [("infra", 11), ("data", 2)]
        );
        let anchors: Vec<&str> = sections.iter().map(|s| s.anchor.as_str()).collect();
        assert_eq!(anchors[2..4], ["area-data", "area-data-data"], "each anchor once");
    }
}
