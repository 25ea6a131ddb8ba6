//! The `shuze` binary: parses the command line and prints errors; the library does the rest.

use clap::Parser;

fn main() -> std::process::ExitCode {
    let cli = shuze::cli::Cli::parse();
    match shuze::cli::run(cli) {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(err) => {
            use std::io::Write as _;
            let _ = writeln!(std::io::stderr(), "错误 (error): {err:#}");
            std::process::ExitCode::FAILURE
        }
    }
}
