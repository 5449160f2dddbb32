//! The `kizuna` command: the one binary of the product. This file is the edge where errors
//! become messages for people (anyhow with context); the work happens in the library crates.

mod cli;
mod commands;
mod dataset;
mod record;
mod shipped;

use clap::Parser;

fn main() -> std::process::ExitCode {
    let cli = cli::Cli::parse();
    let filter = tracing_subscriber::EnvFilter::try_from_env("KIZUNA_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info,sqlx=warn,tantivy=warn"));
    let logs = tracing_subscriber::fmt().with_env_filter(filter).with_writer(std::io::stderr);
    match cli.log_format {
        // Colour codes only where a person reads them: a file or a pipe gets plain text.
        cli::LogFormat::Text => logs.with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr())).init(),
        cli::LogFormat::Json => logs.json().init(),
    }
    match commands::run(cli) {
        Ok(code) => code,
        Err(error) => {
            eprintln!("kizuna: {error:#}");
            std::process::ExitCode::from(2)
        }
    }
}
