//! The Japan-UK dataset, inside the binary: `kizuna init` and the first `kizuna serve` of an
//! empty store load it from any working folder (an installed binary has no repository beside
//! it). It is written to a temporary folder for the ordinary dataset reader, and that folder
//! is removed again when done.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use include_dir::{Dir, include_dir};

static DATASET: Dir<'_> = include_dir!("$CARGO_MANIFEST_DIR/../../data/japan-uk");

/// The shipped dataset laid out in a folder of its own, removed on drop.
pub struct ShippedDataset {
    dir: PathBuf,
}

impl ShippedDataset {
    pub fn write() -> Result<ShippedDataset> {
        let nanos =
            std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_nanos());
        let dir = std::env::temp_dir().join(format!("kizuna-shipped-{}-{nanos}", std::process::id()));
        std::fs::create_dir_all(dir.join("documents"))
            .and_then(|()| DATASET.extract(&dir))
            .with_context(|| format!("writing the shipped dataset to {}", dir.display()))?;
        Ok(ShippedDataset { dir })
    }

    pub fn path(&self) -> &Path {
        &self.dir
    }
}

impl Drop for ShippedDataset {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_dataset_travels_inside_the_binary() {
        let shipped = ShippedDataset::write().unwrap();
        assert!(shipped.path().join("partnership.toml").is_file());
        assert!(shipped.path().join("documents/2022-12-07-framework.md").is_file());
        let dir = shipped.path().to_owned();
        drop(shipped);
        assert!(!dir.exists(), "removed when done");
    }
}
