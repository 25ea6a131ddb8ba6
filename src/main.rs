//! The `shuze` binary: parses the command line and prints errors; the library does the rest.

fn main() -> std::process::ExitCode {
    let cli = shuze::cli::Cli::from_command_line();
    match shuze::cli::run(cli) {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(err) => {
            use std::io::Write as _;
            // The message may quote data (a title, a field of a prep file): no control
            // character of it reaches the terminal.
            let message = format!("{err:#}");
            let shown = shuze::clean::for_terminal(&message);
            let _ = writeln!(std::io::stderr(), "{}", shuze::messages::error_line(&shown));
            std::process::ExitCode::FAILURE
        }
    }
}
