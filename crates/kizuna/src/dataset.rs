//! Reading a dataset from disk: the manifest and the documents it lists.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use kizuna_core::{Language, Manifest};
use kizuna_text::Options;

/// A document file read from disk with what the manifest says of it.
pub struct LoadedFile {
    pub path: PathBuf,
    pub bytes: Vec<u8>,
    pub title: Option<String>,
    pub date: Option<kizuna_core::Period>,
    pub language: Option<Language>,
}

impl LoadedFile {
    pub fn input(&self) -> kizuna_text::Input<'_> {
        kizuna_text::Input {
            name: self.path.display().to_string(),
            bytes: &self.bytes,
            title: self.title.clone(),
            date: self.date,
            language: self.language,
        }
    }
}

/// Reads a manifest file.
pub fn read_manifest(path: &Path) -> Result<Manifest> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("reading manifest {}", path.display()))?;
    Manifest::parse(&text).with_context(|| format!("in manifest {}", path.display()))
}

/// Reads a document, refusing it before reading when it is over the size limit.
pub fn read_document(path: &Path, max_bytes: u64) -> Result<Vec<u8>> {
    let meta =
        std::fs::metadata(path).with_context(|| format!("{}: cannot read the file", path.display()))?;
    if meta.is_dir() {
        bail!("{}: is a folder, not a document", path.display());
    }
    if meta.len() > max_bytes {
        bail!(
            "{}: the file is {} bytes, over the limit of {} bytes (see --max-file-size)",
            path.display(),
            meta.len(),
            max_bytes
        );
    }
    std::fs::read(path).with_context(|| format!("{}: cannot read the file", path.display()))
}

/// Finds the manifest entry for `file` in `manifest` (stored at `manifest_path`).
fn entry<'m>(
    manifest: &'m Manifest,
    manifest_path: &Path,
    file: &Path,
) -> Option<&'m kizuna_core::manifest::DocumentEntry> {
    let base = manifest_path.parent().unwrap_or(Path::new("."));
    let wanted = std::fs::canonicalize(file).ok()?;
    manifest
        .documents
        .iter()
        .find(|d| std::fs::canonicalize(base.join(&d.file)).ok().as_deref() == Some(wanted.as_path()))
}

/// A `partnership.toml` beside the files or one folder up that lists the first file.
pub fn find_manifest(files: &[PathBuf]) -> Option<PathBuf> {
    let first = files.first()?;
    let dir = std::fs::canonicalize(first).ok()?.parent()?.to_path_buf();
    [dir.join("partnership.toml"), dir.parent()?.join("partnership.toml")]
        .into_iter()
        .filter(|p| p.is_file())
        .find(|p| read_manifest(p).is_ok_and(|m| entry(&m, p, first).is_some()))
}

/// Reads `files` with the metadata `manifest` gives them.
pub fn load(
    files: &[PathBuf],
    manifest: Option<(&Manifest, &Path)>,
    max_bytes: u64,
) -> Result<Vec<LoadedFile>> {
    files
        .iter()
        .map(|path| {
            let bytes = read_document(path, max_bytes)?;
            let e = manifest.and_then(|(m, p)| entry(m, p, path));
            Ok(LoadedFile {
                path: path.clone(),
                bytes,
                title: e.and_then(|e| e.title.clone()),
                date: e.and_then(|e| e.date),
                language: e
                    .and_then(|e| e.language.as_deref())
                    .map(|l| if l == "ja" { Language::Ja } else { Language::En }),
            })
        })
        .collect()
}

/// The manifest's documents in its order, as paths.
pub fn manifest_files(manifest: &Manifest, manifest_path: &Path) -> Vec<PathBuf> {
    let base = manifest_path.parent().unwrap_or(Path::new("."));
    manifest.documents.iter().map(|d| base.join(&d.file)).collect()
}

/// Analysis options from a manifest: organisations and their names.
pub fn options(manifest: Option<&Manifest>, max_bytes: u64) -> Options {
    let organisations =
        manifest.map(|m| m.organisations.iter().map(|o| o.names()).collect()).unwrap_or_default();
    Options { max_bytes, organisations }
}

/// A dataset folder read and analysed: its manifest, files (in the manifest's order) and the
/// analysis of them.
pub struct AnalysedDataset {
    pub manifest: Manifest,
    pub files: Vec<LoadedFile>,
    pub analysis: kizuna_text::Analysis,
}

/// Reads `dir/partnership.toml`, the documents it lists, and analyses them oldest first.
pub fn analyse_dataset(dir: &Path, max_bytes: u64) -> Result<AnalysedDataset> {
    let manifest_path = dir.join("partnership.toml");
    let manifest = read_manifest(&manifest_path)?;
    let paths = manifest_files(&manifest, &manifest_path);
    let files = load(&paths, Some((&manifest, &manifest_path)), max_bytes)?;
    let inputs: Vec<_> = files.iter().map(LoadedFile::input).collect();
    let analysis = kizuna_text::analyze(&inputs, &options(Some(&manifest), max_bytes))?;
    Ok(AnalysedDataset { manifest, files, analysis })
}
