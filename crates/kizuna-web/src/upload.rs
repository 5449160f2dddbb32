//! Editors add documents: an upload form whose file is size-limited and type-checked here, then
//! analysed with the partnership's earlier documents (by the [`DocumentIntake`] the binary
//! provides: the engine is not this crate's business) and stored like any ingest, audited.

use std::future::Future;
use std::pin::Pin;

use askama::Template;
use axum::extract::{Multipart, Path, State};
use axum::response::{Html, Redirect};
use kizuna_core::{Handling, Language, Permission};
use kizuna_store::{PartnershipRow, Store};

use crate::i18n::Ui;
use crate::session::SignedIn;
use crate::{AppState, WebError};

/// A document as uploaded, checked.
#[derive(Clone, Debug)]
pub struct Upload {
    pub partnership: String,
    pub file_name: String,
    pub bytes: Vec<u8>,
    pub title: String,
    /// As given (a date or period, e.g. `2025-01-22`, `2024-Q3`), when given.
    pub date: Option<String>,
    pub language: Language,
    pub kind: Option<String>,
    pub handling: Handling,
}

/// Turns an upload into store rows: the partnership's documents analysed again with the new
/// one last, so its statements link to earlier commitments.
pub trait DocumentIntake: Send + Sync {
    fn analyse<'a>(
        &'a self,
        store: &'a Store,
        upload: &'a Upload,
    ) -> Pin<Box<dyn Future<Output = Result<kizuna_store::PartnershipRecord, String>> + Send + 'a>>;
}

/// The kinds of file accepted, by extension, with how to recognise their content.
const ACCEPTED: [&str; 6] = ["txt", "md", "markdown", "html", "htm", "pdf"];

/// Refuses what is not a document this site can read, naming the file and the problem.
pub fn check_file(name: &str, bytes: &[u8], max_bytes: usize) -> Result<(), WebError> {
    if bytes.is_empty() {
        return Err(WebError::BadRequest(format!("{name}: the file is empty")));
    }
    if bytes.len() > max_bytes {
        return Err(WebError::TooLarge(format!(
            "{name}: the file is {} bytes, over the limit of {max_bytes} bytes",
            bytes.len()
        )));
    }
    let extension = name.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()).unwrap_or_default();
    if !ACCEPTED.contains(&extension.as_str()) {
        return Err(WebError::BadRequest(format!(
            "{name}: `.{extension}` files are not accepted (accepted: {})",
            ACCEPTED.join(", ")
        )));
    }
    let ok =
        if extension == "pdf" { bytes.starts_with(b"%PDF-") } else { std::str::from_utf8(bytes).is_ok() };
    if !ok {
        let expected = if extension == "pdf" { "a PDF" } else { "UTF-8 text" };
        return Err(WebError::BadRequest(format!("{name}: the content is not {expected}")));
    }
    Ok(())
}

#[derive(Template)]
#[template(path = "upload.html")]
struct UploadPage {
    ui: Ui,
    partnership: PartnershipRow,
    max_bytes: usize,
    enabled: bool,
}

pub async fn form(
    State(app): State<AppState>,
    ui: Ui,
    person: SignedIn,
    Path(id): Path<String>,
) -> Result<Html<String>, WebError> {
    person.require(Permission::Edit)?;
    let partnership =
        app.store.partnership(&id).await?.ok_or_else(|| WebError::NotFound(format!("partnership `{id}`")))?;
    let page =
        UploadPage { ui, partnership, max_bytes: app.config.max_upload_bytes, enabled: app.intake.is_some() };
    Ok(Html(page.render()?))
}

/// `POST /p/{partnership}/upload`: the form's upload; the new document's page opens.
pub async fn upload(
    State(app): State<AppState>,
    ui: Ui,
    person: SignedIn,
    Path(id): Path<String>,
    form: Multipart,
) -> Result<Redirect, WebError> {
    let added = add_document(&app, &person, &id, form).await?;
    let target = added.map_or_else(|| format!("/p/{id}"), |d| format!("/documents/{d}"));
    Ok(Redirect::to(&ui.href(&target)))
}

