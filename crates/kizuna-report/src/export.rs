//! Open data: the record as CSV or JSON tables (one file per table) or an XLSX workbook (one
//! sheet per table), each with a Frictionless Data Package descriptor (`datapackage.json`)
//! describing every column, plus each document's text and original bytes under `documents/`.
//! And back: a CSV or JSON export read into a [`Record`] for `kizuna import`.
//!
//! Files are returned as (relative path, bytes) and read through a function the caller gives:
//! this module does no I/O itself.

use kizuna_core::manifest::{is_web_address, stays_inside};
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::{Map, Value, json};
use time::Date;

use crate::record::{DocumentText, Record};
use crate::schema::{Field, TABLES, TableSchema};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Csv,
    Json,
    Xlsx,
}

#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("{path}: {reason}")]
    Write { path: String, reason: String },
}

#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("{path}: cannot be read: {reason}")]
    Missing { path: String, reason: String },
    #[error("{path}: {reason}")]
    Garbled { path: String, reason: String },
}

type Row = Map<String, Value>;

/// The rows of each table (in [`TABLES`] order), with the derived columns worked out on `as_of`.
fn rows(record: &Record, as_of: Date) -> Vec<Vec<Row>> {
    fn objects<T: Serialize>(items: &[T]) -> Vec<Row> {
        items
            .iter()
            .filter_map(|item| match serde_json::to_value(item) {
                Ok(Value::Object(map)) => Some(map),
                _ => None,
            })
            .collect()
    }
    let mut documents = objects(&record.documents);
    for d in &mut documents {
        let id = d.get("id").and_then(Value::as_str).unwrap_or_default().to_owned();
        d.insert("text_file".into(), json!(text_file(&id)));
        d.insert("original_file".into(), json!(original_file(&id, d.get("path").and_then(Value::as_str))));
    }
    let known = record.known_on(as_of);
    let judged = known.judged(as_of);
    let reviewed = known.reviewed();
    let mut commitments = objects(&record.commitments);
    for c in &mut commitments {
        let id = c.get("id").and_then(Value::as_str).unwrap_or_default();
        let is_reviewed = reviewed.contains(id);
        if let Some(j) = judged.iter().find(|j| j.commitment.id == id) {
            c.insert("status".into(), json!(j.status.status.as_str()));
            c.insert("overdue".into(), json!(j.status.overdue));
            c.insert("ogp_completion".into(), json!(j.status.status.ogp_completion()));
            c.insert("g7_score".into(), json!(j.status.g7_score()));
            c.insert("status_as_of".into(), json!(as_of.to_string()));
            c.insert("reviewed".into(), json!(is_reviewed));
        }
    }
    vec![
        objects(std::slice::from_ref(&record.partnership)),
        objects(&record.sides),
        objects(&record.organisations),
        objects(&record.bodies),
        objects(&record.meetings),
        documents,
        objects(&record.blocks),
        commitments,
        objects(&record.evidence),
        objects(&record.links),
        objects(&record.link_decisions),
        objects(&record.assessments),
        objects(&record.pillars),
    ]
}

fn text_file(id: &str) -> String {
    format!("documents/{id}.txt")
}

/// The original keeps its file's extension, so it opens with the right program.
fn original_file(id: &str, path: Option<&str>) -> String {
    let ext = path
        .and_then(|p| std::path::Path::new(p).extension())
        .and_then(|e| e.to_str())
        .filter(|e| e.len() <= 8 && e.bytes().all(|b| b.is_ascii_alphanumeric()))
        .unwrap_or("bin");
    format!("documents/{id}.original.{ext}")
}

/// A cell as CSV and XLSX hold it: empty for none, JSON for arrays.
/// Characters that make a spreadsheet read a cell as a formula (OWASP's list).
const FORMULA_STARTS: &[char] = &['=', '+', '-', '@', '\t', '\r'];

