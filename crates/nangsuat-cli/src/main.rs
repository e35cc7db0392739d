//! `nangsuat`: the monitoring report (Markdown, HTML, Excel, JSON) and the library's
//! computations on the user's own files, from the command line.
//!
//! Results go to standard output, diagnostics to standard error. Exit status: 0 success,
//! 1 findings or a computation error, 2 a usage error. Help in Vietnamese or English
//! (`--lang vi|en`, else the `LANG` environment variable).

mod capital;
mod cli;
mod commands;
mod ingest;
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

/// A library error in the language of this run (its facts, worded by the library's renderer).
pub fn said(e: &nangsuat::Error) -> String {
    let lang = match LANG.get() {
        Some(cli::HelpLang::Vi) => nangsuat::report::Lang::Vi,
        _ => nangsuat::report::Lang::En,
    };
    nangsuat::report::errors::message(lang, e)
}

/// A file that cannot be read, worded as the library words its own failed reads.
pub fn unreadable_file(path: &std::path::Path, e: &std::io::Error) -> Failure {
    Failure::data(said(&nangsuat::Error::Io {
        path: path.display().to_string(),
        message: e.to_string(),
    }))
}

/// A file that cannot be written, worded as the library words its own failed writes.
pub fn unwritable_file(path: &std::path::Path, e: &std::io::Error) -> Failure {
    Failure::data(said(&nangsuat::Error::Write {
        path: path.display().to_string(),
        message: e.to_string(),
    }))
}

impl From<nangsuat::Error> for Failure {
    fn from(e: nangsuat::Error) -> Failure {
        Failure::data(said(&e))
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

/// Clap's usage errors in Vietnamese (clap itself words them in English): what was wrong, the
/// usage line and where to look; `None` for kinds left to clap.
fn vietnamese_usage_error(e: &clap::Error) -> Option<String> {
    use clap::error::{ContextKind as K, ErrorKind};
    let get = |k: K| e.get(k).map(ToString::to_string).unwrap_or_default();
    let (arg, value) = (get(K::InvalidArg), get(K::InvalidValue));
    let line = match e.kind() {
        ErrorKind::InvalidValue if value.is_empty() => format!("`{arg}` cần một giá trị"),
        ErrorKind::InvalidValue => {
            let valid = e
                .get(K::ValidValue)
                .map(|v| format!(" (giá trị hợp lệ: {v})"))
                .unwrap_or_default();
            format!("giá trị `{value}` không hợp lệ cho `{arg}`{valid}")
        }
        ErrorKind::ValueValidation => {
            let why = std::error::Error::source(e)
                .map(|s| format!(" ({s})"))
                .unwrap_or_default();
            format!("giá trị `{value}` không hợp lệ cho `{arg}`: không đọc được số{why}")
        }
        ErrorKind::MissingRequiredArgument => format!("thiếu đối số bắt buộc: {arg}"),
        ErrorKind::UnknownArgument => format!("không có đối số `{arg}`"),
        ErrorKind::InvalidSubcommand => format!("không có lệnh `{}`", get(K::InvalidSubcommand)),
        ErrorKind::MissingSubcommand => {
            format!("cần một lệnh ({})", get(K::ValidSubcommand))
        }
        ErrorKind::ArgumentConflict => {
            format!("`{arg}` không dùng cùng với `{}`", get(K::PriorArg))
        }
        ErrorKind::TooManyValues | ErrorKind::TooFewValues | ErrorKind::WrongNumberOfValues => {
            format!("số giá trị cho `{arg}` không đúng")
        }
        _ => return None,
    };
    let usage = cli::vietnamese_usage_words(&get(K::Usage).replacen("Usage:", "Cách dùng:", 1));
    let usage = if usage.trim().is_empty() {
        String::new()
    } else {
        format!("{}\n", usage.trim_end())
    };
    Some(format!(
        "nangsuat: lỗi: {line}\n{usage}Xem thêm: thêm --help vào lệnh"
    ))
}

fn main() -> ExitCode {
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let lang = cli::help_language(&args);
    let _ = LANG.set(lang);
    let matches = match cli::command(lang).try_get_matches_from(&args) {
        Ok(m) => m,
        Err(e) => {
            if lang == cli::HelpLang::Vi
                && e.use_stderr()
                && let Some(message) = vietnamese_usage_error(&e)
            {
                eprintln!("{message}");
                return ExitCode::from(2);
            }
            if lang == cli::HelpLang::Vi {
                // Help and version (and help for a command given without its subcommand):
                // clap's placeholders in Vietnamese too.
                let text = cli::vietnamese_usage_words(&e.render().to_string());
                if !e.use_stderr() {
                    print!("{text}");
                    return ExitCode::SUCCESS;
                }
                if e.kind() == clap::error::ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand {
                    eprint!("{text}");
                    return ExitCode::from(2);
                }
            }
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { 2 } else { 0 });
        }
    };
    match commands::run(&matches) {
        Ok(outcome) => {
            if let Some(bytes) = outcome.stdout {
                let mut out = std::io::stdout().lock();
                if let Err(e) = out.write_all(&bytes).and_then(|()| out.flush())
                    && e.kind() != std::io::ErrorKind::BrokenPipe
                {
                    let message = tr(
                        format!("không ghi được ra đầu ra chuẩn ({e})"),
                        format!("cannot write to standard output ({e})"),
                    );
                    eprintln!("nangsuat: {message}");
                    return ExitCode::from(1);
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
