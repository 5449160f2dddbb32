//! Language versions of one commitment (a translation and its original) count as one: what is
//! reported on either counts for both. Pure grouping of stored pairs, shared by the web's
//! statuses and the reports' record.

use std::collections::HashMap;

/// Each commitment's language versions: the ids of the group each belongs to, for every
/// commitment that has other versions (`pairs` are (original, translation)).
pub fn version_groups(pairs: &[(String, String)]) -> HashMap<&str, Vec<&str>> {
    // The original of a translation, followed up (a translation of a translation counts with the
    // first original); a loop cannot happen in stored alignments, but is cut anyway.
    let original: HashMap<&str, &str> = pairs.iter().map(|(o, t)| (t.as_str(), o.as_str())).collect();
    let root_of = |id: &str| -> String {
        let mut at = id;
        for _ in 0..pairs.len() {
            match original.get(at) {
                Some(o) => at = *o,
                None => break,
            }
        }
        at.to_owned()
    };
    let mut members: HashMap<String, Vec<&str>> = HashMap::new();
    for (o, t) in pairs {
        for id in [o.as_str(), t.as_str()] {
            let group = members.entry(root_of(id)).or_default();
            if !group.contains(&id) {
                group.push(id);
            }
        }
    }
    let mut out: HashMap<&str, Vec<&str>> = HashMap::new();
    for group in members.into_values() {
        for id in &group {
            out.insert(*id, group.clone());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn language_versions_are_grouped_whatever_the_order_of_the_pairs() {
        let pairs = [("en".to_owned(), "ja".to_owned()), ("en".to_owned(), "fr".to_owned())];
        let groups = version_groups(&pairs);
        for id in ["en", "ja", "fr"] {
            let mut members = groups[id].clone();
            members.sort();
            assert_eq!(members, ["en", "fr", "ja"], "{id}");
        }
        assert!(!groups.contains_key("de"));
    }
}
