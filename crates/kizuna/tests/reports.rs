//! `kizuna report` on the shipped Japan-UK record: the reports as of the January 2024 and the
//! January 2025 Councils differ by exactly what happened in between, they regenerate byte for
//! byte, and the DOCX files open in LibreOffice as a briefing: the summary on page 1, the
//! contents on page 2, every page numbered.
//!
//! The expectation is derived from the record, not written down: a second store holds only the
//! documents published by 16 January 2024, and the web's statuses over each store (with the
//! clock on the report's day) say what each report must show.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Arc;

use axum::body::Body;
use axum::http::Request;
use http_body_util::BodyExt;
use kizuna_core::FixedClock;
use kizuna_store::Store;
use kizuna_web::{AppState, router};
use serde_json::Value;
use time::OffsetDateTime;
use tower::ServiceExt;

const EARLY: &str = "2024-01-16";
const LATE: &str = "2025-01-22";

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

use common::kizuna_on as kizuna;

fn temp_dir(name: &str) -> PathBuf {
    let nanos = OffsetDateTime::now_utc().unix_timestamp_nanos();
    let dir = std::env::temp_dir().join(format!("kizuna-{name}-{}-{nanos}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// The shipped dataset cut to the documents dated on or before `day`, in a folder of its own.
fn dataset_until(day: &str) -> PathBuf {
    let dir = temp_dir("dataset");
    let shipped = root().join("data/japan-uk");
    let manifest = std::fs::read_to_string(shipped.join("partnership.toml")).unwrap();
    let mut kept = String::new();
    for (i, chunk) in manifest.split("[[document]]").enumerate() {
        let date = chunk.lines().find_map(|l| l.strip_prefix("date = \"")).map(|d| &d[..10]);
        if i == 0 || date.is_some_and(|d| d <= day) {
            if i > 0 {
                kept.push_str("[[document]]");
            }
            kept.push_str(chunk);
        }
    }
    std::fs::write(dir.join("partnership.toml"), kept).unwrap();
    std::fs::create_dir_all(dir.join("documents")).unwrap();
    for entry in std::fs::read_dir(shipped.join("documents")).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, dir.join("documents").join(path.file_name().unwrap())).unwrap();
    }
    dir
}

/// Each commitment's status on `day` as the web works it out over `store`.
async fn web_statuses(store: &Store, day: &str) -> BTreeMap<String, String> {
    let at =
        OffsetDateTime::parse(&format!("{day}T00:00:00Z"), &time::format_description::well_known::Rfc3339)
            .unwrap();
    let app = router(AppState::new(
        store.clone(),
        Arc::new(FixedClock(at)),
        kizuna_web::LiveIndex::build(store).await.unwrap(),
    ));
    let response = app
        .oneshot(
            Request::get("/api/v1/partnerships/japan-uk/commitments?per_page=500")
                .body(Body::empty())
                .unwrap(),
        )
        .await
        .unwrap();
    let body: Value =
        serde_json::from_slice(&response.into_body().collect().await.unwrap().to_bytes()).unwrap();
    body["commitments"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| (c["id"].as_str().unwrap().to_owned(), c["status"]["status"].as_str().unwrap().to_owned()))
        .collect()
}

/// What an HTML report shows: per commitment row, its status and the evidence it lists.
fn rows(html: &str) -> BTreeMap<String, (String, BTreeSet<String>)> {
    html.split("<tr id=\"c-")
        .skip(1)
        .map(|row| {
            let row = &row[..row.find("</tr>").unwrap()];
            let id = row[..row.find('"').unwrap()].to_owned();
            let status = row.split("class=\"tag ").nth(1).unwrap().split('"').next().unwrap().to_owned();
            let evidence =
                row.split("data-evidence=\"").skip(1).map(|e| e[..e.find('"').unwrap()].to_owned()).collect();
            (id, (status, evidence))
        })
        .collect()
}

/// The evidence a report as of `day` must list for each commitment: linked, counted from the
/// day the commitment was made, dated after `since` and by `day`.
async fn expected_evidence(
    store: &Store,
    since: Option<&str>,
    day: &str,
) -> BTreeMap<String, BTreeSet<String>> {
    let mut out = BTreeMap::new();
    let documents = store.documents("japan-uk", false).await.unwrap();
    let made_of = |id: &str| documents.iter().find(|d| d.id == id).and_then(|d| d.date.clone()).unwrap();
    let commitments = store
        .commitments(&kizuna_store::CommitmentQuery {
            partnership_id: "japan-uk".into(),
            ..Default::default()
        })
        .await
        .unwrap();
    for c in commitments {
        let made = made_of(&c.document_id);
        let mut ids = BTreeSet::new();
        for e in store.evidence_for(&c.id, false).await.unwrap() {
            let own = e.evidence.date.clone().or(e.document_date.clone()).unwrap();
            let counted =
                kizuna_core::day_of(Some(&own)).unwrap().max(kizuna_core::day_of(Some(&made)).unwrap());
            let counted = counted.to_string();
            if counted.as_str() <= day && since.is_none_or(|s| counted.as_str() > s) {
                ids.insert(e.evidence.id.clone());
            }
        }
        out.insert(c.id, ids);
    }
    out
}

#[tokio::test]
async fn reports_as_of_two_councils_differ_by_what_happened_in_between() {
    let dir = temp_dir("reports");
    let full_url = format!("sqlite://{}/full.db", dir.display());
    let early_url = format!("sqlite://{}/early.db", dir.display());
    kizuna(&full_url, &["init"]);
    let early_dataset = dataset_until(EARLY);
    kizuna(&early_url, &["ingest", "--dataset", early_dataset.to_str().unwrap()]);
    let full = Store::open(&full_url).await.unwrap();
    let early_store = Store::open(&early_url).await.unwrap();

    let report = |day: &str, format: &str, lang: &str| {
        let out = dir.join(format!("report-{day}-{lang}.{format}"));
        kizuna(
            &full_url,
            &[
                "report",
                "--as-of",
                day,
                "--format",
                format,
                "--lang",
                lang,
                "--output",
                out.to_str().unwrap(),
            ],
        );
        std::fs::read(out).unwrap()
    };
    let (early, late) = (report(EARLY, "html", "en"), report(LATE, "html", "en"));
    let (early, late) = (rows(&String::from_utf8(early).unwrap()), rows(&String::from_utf8(late).unwrap()));

    // Commitments: the early report has exactly those published by its day; the late one adds
    // exactly the commitments of the documents dated in between.
    let early_statuses = web_statuses(&early_store, EARLY).await;
    let late_statuses = web_statuses(&full, LATE).await;
    assert!(early_statuses.len() > 30 && late_statuses.len() > early_statuses.len());
    assert_eq!(early.keys().collect::<Vec<_>>(), early_statuses.keys().collect::<Vec<_>>());
    assert_eq!(late.keys().collect::<Vec<_>>(), late_statuses.keys().collect::<Vec<_>>());
    let documents = full.documents("japan-uk", false).await.unwrap();
    let between: BTreeSet<&str> = documents
        .iter()
        .filter(|d| d.date.as_deref().is_some_and(|x| x > EARLY && x <= LATE))
        .map(|d| d.id.as_str())
        .collect();
    assert!(!between.is_empty());
    for id in late.keys().filter(|id| !early.contains_key(*id)) {
        let c = full.commitment(id, false).await.unwrap().unwrap();
        assert!(
            between.contains(c.document_id.as_str()),
            "{id} is new in the later report but was made earlier"
        );
    }

    // Statuses: each report's are the web's over the record as it stood on its day.
    for (id, (status, _)) in &early {
        assert_eq!(status, &early_statuses[id], "{id} as of {EARLY}");
    }
    for (id, (status, _)) in &late {
        assert_eq!(status, &late_statuses[id], "{id} as of {LATE}");
    }
    assert!(early.iter().any(|(id, (s, _))| s != &late[id].0), "something changed status in a year");

    // Evidence: the early report lists what was reported by its day (there was no earlier
    // Council); the later one what was reported after the January 2024 Council.
    let early_evidence = expected_evidence(&early_store, None, EARLY).await;
    let late_evidence = expected_evidence(&full, Some(EARLY), LATE).await;
    for (id, (_, evidence)) in &early {
        assert_eq!(evidence, &early_evidence[id], "{id} as of {EARLY}");
    }
    for (id, (_, evidence)) in &late {
        assert_eq!(evidence, &late_evidence[id], "{id} as of {LATE}");
    }
    assert!(late.values().any(|(_, e)| !e.is_empty()), "the 2025 statement reports progress");

    // Regenerated later, the same report is the same bytes, in every format.
    for format in ["html", "md", "docx"] {
        let first = report(LATE, format, "ja");
        assert!(!first.is_empty());
        assert!(first == report(LATE, format, "ja"), "{format} regenerates byte for byte");
    }

    // The DOCX files open in LibreOffice.
    let docx: Vec<PathBuf> = [EARLY, LATE]
        .iter()
        .flat_map(|day| {
            ["en", "ja"].map(|lang| {
                let bytes = report(day, "docx", lang);
                let path = dir.join(format!("{day}-{lang}.docx"));
                std::fs::write(&path, bytes).unwrap();
                path
            })
        })
        .collect();
    for (pdf, lang) in convert_with_libreoffice(&docx, &dir).iter().zip(["en", "ja"].iter().cycle()) {
        check_briefing_pages(pdf, lang, &dir);
    }

    let _ = std::fs::remove_dir_all(&dir);
    let _ = std::fs::remove_dir_all(&early_dataset);
}

/// Whether `tool` runs; without it a check fails under CI (`CI=true`) and is skipped with a
/// notice elsewhere.
fn have(tool: &str, package: &str) -> bool {
    let found = std::env::var_os("PATH")
        .is_some_and(|path| std::env::split_paths(&path).any(|d| d.join(tool).is_file()));
    if !found {
        assert!(
            std::env::var("CI").is_err(),
            "{tool} is needed to check the DOCX reports: apt-get install {package}"
        );
        eprintln!("NOTICE: {tool} not found; the DOCX reports were not checked with it");
    }
    found
}

/// The briefing as LibreOffice lays it out: page 1 the summary with its page number, page 2
/// the contents (filled in, with page numbers), every page drawn as a picture.
fn check_briefing_pages(pdf: &Path, lang: &str, dir: &Path) {
    if !have("pdftotext", "poppler-utils") {
        return;
    }
    let info = Command::new("pdfinfo").arg(pdf).output().expect("pdfinfo runs");
    let info = String::from_utf8_lossy(&info.stdout);
    let pages: usize = info.lines().find_map(|l| l.strip_prefix("Pages:")).unwrap().trim().parse().unwrap();
    assert!(pages >= 4, "{}: {pages} pages", pdf.display());
    let page = |n: usize| {
        let out = Command::new("pdftotext")
            .args(["-f", &n.to_string(), "-l", &n.to_string(), "-layout"])
            .arg(pdf)
            .arg("-")
            .output()
            .expect("pdftotext runs");
        String::from_utf8_lossy(&out.stdout).split_whitespace().collect::<Vec<_>>().join(" ")
    };
    let (summary, contents, annex) = match lang {
        "ja" => ("要旨", "目次", "附属書"),
        _ => ("Executive summary", "Contents", "Annex"),
    };
    let first = page(1);
    assert!(first.contains(summary), "page 1 of {} holds the summary: {first}", pdf.display());
    assert!(first.contains(&format!("1 / {pages}")), "page 1 is numbered: {first}");
    let second = page(2);
    assert!(second.contains(contents) && second.contains(annex), "page 2 lists the contents: {second}");
    let pictures = dir.join(format!("pages-{}", pdf.file_stem().unwrap().to_string_lossy()));
    std::fs::create_dir_all(&pictures).unwrap();
    let drawn =
        Command::new("pdftoppm").args(["-r", "30", "-png"]).arg(pdf).arg(pictures.join("page")).status();
    assert!(drawn.is_ok_and(|s| s.success()), "pdftoppm draws {}", pdf.display());
    assert_eq!(std::fs::read_dir(&pictures).unwrap().count(), pages, "a picture of every page");
}

/// Converts each file to PDF with LibreOffice headless, checks a PDF came out and returns the
/// PDFs (none without `soffice`).
fn convert_with_libreoffice(files: &[PathBuf], dir: &Path) -> Vec<PathBuf> {
    if !have("soffice", "libreoffice-writer-nogui") {
        return Vec::new();
    }
    let pdf_dir = dir.join("pdf");
    // A profile of its own, so a LibreOffice the developer has open does not take the job.
    let profile = format!("-env:UserInstallation=file://{}", dir.join("lo-profile").display());
    let out = Command::new("soffice")
        .arg(&profile)
        .args(["--headless", "--convert-to", "pdf", "--outdir"])
        .arg(&pdf_dir)
        .args(files)
        .output()
        .expect("soffice runs");
    let log = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    assert!(out.status.success(), "soffice failed: {log}");
    assert!(!log.to_lowercase().contains("error"), "soffice reported an error: {log}");
    files
        .iter()
        .map(|file| {
            let pdf = pdf_dir.join(file.with_extension("pdf").file_name().unwrap());
            let bytes =
                std::fs::read(&pdf).unwrap_or_else(|_| panic!("{} was not converted: {log}", file.display()));
            assert!(
                bytes.starts_with(b"%PDF") && bytes.len() > 10_000,
                "{} is not a real PDF",
                pdf.display()
            );
            pdf
        })
        .collect()
}
