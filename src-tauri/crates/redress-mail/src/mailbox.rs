//! Mailboxes as exported by mail programs — `.mbox` files, Maildir folders, single `.eml`
//! files, or folders of any of these — read as a stream of messages. Memory stays flat whatever
//! the mailbox's size: one chunk of the file and the message being assembled are held at a time,
//! and a message above [`MAX_MESSAGE_BYTES`] is skipped with a per-message problem instead of
//! being held whole (the scan also caps the bytes of messages waiting for a worker).

use std::fs::File;
use std::io::Read;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::Error;

/// Messages above this size are skipped (and reported): no e-mail worth scanning is this large,
/// and holding one would break the promise of flat memory.
pub const MAX_MESSAGE_BYTES: usize = 64 * 1024 * 1024;

/// Chunk read from an mbox file at a time.
const CHUNK: usize = 1024 * 1024;

/// Folders are walked this deep at most (mail programs nest a few levels).
const MAX_DEPTH: usize = 12;

/// What a file in the input holds, told by its first bytes rather than its name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MailFileKind {
    /// Many messages, each starting with a `From ` line (mboxo/mboxrd, as Thunderbird, Apple
    /// Mail and Google Takeout export them).
    Mbox,
    /// One RFC 5322 message (`.eml`, or a file of a Maildir folder).
    Message,
}

/// One file a scan will read: what it holds and its size when it was found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MailFile {
    pub path: PathBuf,
    pub kind: MailFileKind,
    pub bytes: u64,
}

/// The files a scan will read, with their kinds and total size (for progress).
#[derive(Debug, Clone, Default)]
pub struct MailInput {
    pub files: Vec<MailFile>,
    /// Files found in folders that are neither mbox nor e-mail (indexes, attachments, …).
    pub skipped_files: usize,
}

/// Where a message was found: its file, and for an mbox the byte offset of its `From ` line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MessageOrigin {
    pub path: PathBuf,
    pub offset: Option<u64>,
}

impl std::fmt::Display for MessageOrigin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.offset {
            Some(offset) => write!(f, "{} at byte {offset}", self.path.display()),
            None => write!(f, "{}", self.path.display()),
        }
    }
}

/// One message as read from the input, numbered in reading order from 0.
#[derive(Debug)]
pub enum MailItem {
    Message {
        index: usize,
        origin: MessageOrigin,
        bytes: Vec<u8>,
    },
    /// A message (or file) that could not be read; the scan goes on with the next one.
    Problem {
        index: usize,
        origin: MessageOrigin,
        message: String,
    },
}

impl MailItem {
    pub fn index(&self) -> usize {
        match self {
            MailItem::Message { index, .. } | MailItem::Problem { index, .. } => *index,
        }
    }
}

/// How a scan of `paths` is named where it is kept: the file and folder names, as the user
/// would recognise them.
pub fn mailbox_label(paths: &[PathBuf]) -> String {
    paths
        .iter()
        .map(|p| p.file_name().map_or_else(|| p.display().to_string(), |n| n.to_string_lossy().into_owned()))
        .collect::<Vec<_>>()
        .join(", ")
}

impl MailInput {
    /// The size of all files together (for progress).
    pub fn total_bytes(&self) -> u64 {
        self.files.iter().map(|f| f.bytes).sum()
    }
}

