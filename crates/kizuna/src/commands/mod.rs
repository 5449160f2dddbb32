//! One module per subcommand.

mod analyze;
mod audit;
mod backup;
mod eval;
mod export;
mod import;
mod ingest;
mod intake;
mod reanalyze;
mod report;
mod serve;
mod user;

use std::process::ExitCode;

use anyhow::{Context, Result};

use crate::cli::{AuditAction, Cli, Command, CookieSecure, ReviewAction};

pub fn run(cli: Cli) -> Result<ExitCode> {
    match cli.command {
        Command::Analyze { format, manifest, files } => {
            analyze::run(format, manifest, &files, cli.max_file_size)
        }
        Command::Eval { dataset, verbose } => eval::run(&dataset, verbose, cli.max_file_size),
        Command::Init => {
            let shipped = crate::shipped::ShippedDataset::write()?;
            runtime()?.block_on(ingest::run(&cli.database_url, shipped.path(), cli.max_file_size))
        }
        Command::Ingest { dataset } => {
            runtime()?.block_on(ingest::run(&cli.database_url, &dataset, cli.max_file_size))
        }
        Command::Report { as_of, meeting, format, lang, output, partnership, site_url, author } => {
            let basis = match (as_of, meeting) {
                (Some(day), _) => kizuna_report::report::Basis::Day(day),
                (None, Some(id)) => kizuna_report::report::Basis::Meeting(id),
                (None, None) => anyhow::bail!("give --as-of DATE or --meeting ID"),
            };
            let options = report::Options { basis, format, lang, output, partnership, site_url, author };
            runtime()?.block_on(report::run(&cli.database_url, options))
        }
        Command::Export { format, output, partnership, as_of } => {
            runtime()?.block_on(export::run(&cli.database_url, format, &output, partnership, as_of))
        }
        Command::Reanalyze { partnership } => {
            runtime()?.block_on(reanalyze::run(&cli.database_url, partnership.as_deref(), cli.max_file_size))
        }
        Command::Review { action: ReviewAction::Orphans { partnership, all } } => {
            runtime()?.block_on(reanalyze::orphans(&cli.database_url, partnership.as_deref(), all))
        }
        Command::Import { dir } => runtime()?.block_on(import::run(&cli.database_url, &dir)),
        Command::Serve {
            listen,
            cookie_secure,
            max_upload_size,
            public_url,
            max_connections,
            header_timeout,
            trusted_proxies,
        } => {
            let secure_cookies = match cookie_secure {
                CookieSecure::Always => true,
                CookieSecure::Never => false,
                CookieSecure::Auto => !listen.ip().is_loopback(),
            };
            let public_url = public_url.unwrap_or_else(|| format!("http://{listen}"));
            let public_url = public_url.trim_end_matches('/').to_owned();
            let config = kizuna_web::WebConfig {
                secure_cookies,
                max_upload_bytes: max_upload_size,
                public_url,
                max_connections,
                header_read_timeout: std::time::Duration::from_secs(header_timeout.max(1)),
                trusted_proxies,
                chart_fonts: std::sync::Arc::new(report::chart_fonts()),
            };
            runtime()?.block_on(serve::run(&cli.database_url, listen, cli.max_file_size, config))
        }
        Command::User { action } => runtime()?.block_on(user::run(&cli.database_url, action)),
        Command::Audit { action: AuditAction::Verify { head } } => {
            runtime()?.block_on(audit::verify(&cli.database_url, head.as_deref()))
        }
        Command::Backup { output } => runtime()?.block_on(backup::backup(&cli.database_url, &output)),
        Command::Restore { input } => runtime()?.block_on(backup::restore(&cli.database_url, &input)),
        Command::Digest { user } => runtime()?.block_on(audit::digest(&cli.database_url, &user)),
    }
}

/// The dataset shipped with Kizuna, relative to the working folder.
pub const SHIPPED: &str = "data/japan-uk (inside the binary)";

fn runtime() -> Result<tokio::runtime::Runtime> {
    tokio::runtime::Builder::new_multi_thread().enable_all().build().context("starting the async runtime")
}
