//! Lists written inside a sentence: "…agreed to deepen their cooperation by: (i) establishing a
//! Centre…; (ii) launching joint calls…; and (iii) holding a symposium…", or inside a paragraph,
//! a sentence a point: "…took note of the following: a) The workshop took place… b) The call
//! will open…". Each point is an undertaking or a report of its own, so the paragraph is laid
//! out as its lead-in and one item a point, as if the drafter had made a list; what follows the
//! last point is a paragraph again.

use std::sync::LazyLock;

use regex::Regex;

/// A point's marker where a list inside a sentence may have one: after the colon that opens it,
/// the semicolon ("; and") that closes the point before, or the full stop that ends it; "(a)" or
/// "a)".
static MARKER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"([:;.])\s+(?:and\s+|or\s+)?\(?([ivx]{1,4}|[a-h]|\d)\)\s+").expect("static regex")
});

/// The text with every line that holds such a list laid out as lead-in and items.
pub fn inline_lists(text: &str) -> String {
    if !MARKER.captures_iter(text).any(|m| &m[1] == ":") {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len() + 64);
    for line in text.split_inclusive('\n') {
        out.push_str(&laid_out(line).unwrap_or_else(|| line.to_owned()));
    }
    out
}

fn laid_out(line: &str) -> Option<String> {
    let markers: Vec<regex::Captures<'_>> = MARKER.captures_iter(line).collect();
    let opens = markers.iter().position(|m| &m[1] == ":")?;
    let points = &markers[opens..];
    // The points close alike (all "; …" or all ". …") and count on: a, b, c; i, ii, iii; 1, 2, 3.
    let closes = points.get(1).map(|m| m[1].to_owned())?;
    if points[1..].iter().any(|m| m[1] != *closes)
        || !in_sequence(points.iter().map(|m| m.get(2).map_or("", |g| g.as_str())))
    {
        return None;
    }
    let first = points[0].get(0)?;
    let mut out = format!("{}\n\n", line[..first.start() + 1].trim_end());
    for (i, point) in points.iter().enumerate() {
        let whole = point.get(0)?;
        // The point runs to the next one's marker, keeping its "; and" or its full stop.
        let end = points.get(i + 1).map_or(line.len(), |next| {
            let (whole, label) = (next.get(0).map_or(0, |m| m.start()), next.get(2).map_or(0, |m| m.start()));
            line[whole..label].rfind('(').map_or(label, |open| whole + open)
        });
        let mut body = line[whole.end()..end].trim_end();
        let mut rest = "";
        if i + 1 == points.len() {
            // The last point ends with its sentence; what follows is the paragraph again.
            if let Some(stop) = body.find(". ").filter(|&at| body[at + 2..].starts_with(char::is_uppercase)) {
                rest = body[stop + 2..].trim();
                body = &body[..stop + 1];
            }
        }
        out.push_str(&format!("({}) {}\n\n", &point[2], body.trim()));
        if !rest.is_empty() {
            out.push_str(rest);
            out.push('\n');
        }
    }
    Some(out)
}

/// Whether point labels count on from the first: "a b c", "i ii iii", "1 2 3".
fn in_sequence<'a>(labels: impl Iterator<Item = &'a str>) -> bool {
    const ROMAN: [&str; 12] = ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii"];
    let labels: Vec<&str> = labels.collect();
    let roman = labels.first() == Some(&"i") && labels.iter().zip(ROMAN).all(|(l, r)| *l == r);
    let counted = labels.windows(2).all(|w| {
        let (a, b) = (w[0].chars().next().unwrap_or(' '), w[1].chars().next().unwrap_or(' '));
        w[0].len() == 1 && w[1].len() == 1 && b as u32 == a as u32 + 1
    });
    roman || counted
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_list_inside_a_sentence_becomes_its_lead_in_and_items() {
        let text = "5. The two sides agreed to deepen their cooperation by: (i) establishing a Centre by the end of 2024; (ii) launching joint calls in 2024; and (iii) holding a symposium every year. The Mission will explore access to computing.\n";
        let laid = inline_lists(text);
        assert_eq!(
            laid,
            "5. The two sides agreed to deepen their cooperation by:\n\n(i) establishing a Centre by the end of 2024;\n\n(ii) launching joint calls in 2024; and\n\n(iii) holding a symposium every year.\n\nThe Mission will explore access to computing.\n"
        );
    }

    #[test]
    fn one_bracket_or_a_reference_is_no_list() {
        let one = "They agreed on the following: (i) a single point only.\n";
        assert_eq!(inline_lists(one), one);
        let reference = "As set out in Article 3 (a) and Article 4 (b), both sides will act.\n";
        assert_eq!(inline_lists(reference), reference);
        let out_of_order = "They noted: a) the first point. c) a third point.\n";
        assert_eq!(inline_lists(out_of_order), out_of_order);
    }

    #[test]
    fn a_sentence_a_point_after_a_colon_becomes_items() {
        let text = "4. The Ministers took note of the following: a) The workshop took place in Madrid on 8 October 2024. b) The call will open in 2025. c) Officials met in Tokyo on 2 July 2024. The Ministers thanked the hosts.\n";
        assert_eq!(
            inline_lists(text),
            "4. The Ministers took note of the following:\n\n(a) The workshop took place in Madrid on 8 October 2024.\n\n(b) The call will open in 2025.\n\n(c) Officials met in Tokyo on 2 July 2024.\n\nThe Ministers thanked the hosts.\n"
        );
    }
}
