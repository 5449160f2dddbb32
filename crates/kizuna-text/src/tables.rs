//! Tables in text: a Markdown pipe table becomes one paragraph per row, its cells joined by
//! " — " as the HTML reader joins a row's cells. Progress reports put what happened in tables
//! ("Action | Status | What happened"); read as one paragraph, the whole table was one sentence
//! and no row could be evidence of anything. The row's first cell (the action) stays in front
//! of what happened, as a run-in label, because it names what the row reports on.

/// The text with every pipe table (a row of cells, then a `|---|---|` separator, then rows)
/// laid out one row a paragraph; the header row and the separator are dropped. Other lines are
/// kept as they are.
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
        i += 2;
        while let Some(row) = lines.get(i).and_then(|l| cells(l)) {
            let filled: Vec<&str> = row.into_iter().filter(|c| !c.is_empty()).collect();
            if !filled.is_empty() {
                out.push('\n');
                out.push_str(&filled.join(" — "));
                out.push_str("\n\n");
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
    fn pipes_without_a_separator_are_left_alone() {
        let text = "Connectivity | Cyber | AI\nBoth sides will meet.";
        assert_eq!(pipe_tables(text), text);
    }
}