/// Resolves what the user pointed at into files: a file is read as an mbox or a message
/// according to its first bytes; a folder (Maildir or any tree of exports) is walked in name
/// order, skipping hidden entries, Maildir `tmp/` folders and files that are neither.
/// A path that does not exist, or a file that is neither, is an error naming it; so is a pipe
/// or device, which is refused without being opened (it could be endless, or never answer).
///
/// Inside folders, symbolic links to folders are not followed (they are counted as skipped),
/// and a file reached twice — by a link, or a hard link — is read once: a folder of links that
/// loop back into it is read as the messages it really holds.
pub fn plan_inputs(paths: &[PathBuf]) -> Result<MailInput, Error> {
    let mut input = MailInput::default();
    let mut seen = Seen::default();
    for path in paths {
        let meta = std::fs::metadata(path).map_err(|source| Error::Read { path: path.clone(), source })?;
        if meta.is_dir() {
            if seen.first_time(&meta) {
                walk(path, 0, &mut input, &mut seen)?;
            }
        } else if !meta.is_file() {
            return Err(Error::InvalidMailbox {
                path: path.clone(),
                message: "this is not a regular file but a pipe, socket or device, so it is not read; give an \
                          .mbox or .eml file or a folder of them"
                    .into(),
            });
        } else {
            match sniff_file(path)? {
                Some(kind) => {
                    if seen.first_time(&meta) {
                        input.files.push(MailFile { path: path.clone(), kind, bytes: meta.len() });
                    }
                }
                None => {
                    return Err(Error::InvalidMailbox {
                        path: path.clone(),
                        message: "this is neither an mbox file (it would start with a \"From \" line) nor an \
                                  e-mail (.eml, starting with headers); export the mailbox from your mail program \
                                  as .mbox or .eml"
                            .into(),
                    });
                }
            }
        }
    }
    Ok(input)
}

/// The folders and files already planned, by device and inode, so none is read twice.
#[derive(Default)]
struct Seen(std::collections::HashSet<(u64, u64)>);

impl Seen {
    /// Whether the file or folder `meta` describes is met for the first time (then it is noted).
    #[cfg(unix)]
    fn first_time(&mut self, meta: &std::fs::Metadata) -> bool {
        use std::os::unix::fs::MetadataExt;
        self.0.insert((meta.dev(), meta.ino()))
    }

    /// Without inodes, links to folders are still not followed; files reached twice are kept.
    #[cfg(not(unix))]
    fn first_time(&mut self, _meta: &std::fs::Metadata) -> bool {
        true
    }
}

fn walk(dir: &Path, depth: usize, input: &mut MailInput, seen: &mut Seen) -> Result<(), Error> {
    if depth > MAX_DEPTH {
        return Ok(());
    }
    let read_err = |source| Error::Read { path: dir.to_path_buf(), source };
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        // A folder the user named must be readable; one found inside it is skipped.
        Err(_) if depth > 0 => {
            input.skipped_files += 1;
            return Ok(());
        }
        Err(e) => return Err(read_err(e)),
    };
    let mut entries: Vec<_> = entries.filter_map(Result::ok).collect();
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if name.starts_with('.') && !is_maildir_subfolder(&name) {
            continue;
        }
        let path = entry.path();
        // The entry itself, not what a link points to: a link to a folder is not walked.
        let Ok(own) = std::fs::symlink_metadata(&path) else { continue };
        let link = own.file_type().is_symlink();
        let Ok(meta) = (if link { std::fs::metadata(&path) } else { Ok(own) }) else {
            input.skipped_files += 1; // a dangling link
            continue;
        };
        if meta.is_dir() {
            if link {
                input.skipped_files += 1;
            } else if name != "tmp" && seen.first_time(&meta) {
                walk(&path, depth + 1, input, seen)?;
            }
        } else if !meta.is_file() {
            // A pipe, socket or device: never opened.
            input.skipped_files += 1;
        } else if seen.first_time(&meta) {
            match sniff_file(&path) {
                Ok(Some(kind)) => {
                    input.files.push(MailFile { path, kind, bytes: meta.len() });
                }
                _ => input.skipped_files += 1,
            }
        }
    }
    Ok(())
}

/// Maildir++ keeps sub-folders as `.Sent`, `.Archive`, … — hidden names that hold mail.
fn is_maildir_subfolder(name: &str) -> bool {
    name.len() > 1 && name.as_bytes()[1].is_ascii_alphanumeric() && !name.ends_with(".msf")
}

fn sniff_file(path: &Path) -> Result<Option<MailFileKind>, Error> {
    let mut head = [0u8; 512];
    let mut file = File::open(path).map_err(|source| Error::Read { path: path.to_path_buf(), source })?;
    let mut filled = 0;
    while filled < head.len() {
        match file.read(&mut head[filled..]) {
            Ok(0) => break,
            Ok(n) => filled += n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(source) => return Err(Error::Read { path: path.to_path_buf(), source }),
        }
    }
    Ok(sniff(&head[..filled]))
}

