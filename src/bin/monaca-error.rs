//! monaca-error: shows what the library makes of a Monaca Backend response.
//!
//! Usage: monaca-error [--status N] [--json | --report] [FILE | -]
//!        monaca-error --timeout [--json | --report]
//!
//! Reads the response body from FILE (or standard input when FILE is `-` or absent), classifies
//! it with HTTP status N (200 when not given), and prints the kind, code, name, message, detail,
//! data and each parameter's messages; `--json` prints the JSON form instead, `--report` the
//! report (every field in one JSON text, the schema of `monaca_error_report_json`); both print
//! `null` for a success. Exit status: 0 when the input was read and classified, 2 on a usage or I/O error.

use monaca_cloud_error::CloudError;
use std::io::{self, Read, Write};
use std::process::ExitCode;

const USAGE: &str =
    "usage: monaca-error [--status N] [--json | --report] [FILE | -]\n       monaca-error --timeout [--json | --report]";

#[derive(Clone, Copy, PartialEq, Eq)]
enum Output {
    Text,
    Json,
    Report,
}

struct Options {
    status: i32,
    output: Output,
    timeout: bool,
    input: Option<String>,
}

fn parse_args(args: impl Iterator<Item = String>) -> Result<Options, String> {
    let mut options = Options {
        status: 200,
        output: Output::Text,
        timeout: false,
        input: None,
    };
    let mut args = args.peekable();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--json" | "--report" if options.output != Output::Text => {
                return Err("--json and --report exclude each other".into())
            }
            "--json" => options.output = Output::Json,
            "--report" => options.output = Output::Report,
            "--timeout" => options.timeout = true,
            "--status" => {
                let value = args.next().ok_or("--status needs a number")?;
                options.status = value
                    .parse()
                    .map_err(|_| format!("--status: {value:?} is not a 32-bit integer"))?;
            }
            "-h" | "--help" => return Err(String::new()),
            _ if arg.starts_with("--") => return Err(format!("unknown option {arg}")),
            _ if options.input.is_some() => return Err("more than one input file".into()),
            _ => options.input = Some(arg),
        }
    }
    Ok(options)
}

fn read_body(input: Option<&str>) -> io::Result<Vec<u8>> {
    match input {
        None | Some("-") => {
            let mut body = Vec::new();
            io::stdin().read_to_end(&mut body)?;
            Ok(body)
        }
        Some(path) => std::fs::read(path),
    }
}

fn describe(error: &CloudError, out: &mut impl Write) -> io::Result<()> {
    writeln!(out, "kind:    {}", error.kind().label())?;
    writeln!(out, "code:    {}", error.code())?;
    writeln!(out, "name:    {}", error.name().unwrap_or("(none)"))?;
    writeln!(out, "message: {}", error.message().escape_debug())?;
    writeln!(out, "detail:  {}", error.detail().unwrap_or("(none)"))?;
    writeln!(out, "data:    {}", error.data_json().unwrap_or("(absent)"))?;
    if error.param_count() > 0 {
        writeln!(out, "params:  {}", error.param_count())?;
        for param in error.params() {
            let messages: Vec<String> = param
                .messages()
                .map(|m| format!("\"{}\"", m.escape_debug()))
                .collect();
            writeln!(
                out,
                "  {}: {}",
                param.name.escape_debug(),
                messages.join(", ")
            )?;
        }
    }
    Ok(())
}

fn main() -> ExitCode {
    let options = match parse_args(std::env::args().skip(1)) {
        Ok(options) => options,
        Err(problem) => {
            if !problem.is_empty() {
                eprintln!("monaca-error: {problem}");
            }
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    let error = if options.timeout {
        Some(CloudError::timeout())
    } else {
        match read_body(options.input.as_deref()) {
            Ok(body) => CloudError::from_response(options.status, &body),
            Err(problem) => {
                let source = options.input.as_deref().unwrap_or("standard input");
                eprintln!("monaca-error: cannot read {source}: {problem}");
                return ExitCode::from(2);
            }
        }
    };
    let mut out = io::stdout().lock();
    let written = match (&error, options.output) {
        (None, Output::Json | Output::Report) => writeln!(out, "null"),
        (None, Output::Text) => writeln!(out, "success: the response holds a result and no error"),
        (Some(error), Output::Json) => writeln!(out, "{}", error.to_json()),
        (Some(error), Output::Report) => writeln!(out, "{}", error.report_json()),
        (Some(error), Output::Text) => describe(error, &mut out),
    };
    match written.and_then(|()| out.flush()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(problem) => {
            eprintln!("monaca-error: cannot write the output: {problem}");
            ExitCode::from(2)
        }
    }
}