/// A text cell that a spreadsheet would run as a formula is written with a leading `'`, which
/// spreadsheets show as text and `read_csv` takes off again; numbers are written as they are.
fn csv_cell(field: &Field, text: String) -> String {
    if field.kind == "string" && text.starts_with(FORMULA_STARTS) { format!("'{text}") } else { text }
}

fn text_of(value: Option<&Value>) -> String {
    match value {
        None | Some(Value::Null) => String::new(),
        Some(Value::String(s)) => s.clone(),
        Some(v) => v.to_string(),
    }
}

/// The export of `record` in `format`, its derived columns as of `as_of`.
pub fn export(record: &Record, as_of: Date, format: Format) -> Result<Vec<(String, Vec<u8>)>, ExportError> {
    let tables = rows(record, as_of);
    let mut files = Vec::new();
    let resource_path = |t: &TableSchema| match format {
        Format::Csv => format!("{}.csv", t.name),
        Format::Json => format!("{}.json", t.name),
        Format::Xlsx => "kizuna.xlsx".to_owned(),
    };
    match format {
        Format::Csv => {
            for (schema, rows) in TABLES.iter().zip(&tables) {
                let mut w = csv::Writer::from_writer(Vec::new());
                let fail = |e: &dyn std::fmt::Display| ExportError::Write {
                    path: resource_path(schema),
                    reason: e.to_string(),
                };
                w.write_record(schema.fields.iter().map(|f| f.name)).map_err(|e| fail(&e))?;
                for row in rows {
                    w.write_record(schema.fields.iter().map(|f| csv_cell(f, text_of(row.get(f.name)))))
                        .map_err(|e| fail(&e))?;
                }
                files.push((resource_path(schema), w.into_inner().map_err(|e| fail(&e))?));
            }
        }
        Format::Json => {
            for (schema, rows) in TABLES.iter().zip(&tables) {
                files.push((resource_path(schema), json_rows(schema, rows).into_bytes()));
            }
        }
        Format::Xlsx => files.push(("kizuna.xlsx".into(), xlsx(&tables)?)),
    }
    files.push(("datapackage.json".into(), datapackage(record, as_of, format, &resource_path)));
    for (id, text) in &record.texts {
        let path = record.document(id).map(|d| d.path.as_str());
        files.push((text_file(id), text.normalised.clone().into_bytes()));
        files.push((original_file(id, path), text.original.clone()));
    }
    Ok(files)
}

fn xlsx(tables: &[Vec<Row>]) -> Result<Vec<u8>, ExportError> {
    let fail = |e: rust_xlsxwriter::XlsxError| ExportError::Write {
        path: "kizuna.xlsx".into(),
        reason: e.to_string(),
    };
    let mut book = rust_xlsxwriter::Workbook::new();
    let bold = rust_xlsxwriter::Format::new().set_bold();
    for (schema, rows) in TABLES.iter().zip(tables) {
        let sheet = book.add_worksheet();
        sheet.set_name(schema.name).map_err(fail)?;
        for (col, field) in schema.fields.iter().enumerate() {
            sheet.write_string_with_format(0, col as u16, field.name, &bold).map_err(fail)?;
        }
        // A sheet a person can work in: the header stays in view, every column filters, and
        // each is as wide as its longer values (within reason).
        let last_col = schema.fields.len().saturating_sub(1) as u16;
        sheet.set_freeze_panes(1, 0).map_err(fail)?;
        sheet.autofilter(0, 0, rows.len() as u32, last_col).map_err(fail)?;
        for (col, field) in schema.fields.iter().enumerate() {
            let widest = rows
                .iter()
                .take(500)
                .map(|row| text_of(row.get(field.name)).chars().count())
                .max()
                .unwrap_or(0);
            let width = widest.max(field.name.len() + 3).clamp(8, 60);
            sheet.set_column_width(col as u16, width as f64).map_err(fail)?;
        }
        for (r, row) in rows.iter().enumerate() {
            let r = r as u32 + 1;
            for (col, field) in schema.fields.iter().enumerate() {
                let col = col as u16;
                match row.get(field.name) {
                    None | Some(Value::Null) => {}
                    Some(Value::Bool(b)) => {
                        sheet.write_boolean(r, col, *b).map_err(fail)?;
                    }
                    Some(Value::Number(n)) => {
                        sheet.write_number(r, col, n.as_f64().unwrap_or_default()).map_err(fail)?;
                    }
                    // Excel cells hold at most 32,767 characters; longer text is in the CSV/JSON
                    // exports and the documents/ folder.
                    Some(v) => {
                        let text: String = text_of(Some(v)).chars().take(32_767).collect();
                        sheet.write_string(r, col, text).map_err(fail)?;
                    }
                }
            }
        }
    }
    book.save_to_buffer().map_err(fail)
}

