//! `kizuna eval`: precision, recall and link recall against a dataset's hand labels.

use std::path::Path;
use std::process::ExitCode;

use anyhow::{Context, Result};
use kizuna_text::eval::{Labels, evaluate};

use crate::dataset;

pub fn run(dir: &Path, verbose: bool, max_bytes: u64) -> Result<ExitCode> {
    let labels_path = dir.join("labels.toml");
    let labels_text = std::fs::read_to_string(&labels_path)
        .with_context(|| format!("reading {}", labels_path.display()))?;
    let labels = Labels::parse(&labels_text).with_context(|| format!("in {}", labels_path.display()))?;
    let analysis = dataset::analyse_dataset(dir, max_bytes)?.analysis;
    let r = evaluate(&analysis, &labels);
    println!("dataset            {}", dir.display());
    println!("documents          {}", analysis.documents.len());
    println!(
        "extraction recall  {:.3}  ({} of {} core commitments)",
        r.recall(),
        r.core_found,
        r.core_labels
    );
    println!(
        "precision          {:.3}  ({} of {} predictions match a label)",
        r.precision(),
        r.predicted_matching,
        r.predicted
    );
    println!(
        "link recall@1      {:.3}  ({} of {} labelled evidence)",
        r.link_recall_at_1(),
        r.hits_at_1,
        r.evidence_labels
    );
    println!(
        "link recall@3      {:.3}  ({} of {}; {} evidence sentences found)",
        r.link_recall_at_3(),
        r.hits_at_3,
        r.evidence_labels,
        r.evidence_found
    );
    println!("kind agreement     {} of {}", r.kind_agree, r.kind_compared);
    println!("due agreement      {} of {}", r.due_agree, r.due_compared);
    println!("relation agreement {} of {} linked evidence", r.relation_agree, r.relation_compared);
    let s = &r.statuses;
    println!(
        "status agreement   {:.3}  ({} of {} found core commitments, as of the latest document)",
        s.agreement(),
        s.agree,
        s.compared
    );
    println!("false delivered    {}", s.false_delivered);
    println!("false overdue      {}", s.false_overdue);
    println!("set apart          {} predictions kept as aims or context", r.set_apart);
    if verbose {
        for (id, text) in &r.missed {
            println!("missed    {id}: {text}");
        }
        for (anchor, text) in &r.unmatched {
            println!("unlabelled [{anchor}] {text}");
        }
        for (id, why) in &r.missed_links {
            println!("link miss {id}: {why}");
        }
        for (id, labelled, predicted) in &r.field_misses {
            println!("field     {id}: labels say {labelled}, predicted {predicted}");
        }
        for (id, expected, shown) in &s.disagreements {
            println!("status    {id}: labels say {expected}, shown {shown}");
        }
    }
    Ok(ExitCode::SUCCESS)
}
