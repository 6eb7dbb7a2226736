//! The per-parameter validation messages of an Invalid params (-32602) error, read from the
//! `data` object the server sent.
//!
//! Rules: one entry per member, in the order sent (a repeated name gives a repeated entry); a
//! string is one message; an array gives one message per element (a non-string element as its
//! JSON text); a nested object gives entries named with a dotted path (`properties.age`), and an
//! empty one gives an entry with no messages; any other value is one message, its JSON text.

use crate::scan::{RawStr, Scan, Scanner, ValueType};
use crate::text::{Span, Texts};
use std::ops::Range;

/// One parameter: its name and the range of its messages in [`ParamTable::messages`].
#[derive(Clone, Debug)]
pub(crate) struct ParamIndex {
    pub name: Span,
    pub messages: Range<usize>,
}

/// Every parameter of an error, with their messages, as spans into the handle's texts.
#[derive(Debug, Default)]
pub(crate) struct ParamTable {
    pub params: Vec<ParamIndex>,
    pub messages: Vec<Span>,
}

impl ParamTable {
    /// Reads the parameters from `data`, which must be validated JSON, writing their texts into
    /// `texts`. Anything but an object gives no parameters.
    #[cfg_attr(monaca_ship, optimize(speed))]
    pub fn read(data: &str, texts: &mut Texts) -> ParamTable {
        let mut scanner = Scanner::new(data.as_bytes());
        if scanner.peek_type() != Some(ValueType::Object) {
            return ParamTable::default();
        }
        let mut table = ParamTable::default();
        let mut reader = Reader {
            texts,
            table: &mut table,
            path: String::new(),
            open: Vec::new(),
        };
        // `data` was validated, so this cannot fail; if it did, the entries read so far are kept.
        let _ = reader.read(&mut scanner);
        table
    }
}

/// A nested object being read (one per level of nesting, on the heap: nesting may be as deep
/// as the scanner allows, so the reader does not recurse).
struct Open {
    /// The length of `Reader::path` before this object's key was added.
    path_len: usize,
    /// The number of entries when the object opened: none more means it was empty.
    entries_before: usize,
}

struct Reader<'t> {
    texts: &'t mut Texts,
    table: &'t mut ParamTable,
    /// The dotted prefix of the object being read ("" at the top; "properties." inside).
    path: String,
    /// The nested objects being read, innermost last.
    open: Vec<Open>,
}

impl Reader<'_> {
    /// Reads the object at the cursor, nested objects included, iteratively.
    #[cfg_attr(monaca_ship, optimize(speed))]
    fn read(&mut self, scanner: &mut Scanner<'_>) -> Scan<()> {
        scanner.enter(0)?;
        let mut first = true;
        loop {
            let depth = self.open.len() + 1; // the containers open around a member's value
            let Some(key) = scanner.next_member(first)? else {
                // The innermost object closed: an empty one is a name without messages.
                let Some(open) = self.open.pop() else {
                    return Ok(());
                };
                if self.table.params.len() == open.entries_before {
                    let name = self.texts.push(&self.path[..self.path.len() - 1]);
                    let messages = self.table.messages.len()..self.table.messages.len();
                    self.table.params.push(ParamIndex { name, messages });
                }
                self.path.truncate(open.path_len);
                first = false;
                continue;
            };
            first = false;
            match scanner.peek_type() {
                Some(ValueType::Object) => {
                    self.open.push(Open {
                        path_len: self.path.len(),
                        entries_before: self.table.params.len(),
                    });
                    key.decode_into(&mut self.path);
                    self.path.push('.');
                    scanner.enter(depth)?;
                    first = true;
                }
                Some(ValueType::Array) => self.entry(key, |reader| {
                    scanner.array(depth, |s| reader.message(s, depth + 1))
                })?,
                _ => self.entry(key, |reader| reader.message(scanner, depth))?,
            }
        }
    }
    /// Adds the parameter `path + key`, with the messages `read` adds.
    fn entry(&mut self, key: RawStr<'_>, read: impl FnOnce(&mut Self) -> Scan<()>) -> Scan<()> {
        let path = &self.path;
        let name = self.texts.push_with(|buffer| {
            crate::text::push_str(buffer, path);
            key.decode_into(buffer);
        });
        let first = self.table.messages.len();
        read(self)?;
        let messages = first..self.table.messages.len();
        self.table.params.push(ParamIndex { name, messages });
        Ok(())
    }

    /// Adds one message: a string's decoded text, or any other value's JSON text.
    #[cfg_attr(monaca_ship, optimize(speed))]
    fn message(&mut self, scanner: &mut Scanner<'_>, depth: usize) -> Scan<()> {
        let span = if scanner.peek_type() == Some(ValueType::String) {
            let text = scanner.string()?;
            self.texts.push_with(|buffer| text.decode_into(buffer))
        } else {
            let text = scanner.value(depth)?;
            self.texts.push(text)
        };
        self.table.messages.push(span);
        Ok(())
    }
}