fn datapackage(
    record: &Record,
    as_of: Date,
    format: Format,
    path: &dyn Fn(&TableSchema) -> String,
) -> Vec<u8> {
    let resources: Vec<Value> = TABLES
        .iter()
        .map(|t| {
            let fields: Vec<Value> = t
                .fields
                .iter()
                .map(|f: &Field| {
                    let mut field = json!({"name": f.name, "type": f.kind, "description": f.description});
                    if f.required {
                        field["constraints"] = json!({"required": true});
                    }
                    field
                })
                .collect();
            let mut resource = json!({
                "name": t.name,
                "path": path(t),
                "profile": "tabular-data-resource",
                "description": t.description,
                "schema": {
                    "fields": fields,
                    "primaryKey": t.key,
                    "foreignKeys": t.refs.iter().map(|(field, table, key)| json!({"fields": field, "reference": {"resource": table, "fields": key}})).collect::<Vec<_>>(),
                    "missingValues": [""],
                },
            });
            match format {
                Format::Csv => {
                    resource["format"] = json!("csv");
                    resource["mediatype"] = json!("text/csv");
                    resource["encoding"] = json!("utf-8");
                }
                Format::Json => {
                    resource["format"] = json!("json");
                    resource["mediatype"] = json!("application/json");
                }
                Format::Xlsx => {
                    resource["format"] = json!("xlsx");
                    // Frictionless (v5) finds a resource's sheet here.
                    resource["dialect"] = json!({"excel": {"sheet": t.name}});
                }
            }
            resource
        })
        .collect();
    let descriptor = json!({
        "profile": "tabular-data-package",
        "name": format!("kizuna-{}", record.partnership.id),
        "title": record.partnership.name,
        "description": "The public record of the partnership kept by Kizuna: commitments, the evidence reported on them, links, people's decisions and assessments, meetings and organisations. Statuses are derived on status_as_of.",
        "status_as_of": as_of.to_string(),
        // What the record is current to: its latest document (or later assessment).
        "record_current_to": record.current_to().map(|d| d.to_string()),
        "audit_head": record.audit_head,
        "resources": resources,
    });
    serde_json::to_vec_pretty(&descriptor).unwrap_or_default()
}

