//! Command-line flags and environment variables: the one place the binary is configured.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

/// Kizuna keeps the record of international digital partnerships: what was promised, by whom,
/// what has happened since, with citations down to the paragraph.
#[derive(Debug, Parser)]
#[command(name = "kizuna", version, about, long_about = None)]
pub struct Cli {
    /// Largest document accepted, in bytes.
    #[arg(long, global = true, env = "KIZUNA_MAX_FILE_SIZE", default_value_t = kizuna_text::decode::DEFAULT_MAX_BYTES)]
    pub max_file_size: u64,

    /// Where the record is kept: a SQLite file (`sqlite://path`) or PostgreSQL
    /// (`postgres://user:password@host/db`).
    #[arg(
        long,
        global = true,
        env = "KIZUNA_DATABASE_URL",
        default_value = "sqlite://kizuna-data/kizuna.db",
        hide_env_values = true
    )]
    pub database_url: String,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Analyse documents (oldest first) into commitments, evidence and links, without touching
    /// any database. Document dates, titles and organisation names come from a manifest: the
    /// one given by --manifest, else a `partnership.toml` in the files' folder or the folder
    /// above it that lists them; without one, dates are read from the documents themselves.
    Analyze {
        /// Output format.
        #[arg(long, value_enum, default_value_t = OutputFormat::Text)]
        format: OutputFormat,
        /// Partnership manifest (partnership.toml) describing the files.
        #[arg(long)]
        manifest: Option<PathBuf>,
        /// Documents, oldest first: .txt, .md, .html or .pdf.
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// Serve the website and the JSON API. An empty store is loaded with the shipped dataset first.
    Serve {
        /// Address to listen on.
        #[arg(long, env = "KIZUNA_LISTEN", default_value = "127.0.0.1:8080")]
        listen: std::net::SocketAddr,
    },
    /// Create the store (when missing) and load the shipped Japan-UK dataset into it.
    Init,
    /// Analyse a dataset (a folder with partnership.toml and its documents) and store it; documents
    /// already stored are left as they are.
    Ingest {
        #[arg(long, default_value = "data/japan-uk")]
        dataset: PathBuf,
    },
    /// Measure extraction and linking against a dataset's hand labels (labels.toml).
    Eval {
        /// Dataset folder holding partnership.toml, labels.toml and the documents.
        #[arg(long, default_value = "data/japan-uk")]
        dataset: PathBuf,
        /// List what was missed and what matched no label.
        #[arg(long, short)]
        verbose: bool,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    Json,
    Text,
}
