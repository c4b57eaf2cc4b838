//! Writing to stdout: human text and stable JSON, with a closed pipe treated as success.

use std::io::Write;

use serde::Serialize;

use crate::error::CliError;

/// Writes human-readable `text` to stdout in one go, its control characters shown escaped (see
/// [`escape_controls`]): values come from imported registries, bundles and strangers' mail, and a
/// terminal would obey an escape sequence in them.
pub fn print(text: &str) -> Result<(), CliError> {
    write_stdout(&escape_controls(text, Keep::LinesAndTabs))
}

/// Prints `value` as pretty JSON followed by a newline (serde escapes control characters in strings).
pub fn print_json<T: Serialize + ?Sized>(value: &T) -> Result<(), CliError> {
    let mut s = serde_json::to_string_pretty(value).expect("our output types always serialise");
    s.push('\n');
    write_stdout(&s)
}

/// Prints `value` as one line of compact JSON (a stream of reports, one a line).
pub fn print_json_line<T: Serialize + ?Sized>(value: &T) -> Result<(), CliError> {
    let mut s = serde_json::to_string(value).expect("our output types always serialise");
    s.push('\n');
    write_stdout(&s)
}

fn write_stdout(text: &str) -> Result<(), CliError> {
    let mut out = std::io::stdout().lock();
    out.write_all(text.as_bytes()).and_then(|()| out.flush()).map_err(|e| {
        if e.kind() == std::io::ErrorKind::BrokenPipe { CliError::BrokenPipe } else { CliError::Output(e) }
    })
}

/// Writes a line to stderr (a warning, a note, an error), escaped like [`print`]; the line's end
/// is added. Failing to write to stderr is ignored, as `eprintln!` would not.
pub fn eprintln(message: std::fmt::Arguments<'_>) {
    let mut text = escape_controls(&message.to_string(), Keep::LinesAndTabs).into_owned();
    text.push('\n');
    let _ = std::io::stderr().lock().write_all(text.as_bytes());
}

/// Writes `text` to stderr as it is, without a line end: only for text the CLI itself composes
/// from already-escaped parts (a progress line's `\r`, a question).
pub fn eprint_raw(text: &str) {
    let mut err = std::io::stderr().lock();
    let _ = err.write_all(text.as_bytes()).and_then(|()| err.flush());
}

/// Which layout characters [`escape_controls`] lets through.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Keep {
    /// Newlines and tabs: a whole output, whose lines and columns the CLI wrote.
    LinesAndTabs,
    /// None: one value, which must stay on its line and in its column.
    Nothing,
}

/// `text` with every control character (C0, DEL, C1) written as a visible escape — `\x1b`,
/// `\x07`, `\u{9b}` — except the newlines and tabs `keep` allows. Borrowed when there is none.
pub fn escape_controls(text: &str, keep: Keep) -> std::borrow::Cow<'_, str> {
    let escaped = |c: char| c.is_control() && !(keep == Keep::LinesAndTabs && (c == '\n' || c == '\t'));
    if !text.chars().any(escaped) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if !escaped(c) {
            out.push(c);
        } else if (c as u32) < 0x80 {
            out.push_str(&format!("\\x{:02x}", c as u32));
        } else {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        }
    }
    std::borrow::Cow::Owned(out)
}

/// A plain-text table: columns padded to the widest cell, a header row in capitals.
pub struct Table {
    header: Vec<&'static str>,
    rows: Vec<Vec<String>>,
}

impl Table {
    pub fn new(header: Vec<&'static str>) -> Self {
        Table { header, rows: Vec::new() }
    }

    /// Adds a row; a cell's control characters, newlines and tabs included, are shown escaped so
    /// that each value stays in its cell.
    pub fn row(&mut self, cells: Vec<String>) {
        self.rows.push(cells.into_iter().map(|c| escape_controls(&c, Keep::Nothing).into_owned()).collect());
    }

    pub fn render(&self) -> String {
        let mut widths: Vec<usize> = self.header.iter().map(|h| h.chars().count()).collect();
        for row in &self.rows {
            for (w, cell) in widths.iter_mut().zip(row) {
                *w = (*w).max(cell.chars().count());
            }
        }
        let mut out = String::new();
        let line = |out: &mut String, cells: &mut dyn Iterator<Item = &str>| {
            let mut parts = Vec::new();
            for (cell, w) in cells.zip(&widths) {
                parts.push(format!("{cell:<w$}"));
            }
            out.push_str(parts.join("  ").trim_end());
            out.push('\n');
        };
        line(&mut out, &mut self.header.iter().copied());
        for row in &self.rows {
            line(&mut out, &mut row.iter().map(String::as_str));
        }
        out
    }
}

/// `value`, or "unknown" where no source gives it.
pub fn or_unknown(value: Option<&str>) -> String {
    value.map_or_else(|| "unknown".to_owned(), str::to_owned)
}

/// Shortens `s` to `max` characters with an ellipsis. Control characters (escape sequences a
/// stranger's e-mail could carry to the terminal) become spaces.
pub fn clip(s: &str, max: usize) -> String {
    let s: String = s.chars().map(|c| if c.is_control() { ' ' } else { c }).collect();
    if s.chars().count() <= max { s } else { format!("{}…", s.chars().take(max - 1).collect::<String>()) }
}

/// `s` quoted for a POSIX shell, so a command printed for the user to copy runs as shown
/// whatever a stranger put in an address.
pub fn shell_quote(s: &str) -> String {
    let s: String = s.chars().filter(|c| !c.is_control()).collect();
    if !s.is_empty() && s.chars().all(|c| c.is_ascii_alphanumeric() || "@._+-".contains(c)) {
        s
    } else {
        format!("'{}'", s.replace('\'', "'\\''"))
    }
}

/// Wraps `text` at `width` columns, each line indented by `indent` spaces.
pub fn wrap(text: &str, width: usize, indent: usize) -> String {
    let pad = " ".repeat(indent);
    let mut out = String::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > width {
            out.push_str(&pad);
            out.push_str(&line);
            out.push('\n');
            line.clear();
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        out.push_str(&pad);
        out.push_str(&line);
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{Keep, Table, escape_controls};

    #[test]
    fn control_characters_are_shown_escaped_and_layout_is_kept() {
        for (text, keep, shown) in [
            ("plain text\n", Keep::LinesAndTabs, "plain text\n"),
            ("a\tb\nc", Keep::LinesAndTabs, "a\tb\nc"),
            ("a\tb\nc", Keep::Nothing, "a\\x09b\\x0ac"),
            ("\x1b]0;pwned\x07\x1b[2J", Keep::LinesAndTabs, "\\x1b]0;pwned\\x07\\x1b[2J"),
            ("over\rwrite", Keep::LinesAndTabs, "over\\x0dwrite"),
            ("del\x7f", Keep::LinesAndTabs, "del\\x7f"),
            ("c1 \u{9b}2J", Keep::LinesAndTabs, "c1 \\u{9b}2J"),
            ("Zoé Müller", Keep::Nothing, "Zoé Müller"),
        ] {
            assert_eq!(escape_controls(text, keep), shown, "{text:?}");
        }
    }

    #[test]
    fn a_table_cell_with_a_newline_stays_on_its_row() {
        let mut table = Table::new(vec!["ID", "NAME"]);
        table.row(vec!["1".into(), "two\nlines\x1b[2J".into()]);
        assert_eq!(table.render(), "ID  NAME\n1   two\\x0alines\\x1b[2J\n");
    }
}