/// Reads an export (CSV or JSON; its `datapackage.json` says which) back into a record. `read`
/// gives the bytes of a file by its path relative to the export.
pub fn import(read: &dyn Fn(&str) -> std::io::Result<Vec<u8>>) -> Result<Record, ImportError> {
    let fetch = |path: &str| {
        read(path).map_err(|e| ImportError::Missing { path: path.into(), reason: e.to_string() })
    };
    let garbled = |path: &str, reason: String| ImportError::Garbled { path: path.into(), reason };
    let descriptor: Value = serde_json::from_slice(&fetch("datapackage.json")?)
        .map_err(|e| garbled("datapackage.json", format!("not JSON: {e}")))?;
    let resources = descriptor["resources"].as_array().cloned().unwrap_or_default();
    let mut tables: Vec<Vec<Row>> = Vec::new();
    for schema in &TABLES {
        let Some(resource) = resources.iter().find(|r| r["name"] == schema.name) else {
            if crate::schema::ADDED_LATER.contains(&schema.name) {
                tables.push(Vec::new());
                continue;
            }
            return Err(garbled("datapackage.json", format!("no resource `{}`", schema.name)));
        };
        let path = resource["path"]
            .as_str()
            .ok_or_else(|| garbled("datapackage.json", format!("`{}` has no path", schema.name)))?;
        let path = inside_package(path).map_err(|e| garbled("datapackage.json", e))?;
        let bytes = fetch(path)?;
        let rows = match resource["format"].as_str() {
            Some("csv") => read_csv(schema, &bytes).map_err(|e| garbled(path, e))?,
            Some("json") => read_json(schema, &bytes).map_err(|e| garbled(path, e))?,
            other => {
                return Err(garbled(
                    path,
                    format!("format {other:?} cannot be imported (use a CSV or JSON export)"),
                ));
            }
        };
        if let Some(twice) = repeated_key(schema, &rows) {
            return Err(garbled(path, format!("the key {twice} is used by more than one row")));
        }
        tables.push(rows);
    }
    let mut t = tables.into_iter();
    let mut next = |name: &str| (t.next().unwrap_or_default(), name.to_owned());
    let mut record = Record {
        partnership: one(next("partnership"))?,
        sides: typed(next("sides"))?,
        organisations: typed(next("organisations"))?,
        bodies: typed(next("bodies"))?,
        meetings: typed(next("meetings"))?,
        documents: Vec::new(),
        blocks: Vec::new(),
        ..Default::default()
    };
    let (documents, _) = next("documents");
    record.documents = typed((documents.clone(), "documents".into()))?;
    record.blocks = typed(next("blocks"))?;
    record.commitments = typed(next("commitments"))?;
    record.evidence = typed(next("evidence"))?;
    record.links = typed(next("links"))?;
    record.link_decisions = typed(next("link_decisions"))?;
    record.assessments = typed(next("assessments"))?;
    record.pillars = typed(next("pillars"))?;
    if let Some(d) = record.documents.iter().find(|d| d.url.as_deref().is_some_and(|u| !is_web_address(u))) {
        let reason = format!(
            "document `{}` has a url that is not http(s): `{}`",
            d.id,
            d.url.as_deref().unwrap_or("")
        );
        return Err(garbled("documents", reason));
    }
    for d in &documents {
        let id = d.get("id").and_then(Value::as_str).unwrap_or_default();
        let file = |key: &str| {
            d.get(key)
                .and_then(Value::as_str)
                .map(str::to_owned)
                .ok_or_else(|| garbled("documents", format!("document `{id}` has no {key}")))
        };
        let (text_path, original_path) = (file("text_file")?, file("original_file")?);
        let text_path = inside_package(&text_path).map_err(|e| garbled("documents", e))?.to_owned();
        let original_path = inside_package(&original_path).map_err(|e| garbled("documents", e))?.to_owned();
        let normalised = String::from_utf8(fetch(&text_path)?)
            .map_err(|_| garbled(&text_path, "not UTF-8 text".into()))?;
        record.texts.insert(id.to_owned(), DocumentText { normalised, original: fetch(&original_path)? });
    }
    Ok(record)
}

/// The first primary key (as `column = value, …`) that more than one row of a table holds: an
/// import must not silently keep one of them.
fn repeated_key(schema: &TableSchema, rows: &[Row]) -> Option<String> {
    if schema.key.is_empty() {
        return None;
    }
    let mut seen = std::collections::HashSet::new();
    rows.iter().find_map(|row| {
        let key: Vec<String> = schema.key.iter().map(|k| format!("{k} = {}", text_of(row.get(*k)))).collect();
        let key = key.join(", ");
        (!seen.insert(key.clone())).then_some(key)
    })
}

/// A file named by a package, refused unless it is a relative path inside the package: no
/// absolute path, no `..`, no drive or scheme — an import must never read the rest of the host.
fn inside_package(path: &str) -> Result<&str, String> {
    if stays_inside(path) { Ok(path) } else { Err(format!("`{path}` is not a file inside the package")) }
}