/// A document added through the API.
#[derive(serde::Serialize, utoipa::ToSchema)]
pub struct AddedDocument {
    /// The new document's id (SHA-256 of its bytes).
    pub id: String,
    /// Its page.
    pub href: String,
    /// Where the API serves it, with its commitments and evidence.
    pub api: String,
}

/// Checks an upload (the fields of the form: `file`, and optionally `title`, `date`,
/// `language`, `kind`, `handling`), analyses it with the partnership's earlier documents and
/// stores it, as `person`: the new document's id (none when the analysis did not name it).
pub(crate) async fn add_document(
    app: &AppState,
    person: &SignedIn,
    id: &str,
    mut form: Multipart,
) -> Result<Option<String>, WebError> {
    person.require(Permission::Edit)?;
    let Some(intake) = app.intake.clone() else {
        return Err(WebError::BadRequest("this server does not analyse uploaded documents".into()));
    };
    if app.store.partnership(id).await?.is_none() {
        return Err(WebError::NotFound(format!("partnership `{id}`")));
    }
    let (mut file, mut fields) = (None, std::collections::HashMap::new());
    while let Some(field) =
        form.next_field().await.map_err(|e| WebError::BadRequest(format!("upload: {e}")))?
    {
        let name = field.name().unwrap_or_default().to_owned();
        if name == "file" {
            let file_name = field.file_name().unwrap_or("upload").to_owned();
            let bytes = field.bytes().await.map_err(|e| WebError::TooLarge(format!("{file_name}: {e}")))?;
            file = Some((file_name, bytes.to_vec()));
        } else {
            let value = field.text().await.map_err(|e| WebError::BadRequest(format!("{name}: {e}")))?;
            fields.insert(name, value.trim().to_owned());
        }
    }
    let (file_name, bytes) = file.ok_or_else(|| WebError::BadRequest("file: no file was sent".into()))?;
    check_file(&file_name, &bytes, app.config.max_upload_bytes)?;
    let field = |k: &str| fields.get(k).cloned().filter(|v| !v.is_empty());
    let date = field("date");
    if let Some(d) = &date
        && d.parse::<kizuna_core::Period>().is_err()
    {
        return Err(WebError::BadRequest(format!(
            "date: `{d}` is not a date or period (e.g. 2025-01-22, 2024-Q3)"
        )));
    }
    let language = match field("language").as_deref() {
        None | Some("en") => Language::En,
        Some("ja") => Language::Ja,
        Some(other) => return Err(WebError::BadRequest(format!("language: `{other}` is not en or ja"))),
    };
    let handling = match field("handling") {
        None => Handling::Public,
        Some(h) => Handling::from_name(&h)
            .ok_or_else(|| WebError::BadRequest(format!("handling: `{h}` is not public or restricted")))?,
    };
    let title = field("title").unwrap_or_else(|| file_name.clone());
    let upload = Upload {
        partnership: id.to_owned(),
        file_name,
        bytes,
        title,
        date,
        language,
        kind: field("kind"),
        handling,
    };
    let record = intake.analyse(&app.store, &upload).await.map_err(WebError::BadRequest)?;
    let report = app.store.ingest_as(&record, app.clock.now(), &person.user.id).await?;
    if report.documents_added == 0 {
        return Err(WebError::Conflict(format!(
            "{}: this document is already in the record",
            upload.file_name
        )));
    }
    let added = record.documents.iter().find(|d| d.document.path.ends_with(&upload.file_name));
    Ok(added.map(|d| d.document.id.clone()))
}

#[cfg(test)]
mod tests {
    use super::check_file;

    #[test]
    fn files_are_checked_by_size_extension_and_content() {
        assert!(check_file("a.txt", b"hello", 100).is_ok());
        assert!(check_file("a.pdf", b"%PDF-1.7 ...", 100).is_ok());
        let refused = |name: &str, bytes: &[u8]| check_file(name, bytes, 10).unwrap_err().to_string();
        assert!(refused("a.txt", b"").contains("empty"));
        assert!(refused("a.txt", b"01234567890").contains("over the limit of 10 bytes"));
        assert!(refused("a.exe", b"MZ").contains("`.exe` files are not accepted"));
        assert!(refused("a.pdf", b"not a pdf").contains("not a PDF"));
        assert!(refused("a.md", &[0xff, 0xfe]).contains("not UTF-8"));
    }
}