/// An mbox starts with `From `; a message starts with a header field (`Name: value`).
pub fn sniff(head: &[u8]) -> Option<MailFileKind> {
    let head = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    if head.starts_with(b"From ") {
        return Some(MailFileKind::Mbox);
    }
    let colon = head.iter().position(|&b| b == b':')?;
    let name = &head[..colon];
    // Field names are printable ASCII (RFC 5322); real ones use letters, digits and dashes,
    // which keeps JSON and other text files out.
    let is_field_name =
        !name.is_empty() && name.len() <= 76 && name.iter().all(|&b| b.is_ascii_alphanumeric() || b == b'-');
    is_field_name.then_some(MailFileKind::Message)
}

/// Reads every message of the input in order and hands each to `each`, which may stop the
/// reading by returning `false`. `progress` is called with the bytes read so far after each
/// message. IO errors in one file become a problem item; the other files are still read.
pub fn read_messages(input: &MailInput, progress: &dyn Fn(u64), mut each: impl FnMut(MailItem) -> bool) {
    let mut index = 0;
    let mut done_bytes = 0u64;
    for MailFile { path, kind, bytes } in &input.files {
        let keep_going = match kind {
            MailFileKind::Message => {
                let origin = MessageOrigin { path: path.clone(), offset: None };
                let item = match read_capped(path) {
                    Ok(bytes) => MailItem::Message { index, origin, bytes },
                    Err(message) => MailItem::Problem { index, origin, message },
                };
                index += 1;
                done_bytes += bytes;
                let go = each(item);
                progress(done_bytes);
                go
            }
            MailFileKind::Mbox => {
                let base = done_bytes;
                let result = File::open(path).map_err(|e| e.to_string()).map(|file| {
                    let mut split = MboxSplitter::new(file);
                    loop {
                        match split.next_message() {
                            Ok(None) => break true,
                            Ok(Some(part)) => {
                                let origin = MessageOrigin { path: path.clone(), offset: Some(part.offset) };
                                let item = match part.body {
                                    Ok(bytes) => MailItem::Message { index, origin, bytes },
                                    Err(message) => MailItem::Problem { index, origin, message },
                                };
                                index += 1;
                                let go = each(item);
                                progress(base + split.consumed());
                                if !go {
                                    break false;
                                }
                            }
                            Err(e) => {
                                let origin = MessageOrigin { path: path.clone(), offset: Some(split.consumed()) };
                                let message = format!("reading stopped here: {e}");
                                let go = each(MailItem::Problem { index, origin, message });
                                index += 1;
                                break go;
                            }
                        }
                    }
                });
                done_bytes = base + bytes;
                match result {
                    Ok(go) => go,
                    Err(message) => {
                        let origin = MessageOrigin { path: path.clone(), offset: None };
                        let go = each(MailItem::Problem { index, origin, message: format!("cannot open: {message}") });
                        index += 1;
                        go
                    }
                }
            }
        };
        if !keep_going {
            return;
        }
    }
}

fn read_capped(path: &Path) -> Result<Vec<u8>, String> {
    let file = File::open(path).map_err(|e| format!("cannot open: {e}"))?;
    let mut bytes = Vec::new();
    file.take(MAX_MESSAGE_BYTES as u64 + 1).read_to_end(&mut bytes).map_err(|e| format!("cannot read: {e}"))?;
    if bytes.len() > MAX_MESSAGE_BYTES {
        return Err(too_large(MAX_MESSAGE_BYTES));
    }
    Ok(bytes)
}

fn too_large(limit: usize) -> String {
    if limit >= 1024 * 1024 {
        format!("the message is larger than {} MiB and was skipped", limit / (1024 * 1024))
    } else {
        format!("the message is larger than {limit} bytes and was skipped")
    }
}

/// One message cut out of an mbox: its offset, and its bytes without the `From ` envelope line
/// (or why it was skipped).
#[derive(Debug)]
pub struct MboxPart {
    pub offset: u64,
    pub body: Result<Vec<u8>, String>,
}