fn one<T: DeserializeOwned>((rows, name): (Vec<Row>, String)) -> Result<T, ImportError> {
    let mut all: Vec<T> = typed((rows, name.clone()))?;
    if all.len() != 1 {
        return Err(ImportError::Garbled {
            path: name,
            reason: format!("expected one row, found {}", all.len()),
        });
    }
    Ok(all.remove(0))
}

fn typed<T: DeserializeOwned>((rows, name): (Vec<Row>, String)) -> Result<Vec<T>, ImportError> {
    rows.into_iter()
        .enumerate()
        .map(|(i, row)| {
            serde_json::from_value(Value::Object(row)).map_err(|e| ImportError::Garbled {
                path: name.clone(),
                reason: format!("row {}: {e}", i + 1),
            })
        })
        .collect()
}

fn read_csv(schema: &TableSchema, bytes: &[u8]) -> Result<Vec<Row>, String> {
    let mut reader = csv::Reader::from_reader(bytes);
    let headers = reader.headers().map_err(|e| e.to_string())?.clone();
    // An optional column may be missing: packages made before it existed still import.
    for f in schema.fields.iter().filter(|f| f.required) {
        if !headers.iter().any(|h| h == f.name) {
            return Err(format!("no column `{}`", f.name));
        }
    }
    let mut rows = Vec::new();
    for (i, record) in reader.records().enumerate() {
        let record = record.map_err(|e| e.to_string())?;
        let mut row = Row::new();
        for (header, cell) in headers.iter().zip(record.iter()) {
            let Some(field) = schema.fields.iter().find(|f| f.name == header) else { continue };
            let value =
                parse_cell(field, cell).map_err(|e| format!("row {}, column `{header}`: {e}", i + 1))?;
            row.insert(header.to_owned(), value);
        }
        rows.push(row);
    }
    Ok(rows)
}

fn parse_cell(field: &Field, cell: &str) -> Result<Value, String> {
    if cell.is_empty() && !(field.required && field.kind == "string") {
        return Ok(Value::Null);
    }
    Ok(match field.kind {
        "integer" => json!(cell.parse::<i64>().map_err(|_| format!("`{cell}` is not an integer"))?),
        "number" => json!(cell.parse::<f64>().map_err(|_| format!("`{cell}` is not a number"))?),
        "boolean" => json!(cell.parse::<bool>().map_err(|_| format!("`{cell}` is not true or false"))?),
        "array" => serde_json::from_str(cell).map_err(|e| format!("not a JSON array: {e}"))?,
        _ => match cell.strip_prefix('\'') {
            Some(formula) if formula.starts_with(FORMULA_STARTS) => json!(formula),
            _ => json!(cell),
        },
    })
}

fn read_json(schema: &TableSchema, bytes: &[u8]) -> Result<Vec<Row>, String> {
    // An empty table is its header alone (`[["id", …]]`), as `json_rows` writes it.
    let header_only = serde_json::from_slice::<Vec<Vec<String>>>(bytes).is_ok_and(|rows| rows.len() == 1);
    if header_only {
        return Ok(Vec::new());
    }
    let rows: Vec<Row> =
        serde_json::from_slice(bytes).map_err(|e| format!("not a JSON array of objects: {e}"))?;
    for (i, row) in rows.iter().enumerate() {
        if let Some(f) = schema.fields.iter().find(|f| f.required && !row.contains_key(f.name)) {
            return Err(format!("row {}: no `{}`", i + 1, f.name));
        }
    }
    Ok(rows)
}

