//! One module per subcommand.

mod analyze;
mod eval;

use std::process::ExitCode;

use anyhow::Result;

use crate::cli::{Cli, Command};

pub fn run(cli: Cli) -> Result<ExitCode> {
    match cli.command {
        Command::Analyze { format, manifest, files } => {
            analyze::run(format, manifest, &files, cli.max_file_size)
        }
        Command::Eval { dataset, verbose } => eval::run(&dataset, verbose, cli.max_file_size),
    }
}
