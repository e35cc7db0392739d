//! `nangsuat`: the monitoring report (Markdown, HTML, Excel, JSON) and the library's
//! computations on the user's own files, from the command line.
//!
//! Results go to standard output, diagnostics to standard error. Exit status: 0 success,
//! 1 findings or a computation error, 2 a usage error. Help in Vietnamese or English
//! (`--lang vi|en`, else the `LANG` environment variable).

mod capital;
mod cli;
mod commands;
mod scenario;
mod structure;
mod table;

use std::io::Write;
use std::process::ExitCode;

/// The language of messages, set once from the arguments and the environment.
static LANG: std::sync::OnceLock<cli::HelpLang> = std::sync::OnceLock::new();

/// `vi` or `en`, in the language of this run (English until [`LANG`] is set).
pub fn tr(vi: impl Into<String>, en: impl Into<String>) -> String {
    match LANG.get() {
        Some(cli::HelpLang::Vi) => vi.into(),
        _ => en.into(),
    }
}

/// Why a command failed, and its exit status.
#[derive(Debug)]
pub struct Failure {
    /// One line, naming the file, line and column where known.
    pub message: String,
    /// 1 (data, findings, computation) or 2 (usage).
    pub code: u8,
}

impl Failure {
    /// A data or computation error (exit 1).
    pub fn data(message: impl Into<String>) -> Failure {
        Failure {
            message: message.into(),
            code: 1,
        }
    }

    /// A usage error (exit 2).
    pub fn usage(message: impl Into<String>) -> Failure {
        Failure {
            message: message.into(),
            code: 2,
        }
    }
}

impl From<nangsuat::Error> for Failure {
    fn from(e: nangsuat::Error) -> Failure {
        Failure::data(e.to_string())
    }
}

/// What a command produced: text for standard output, or nothing, and whether it reported
/// findings (exit 1).
pub struct Outcome {
    /// Written to standard output.
    pub stdout: Option<Vec<u8>>,
    /// Findings make the exit status 1.
    pub findings: bool,
}

fn main() -> ExitCode {
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let lang = cli::help_language(&args);
    let _ = LANG.set(lang);
    let matches = match cli::command(lang).try_get_matches_from(&args) {
        Ok(m) => m,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { 2 } else { 0 });
        }
    };
    match commands::run(&matches) {
        Ok(outcome) => {
            if let Some(bytes) = outcome.stdout {
                let mut out = std::io::stdout().lock();
                if let Err(e) = out.write_all(&bytes).and_then(|()| out.flush()) {
                    if e.kind() != std::io::ErrorKind::BrokenPipe {
                        eprintln!("nangsuat: stdout: {e}");
                        return ExitCode::from(1);
                    }
                }
            }
            ExitCode::from(u8::from(outcome.findings))
        }
        Err(f) => {
            eprintln!("nangsuat: {}", f.message.replace('\n', " "));
            ExitCode::from(f.code)
        }
    }
}