/// Cuts an mbox stream into messages at every line that starts with `From ` (body lines that do
/// are escaped as `>From ` by mbox writers), reading fixed-size chunks.
#[derive(Debug)]
pub struct MboxSplitter<R> {
    reader: R,
    buf: Vec<u8>,
    /// Start of the current message in `buf`.
    start: usize,
    /// How far `buf` has been searched for a separator.
    searched: usize,
    /// File offset of `buf[0]`.
    buf_offset: u64,
    /// The current message grew above the cap: its bytes are being dropped.
    oversized: Option<u64>,
    eof: bool,
    finder: memchr::memmem::Finder<'static>,
    limit: usize,
}

impl<R: Read> MboxSplitter<R> {
    pub fn new(reader: R) -> Self {
        Self::with_limit(reader, MAX_MESSAGE_BYTES)
    }

    /// A splitter that skips messages above `limit` bytes.
    pub fn with_limit(reader: R, limit: usize) -> Self {
        Self {
            limit,
            reader,
            buf: Vec::with_capacity(CHUNK * 2),
            start: 0,
            searched: 0,
            buf_offset: 0,
            oversized: None,
            eof: false,
            finder: memchr::memmem::Finder::new(b"\nFrom "),
        }
    }

    /// Bytes of the stream consumed so far.
    pub fn consumed(&self) -> u64 {
        self.buf_offset + self.start as u64
    }

    /// The next message, `Ok(None)` at the end. The stream is expected to start with a `From `
    /// line (as [`sniff`] checks); whatever comes first is read as the first message.
    pub fn next_message(&mut self) -> std::io::Result<Option<MboxPart>> {
        loop {
            let from = self.searched.max(self.start);
            if let Some(pos) = self.finder.find(&self.buf[from..]).map(|p| p + from) {
                let end = pos + 1;
                let part = self.cut(end);
                self.start = end;
                self.searched = end;
                return Ok(Some(part));
            }
            // The last bytes may hold the beginning of a separator that the next chunk completes.
            self.searched = self.buf.len().saturating_sub(5).max(self.start);
            if self.eof {
                if self.start >= self.buf.len() {
                    return Ok(None);
                }
                let end = self.buf.len();
                let part = self.cut(end);
                self.start = end;
                return Ok(Some(part));
            }
            self.fill()?;
        }
    }

    fn cut(&mut self, end: usize) -> MboxPart {
        let here = self.buf_offset + self.start as u64;
        let message = &self.buf[self.start..end];
        // A message marked oversized began before the bytes still held.
        if let Some(offset) = self.oversized.take() {
            return MboxPart { offset, body: Err(too_large(self.limit)) };
        }
        if message.len() > self.limit {
            return MboxPart { offset: here, body: Err(too_large(self.limit)) };
        }
        let body_start = memchr::memchr(b'\n', message).map_or(message.len(), |i| i + 1);
        MboxPart { offset: here, body: Ok(message[body_start..].to_vec()) }
    }

    fn fill(&mut self) -> std::io::Result<()> {
        // Compact: drop what was handed out already.
        if self.start > 0 && (self.start >= CHUNK || self.start * 2 >= self.buf.len()) {
            self.buf.drain(..self.start);
            self.buf_offset += self.start as u64;
            self.searched -= self.start;
            self.start = 0;
        }
        // The current message is too large: remember where it began and drop its bytes, keeping
        // the tail where the next separator may begin.
        if self.buf.len() - self.start > self.limit {
            let began = self.buf_offset + self.start as u64;
            self.oversized.get_or_insert(began);
            let keep_from = self.buf.len().saturating_sub(5);
            self.buf.drain(..keep_from);
            self.buf_offset += keep_from as u64;
            self.start = 0;
            self.searched = 0;
        }
        let old = self.buf.len();
        self.buf.resize(old + CHUNK, 0);
        let n = loop {
            match self.reader.read(&mut self.buf[old..]) {
                Ok(n) => break n,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                Err(e) => {
                    self.buf.truncate(old);
                    return Err(e);
                }
            }
        };
        self.buf.truncate(old + n);
        if n == 0 {
            self.eof = true;
        }
        Ok(())
    }
}
