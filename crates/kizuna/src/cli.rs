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

    /// How log lines are written to standard error: `text` for people (coloured only on a
    /// terminal), `json` for log shippers (one object a line).
    #[arg(long, global = true, env = "KIZUNA_LOG_FORMAT", value_enum, default_value_t = LogFormat::Text)]
    pub log_format: LogFormat,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LogFormat {
    Text,
    Json,
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
        /// Mark the session cookie `Secure` (HTTPS only): `auto` does unless listening on a
        /// loopback address, where browsers are reached over plain HTTP.
        #[arg(long, env = "KIZUNA_COOKIE_SECURE", value_enum, default_value_t = CookieSecure::Auto)]
        cookie_secure: CookieSecure,
        /// Largest document an editor may upload, in bytes.
        #[arg(long, env = "KIZUNA_MAX_UPLOAD_SIZE", default_value_t = 10 * 1024 * 1024)]
        max_upload_size: usize,
        /// The address people reach the site at (behind a reverse proxy, the proxy's): the
        /// absolute links of feeds and calendars use it, never a request's Host header.
        /// `http://LISTEN` when left out.
        #[arg(long, env = "KIZUNA_PUBLIC_URL")]
        public_url: Option<String>,
        /// Connections served at once; more wait in the kernel's queue.
        #[arg(long, env = "KIZUNA_MAX_CONNECTIONS", default_value_t = 512)]
        max_connections: usize,
        /// Seconds a connection may take to send a request's headers, or sit idle between
        /// requests, before it is closed (slow or silent clients cannot hold the server).
        #[arg(long, env = "KIZUNA_HEADER_TIMEOUT", default_value_t = 10)]
        header_timeout: u64,
        /// A reverse proxy's address whose `X-Forwarded-For` header names the client (repeat
        /// for several; comma-separated in the environment). No other peer's is believed.
        #[arg(long = "trusted-proxy", env = "KIZUNA_TRUSTED_PROXIES", value_delimiter = ',')]
        trusted_proxies: Vec<std::net::IpAddr>,
    },
    /// Manage the people who may sign in. Passwords are read from the terminal without echo,
    /// or from standard input (one line) when it is not a terminal, or from KIZUNA_PASSWORD.
    User {
        #[command(subcommand)]
        action: UserAction,
    },
    /// The audit log of every change people made to the record.
    Audit {
        #[command(subcommand)]
        action: AuditAction,
    },
    /// Copy a SQLite store, while it serves, into a new file: a consistent, compact copy of the
    /// record as it stood at one moment. (A PostgreSQL store: pg_dump; see the README.)
    Backup {
        /// The file to write; it must not exist.
        output: PathBuf,
    },
    /// Make a SQLite store from a backup: the backup's audit chain is checked first, and the
    /// store (`--database-url`) must not exist yet.
    Restore {
        /// The backup file `kizuna backup` wrote.
        input: PathBuf,
    },
    /// Print a person's digest of changes to what they follow, as an e-mail message.
    Digest {
        /// The person's user name.
        user: String,
    },
    /// Create the store (when missing) and load the shipped Japan-UK dataset into it.
    Init,
    /// Analyse a dataset (a folder with partnership.toml and its documents) and store it; documents
    /// already stored are left as they are.
    Ingest {
        #[arg(long, default_value = "data/japan-uk")]
        dataset: PathBuf,
    },
    /// Read a partnership's stored documents again with this engine (after an upgrade): each
    /// document read differently has the engine's rows replaced, and every decision people made
    /// goes to the passage its words went to; one that cannot is kept for a reviewer
    /// (`kizuna review orphans`). Documents read as stored are left alone.
    Reanalyze {
        /// Partnership id; may be left out when the store holds one partnership.
        #[arg(long)]
        partnership: Option<String>,
    },
    /// What reviewers must look at.
    Review {
        #[command(subcommand)]
        action: ReviewAction,
    },
    /// Draft a progress report from the public record as it stood on a day (or a meeting's day):
    /// per area, each commitment with its status then, the evidence since the previous meeting of
    /// the same body, new commitments, what is overdue, what never had evidence. Nothing dated
    /// later is used and nothing depends on the day it is made, so a past report regenerates
    /// byte for byte.
    Report {
        /// The day the report is as of (YYYY-MM-DD).
        #[arg(long, value_name = "DATE", value_parser = parse_day, required_unless_present = "meeting", conflicts_with = "meeting")]
        as_of: Option<time::Date>,
        /// A meeting id (see the governance page): the report as of its day.
        #[arg(long, value_name = "ID")]
        meeting: Option<String>,
        #[arg(long, value_enum, default_value_t = ReportFormat::Html)]
        format: ReportFormat,
        /// Language of the report's own words (the record's text is as written).
        #[arg(long, value_enum, default_value_t = Lang::En)]
        lang: Lang,
        /// File to write; HTML and Markdown go to standard output without it.
        #[arg(long, short)]
        output: Option<PathBuf>,
        /// Partnership id; may be left out when the store holds one partnership.
        #[arg(long)]
        partnership: Option<String>,
        /// Address of the Kizuna site that citations link to: the server's public address
        /// (`KIZUNA_PUBLIC_URL`, as `serve` reads it) unless given.
        #[arg(long, env = "KIZUNA_PUBLIC_URL", default_value = "http://127.0.0.1:8080")]
        site_url: String,
        /// Who the DOCX report's properties name as its author.
        #[arg(long, default_value = "Kizuna")]
        author: String,
    },
    /// Write the public record as open data into an empty folder: one table per file (CSV or
    /// JSON) or per sheet (XLSX) — commitments (with status, OGP completion level and G7 score),
    /// evidence, links, link decisions, assessments, meetings, bodies, organisations, sides,
    /// documents and their blocks — with a Frictionless `datapackage.json` describing every
    /// column, and each document's text and original under `documents/`.
    Export {
        #[arg(long, value_enum, default_value_t = ExportFormat::Csv)]
        format: ExportFormat,
        /// Folder to write (created when missing; must be empty).
        #[arg(long, short)]
        output: PathBuf,
        /// Partnership id; may be left out when the store holds one partnership.
        #[arg(long)]
        partnership: Option<String>,
        /// The day the derived columns (status, OGP level, G7 score) are worked out for; the
        /// record's current date (its latest document's) when left out.
        #[arg(long, value_name = "DATE", value_parser = parse_day)]
        as_of: Option<time::Date>,
    },
    /// Load a CSV or JSON export (a folder with datapackage.json) into the store, one
    /// transaction per document; what is already stored is left as it is.
    Import {
        /// The export folder.
        dir: PathBuf,
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

#[derive(Debug, Subcommand)]
pub enum UserAction {
    /// Add a person (the first administrator: `kizuna user add NAME --admin`).
    Add {
        /// User name, used to sign in.
        name: String,
        /// Name shown to others; the user name when left out.
        #[arg(long)]
        display_name: Option<String>,
        #[arg(long, value_enum, default_value_t = RoleArg::Viewer, conflicts_with = "admin")]
        role: RoleArg,
        /// Same as --role admin.
        #[arg(long)]
        admin: bool,
        /// The side the person works for (a side id of the partnership, e.g. `uk`).
        #[arg(long)]
        side: Option<String>,
    },
    /// Set a new password (ends the person's sessions).
    Passwd { name: String },
    /// Stop a person signing in (ends their sessions).
    Disable { name: String },
    /// Let a disabled person sign in again.
    Enable { name: String },
    /// List the people.
    List,
}

#[derive(Debug, Subcommand)]
pub enum ReviewAction {
    /// List the decisions a re-reading could not carry to any passage (exits 1 while any is
    /// unresolved).
    Orphans {
        /// Partnership id; may be left out when the store holds one partnership.
        #[arg(long)]
        partnership: Option<String>,
        /// List the resolved ones too.
        #[arg(long)]
        all: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum AuditAction {
    /// Check the chain of audit events: exits 1 and says where when an event was edited or
    /// deleted.
    Verify {
        /// A head published elsewhere (an export's `datapackage.json`, the log), as `SEQ:HASH`:
        /// the chain must still hold that event, so cutting the last events together with the
        /// head row is found too.
        #[arg(long, value_name = "SEQ:HASH")]
        head: Option<String>,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RoleArg {
    Viewer,
    Editor,
    Reviewer,
    Admin,
}

impl RoleArg {
    pub fn role(self) -> kizuna_core::Role {
        match self {
            RoleArg::Viewer => kizuna_core::Role::Viewer,
            RoleArg::Editor => kizuna_core::Role::Editor,
            RoleArg::Reviewer => kizuna_core::Role::Reviewer,
            RoleArg::Admin => kizuna_core::Role::Admin,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CookieSecure {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    Html,
    Md,
    Docx,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    Csv,
    Json,
    Xlsx,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Lang {
    En,
    Ja,
}

impl Lang {
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Ja => "ja",
        }
    }
}

/// A day as YYYY-MM-DD.
fn parse_day(value: &str) -> Result<time::Date, String> {
    kizuna_web::parse_day(value).map_err(|_| format!("`{value}` is not a day (expected YYYY-MM-DD)"))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    Json,
    Text,
}
