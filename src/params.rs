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
        };
        // `data` was validated, so this cannot fail; if it did, the entries read so far are kept.
        let _ = reader.object(&mut scanner, 0);
        table
    }
}

struct Reader<'t> {
    texts: &'t mut Texts,
    table: &'t mut ParamTable,
    /// The dotted prefix of the object being read ("" at the top; "properties." inside).
    path: String,
}

impl Reader<'_> {
    fn object(&mut self, scanner: &mut Scanner<'_>, depth: usize) -> Scan<()> {
        scanner.object(depth, |s, key| match s.peek_type() {
            Some(ValueType::Object) => {
                let entries_before = self.table.params.len();
                let path_len = self.path.len();
                key.decode_into(&mut self.path);
                self.path.push('.');
                self.object(s, depth + 1)?;
                self.path.truncate(path_len);
                if self.table.params.len() == entries_before {
                    self.entry(key, |_| Ok(()))?; // an empty object: a name without messages
                }
                Ok(())
            }
            Some(ValueType::Array) => self.entry(key, |reader| {
                s.array(depth + 1, |s| reader.message(s, depth + 2))
            }),
            _ => self.entry(key, |reader| reader.message(s, depth + 1)),
        })
    }

    /// Adds the parameter `path + key`, with the messages `read` adds.
    fn entry(&mut self, key: RawStr<'_>, read: impl FnOnce(&mut Self) -> Scan<()>) -> Scan<()> {
        let path = &self.path;
        let name = self.texts.push_with(|buffer| {
            buffer.push_str(path);
            key.decode_into(buffer);
        });
        let first = self.table.messages.len();
        read(self)?;
        let messages = first..self.table.messages.len();
        self.table.params.push(ParamIndex { name, messages });
        Ok(())
    }

    /// Adds one message: a string's decoded text, or any other value's JSON text.
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