/// A table as a JSON array of objects whose keys come in the schema's order, as Frictionless
/// reads a row's keys as the header (serde_json's maps would sort them). An empty table is its
/// header row alone: Frictionless reads no columns from `[]`.
fn json_rows(schema: &TableSchema, rows: &[Row]) -> String {
    if rows.is_empty() {
        let header: Vec<Value> = schema.fields.iter().map(|f| Value::from(f.name)).collect();
        return format!("[{}]\n", Value::from(header));
    }
    let mut out = String::from("[");
    for (i, row) in rows.iter().enumerate() {
        out.push_str(if i == 0 { "\n  {" } else { ",\n  {" });
        for (j, field) in schema.fields.iter().enumerate() {
            if j > 0 {
                out.push_str(", ");
            }
            let value = row.get(field.name).unwrap_or(&Value::Null);
            out.push_str(&format!("{}: {}", Value::from(field.name), value));
        }
        out.push('}');
    }
    out.push_str("\n]\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_a_spreadsheet_would_run_are_neutralised_and_read_back() {
        let text = Field { name: "text", kind: "string", required: false, description: "" };
        let score = Field { name: "g7_score", kind: "integer", required: false, description: "" };
        for formula in ["=HYPERLINK(\"http://x\")", "+1", "-cmd", "@SUM(A1)"] {
            let written = csv_cell(&text, formula.into());
            assert_eq!(written, format!("'{formula}"));
            assert_eq!(parse_cell(&text, &written).unwrap(), json!(formula));
        }
        assert_eq!(csv_cell(&score, "-1".into()), "-1", "numbers stay numbers");
        assert_eq!(csv_cell(&text, "Both sides will meet".into()), "Both sides will meet");
    }

    #[test]
    fn a_table_with_a_repeated_key_is_named() {
        let row = |id: &str| -> Row { serde_json::from_value(json!({"id": id})).unwrap() };
        let schema = crate::schema::TABLES.iter().find(|t| t.key == ["id"]).unwrap();
        assert_eq!(repeated_key(schema, &[row("a"), row("b")]), None);
        assert_eq!(repeated_key(schema, &[row("a"), row("b"), row("a")]).as_deref(), Some("id = a"));
    }

    #[test]
    fn a_package_names_only_files_inside_it_and_web_addresses() {
        assert!(inside_package("documents/d1.txt").is_ok());
        for bad in ["/etc/passwd", "../../../../etc/hostname", "documents/../../x", "C:\\x", ""] {
            assert!(inside_package(bad).is_err(), "{bad}");
        }
        assert!(is_web_address("https://www.gov.uk/x") && is_web_address("HTTP://a.example"));
        assert!(!is_web_address("javascript:alert(1)") && !is_web_address("data:text/html,x"));
    }
    use crate::report::tests::sample;
    use std::collections::HashMap;
    use time::macros::date;

    fn with_texts() -> Record {
        let mut record = sample();
        for d in &record.documents {
            record.texts.insert(
                d.id.clone(),
                DocumentText { normalised: format!("Text of {}", d.id), original: vec![0, 159, 146, 150] },
            );
        }
        record
    }

    fn round_trip(format: Format) -> Record {
        let files: HashMap<String, Vec<u8>> =
            export(&with_texts(), date!(2024 - 02 - 01), format).unwrap().into_iter().collect();
        import(&|path| files.get(path).cloned().ok_or_else(|| std::io::Error::other("missing"))).unwrap()
    }

    #[test]
    fn csv_and_json_exports_read_back_as_the_same_record() {
        assert_eq!(round_trip(Format::Csv), with_texts());
        assert_eq!(round_trip(Format::Json), with_texts());
    }

    /// Frictionless reads a JSON table's header from its rows' keys, in order, and no header at
    /// all from `[]`; foreign keys say which tables refer to which.
    #[test]
    fn json_tables_keep_the_schemas_order_and_an_empty_one_its_header() {
        let files: HashMap<String, Vec<u8>> =
            export(&with_texts(), date!(2024 - 02 - 01), Format::Json).unwrap().into_iter().collect();
        let meetings = String::from_utf8(files["meetings.json"].clone()).unwrap();
        let positions: Vec<usize> =
            MEETINGS_KEYS.iter().map(|k| meetings.find(&format!("\"{k}\":")).unwrap()).collect();
        assert!(positions.windows(2).all(|w| w[0] < w[1]), "keys in the schema's order: {meetings}");
        let decisions = String::from_utf8(files["link_decisions.json"].clone()).unwrap();
        assert!(decisions.starts_with("[[\"evidence_id\","), "an empty table is its header: {decisions}");
        let package: Value = serde_json::from_slice(&files["datapackage.json"]).unwrap();
        let links = package["resources"].as_array().unwrap().iter().find(|r| r["name"] == "links").unwrap();
        assert_eq!(links["schema"]["foreignKeys"][1]["reference"]["resource"], "commitments");
    }

    const MEETINGS_KEYS: [&str; 6] = ["id", "body_id", "date", "format", "title", "title_ja"];

    #[test]
    fn every_record_field_has_a_described_column() {
        let tables = rows(&with_texts(), date!(2024 - 02 - 01));
        for (schema, rows) in TABLES.iter().zip(&tables) {
            for row in rows {
                for key in row.keys() {
                    assert!(
                        schema.fields.iter().any(|f| f.name == key),
                        "{}.{key} is not described",
                        schema.name
                    );
                }
            }
        }
        let commitments = &tables[7];
        let workshop = commitments.iter().find(|c| c["id"] == "workshop").unwrap();
        assert_eq!(
            (workshop["status"].as_str(), workshop["g7_score"].as_i64()),
            (Some("delivered"), Some(1))
        );
        assert_eq!(workshop["ogp_completion"], "Complete");
    }

    #[test]
    fn xlsx_has_a_sheet_per_table_and_the_package_describes_every_column() {
        let files: HashMap<String, Vec<u8>> =
            export(&with_texts(), date!(2024 - 02 - 01), Format::Xlsx).unwrap().into_iter().collect();
        assert_eq!(&files["kizuna.xlsx"][..2], b"PK");
        let package: Value = serde_json::from_slice(&files["datapackage.json"]).unwrap();
        assert_eq!(package["resources"].as_array().unwrap().len(), TABLES.len());
        assert_eq!(package["resources"][7]["dialect"]["excel"]["sheet"], "commitments");
        assert!(
            package["resources"][7]["schema"]["fields"]
                .as_array()
                .unwrap()
                .iter()
                .all(|f| f["description"].is_string())
        );
        // Every sheet keeps its header row in view and filters on every column.
        let mut book = zip::ZipArchive::new(std::io::Cursor::new(files["kizuna.xlsx"].clone())).unwrap();
        let mut sheet = String::new();
        std::io::Read::read_to_string(&mut book.by_name("xl/worksheets/sheet8.xml").unwrap(), &mut sheet)
            .unwrap();
        assert!(sheet.contains(r#"ySplit="1""#) && sheet.contains(r#"state="frozen""#), "{sheet}");
        assert!(sheet.contains("<autoFilter ref=\"A1:"), "{sheet}");
        assert!(sheet.contains("<col "), "column widths: {sheet}");
    }

    #[test]
    fn a_garbled_export_is_named() {
        let mut files: HashMap<String, Vec<u8>> =
            export(&with_texts(), date!(2024 - 02 - 01), Format::Csv).unwrap().into_iter().collect();
        files.insert(
            "links.csv".into(),
            b"evidence_id,commitment_id,rank,score,relation\ne1,workshop,first,0.5,progress\n".to_vec(),
        );
        let e = import(&|path| files.get(path).cloned().ok_or_else(|| std::io::Error::other("missing")))
            .unwrap_err();
        assert!(e.to_string().contains("links.csv") && e.to_string().contains("`first`"), "{e}");
        files.remove("links.csv");
        let e = import(&|path| files.get(path).cloned().ok_or_else(|| std::io::Error::other("missing")))
            .unwrap_err();
        assert!(e.to_string().starts_with("links.csv: cannot be read"), "{e}");
    }
}
