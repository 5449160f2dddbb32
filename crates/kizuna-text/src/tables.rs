//! Tables in text: a Markdown pipe table becomes one paragraph per row, its cells joined by
//! " — " as the HTML reader joins a row's cells; a table of actions (a work plan) becomes the
//! items of its header, as an undertaking's list. Progress reports put what happened in tables
//! ("Action | Status | What happened"); read as one paragraph, the whole table was one sentence
//! and no row could be evidence of anything. The row's first cell (the action) stays in front
//! of what happened, as a run-in label, because it names what the row reports on.

/// Whether a table's header row says its rows are things to do: it names an action column
/// ("Action", "Activities", "Deliverable") and no column of what happened ("Status", "Progress",
/// "What happened"), as a work plan annexed to a framework does. Its rows are then laid out as
/// the items of a lead-in (the header, ending with a colon) so that they read as undertakings.
pub(crate) fn lists_actions(header: &[&str]) -> bool {
    let names: Vec<String> = header.iter().map(|h| h.trim().to_lowercase()).collect();
    let named = |words: &[&str]| {
        names.iter().any(|n| words.iter().any(|w| n == w || n.starts_with(&format!("{w} "))))
    };
    named(&[
        "action",
        "actions",
        "activity",
        "activities",
        "deliverable",
        "deliverables",
        "measure",
        "measures",
        "joint action",
        "joint actions",
    ]) && !named(&[
        "status",
        "progress",
        "what happened",
        "outcome",
        "outcomes",
        "result",
        "results",
        "achieved",
        "state of play",
    ])
}

/// The cells of a row of a table of actions as an item's words: a first cell that only numbers
/// the row ("1.1", under "No.") is left out, since the list numbers its items itself and a
/// number would read as the list's own marker.
pub(crate) fn action_row<'a>(header: &[&str], row: &[&'a str]) -> Vec<&'a str> {
    let numbering = header.first().is_some_and(|h| {
        matches!(h.trim().to_lowercase().trim_end_matches('.'), "no" | "#" | "ref" | "number" | "item")
    });
    let label = |c: &str| c.len() <= 6 && c.chars().all(|ch| ch.is_ascii_alphanumeric() || ch == '.');
    let skip = usize::from(numbering && row.first().is_some_and(|c| label(c)));
    row.iter().skip(skip).copied().filter(|c| !c.is_empty()).collect()
}

/// The lead-in a table of actions gets from its header: the cells joined, ending with a colon.
pub(crate) fn action_lead_in(header: &[&str]) -> String {
    let cells: Vec<&str> = header.iter().map(|h| h.trim()).filter(|h| !h.is_empty()).collect();
    format!("{}:", cells.join(" — "))
}

/// The text with every pipe table (a row of cells, then a `|---|---|` separator, then rows)
/// laid out one row a paragraph (one item each under the header, for a table of actions); the
/// separator and any other header are dropped. Other lines are kept as they are.
pub fn pipe_tables(text: &str) -> String {
    let lines: Vec<&str> = text.lines().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < lines.len() {
        let header = lines[i];
        let starts_table =
            cells(header).is_some_and(|c| c.len() >= 2) && lines.get(i + 1).is_some_and(|l| is_separator(l));
        if !starts_table {
            out.push_str(header);
            out.push('\n');
            i += 1;
            continue;
        }
        let head = cells(header).unwrap_or_default();
        let actions = lists_actions(&head);
        if actions {
            out.push('\n');
            out.push_str(&action_lead_in(&head));
            out.push_str("\n\n");
        }
        i += 2;
        while let Some(row) = lines.get(i).and_then(|l| cells(l)) {
            let filled: Vec<&str> = if actions {
                action_row(&head, &row)
            } else {
                row.into_iter().filter(|c| !c.is_empty()).collect()
            };
            if !filled.is_empty() {
                out.push_str(if actions { "- " } else { "\n" });
                out.push_str(&filled.join(" — "));
                out.push_str(if actions { "\n" } else { "\n\n" });
            }
            i += 1;
        }
    }
    if !text.ends_with('\n') {
        out.pop();
    }
    out
}

/// The cells of a table row (`| a | b |` or `a | b`), trimmed; `None` when the line is no row.
fn cells(line: &str) -> Option<Vec<&str>> {
    let t = line.trim();
    if !t.contains('|') || t.starts_with("||") {
        return None;
    }
    let inner = t.strip_prefix('|').unwrap_or(t);
    let inner = inner.strip_suffix('|').unwrap_or(inner);
    Some(inner.split('|').map(str::trim).collect())
}

/// `|---|:---:|---|`: dashes with optional colons, between pipes.
fn is_separator(line: &str) -> bool {
    cells(line).is_some_and(|c| {
        c.iter().all(|cell| {
            let dashes = cell.trim_matches(':');
            dashes.len() >= 3 && dashes.bytes().all(|b| b == b'-')
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_row_of_a_pipe_table_is_a_paragraph_led_by_its_first_cell() {
        let text = "### State of play\n\n| Action | Status | What happened |\n|---|:---:|---|\n| Joint exercise | Delayed | The exercise was postponed to October 2025. |\n| Guide |  | A draft was sent in April 2025. |\n\nAfter the table.\n";
        let laid = pipe_tables(text);
        assert!(
            laid.contains("\nJoint exercise — Delayed — The exercise was postponed to October 2025.\n\n"),
            "{laid}"
        );
        assert!(
            laid.contains("\nGuide — A draft was sent in April 2025.\n\n"),
            "an empty cell adds no dash: {laid}"
        );
        assert!(!laid.contains("What happened") && !laid.contains("---"), "{laid}");
        assert!(laid.starts_with("### State of play\n") && laid.ends_with("After the table.\n"), "{laid}");
    }

    #[test]
    fn a_table_of_actions_becomes_the_items_of_its_header() {
        let text = "| Action | Lead | Timeframe |\n|---|---|---|\n| Publish a joint guide | DISR / JETRO | By end-2024 |\n| Hold a workshop | MIC | 2025 |\n";
        let laid = pipe_tables(text);
        assert_eq!(
            laid,
            "\nAction — Lead — Timeframe:\n\n- Publish a joint guide — DISR / JETRO — By end-2024\n- Hold a workshop — MIC — 2025\n"
        );
        assert!(lists_actions(&["No.", "Action", "Lead agencies", "Timeframe"]));
        assert_eq!(
            action_row(&["No.", "Action", "Lead"], &["1.1", "Publish a guide", "DISR"]),
            ["Publish a guide", "DISR"]
        );
        assert!(!lists_actions(&["Action", "Status", "What happened"]), "a progress table reports");
        assert!(!lists_actions(&["For the European Union", "For Canada"]));
    }

    #[test]
    fn pipes_without_a_separator_are_left_alone() {
        let text = "Connectivity | Cyber | AI\nBoth sides will meet.";
        assert_eq!(pipe_tables(text), text);
    }
}
