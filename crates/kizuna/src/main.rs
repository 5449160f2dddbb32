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
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("KIZUNA_LOG")
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info,sqlx=warn,tantivy=warn")),
        )
        .with_writer(std::io::stderr)
        .init();
    match commands::run(cli) {
        Ok(code) => code,
        Err(error) => {
            eprintln!("kizuna: {error:#}");
            std::process::ExitCode::from(2)
        }
    }
}
