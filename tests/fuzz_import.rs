//! Fuzz test of the prep-file importer, run by `cargo test` (its own main, so the counts show
//! in the log): thousands of generated and mutated files, never a panic, always either a
//! clean import or an error that names a line and column inside the file.

mod common;

use common::*;
use shuze::prep::{ImportError, import_file};
use shuze::storage::Store;
use std::panic::{AssertUnwindSafe, catch_unwind};

const CASES: usize = 4000;

/// xorshift64*: small, deterministic, good enough to pick mutations.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len())]
    }
}

const VALUES: &[&str] = &[
    "\"张某\"",
    "\"\"",
    "\"  \"",
    "0",
    "-3",
    "121",
    "8",
    "99999999999999999999",
    "2026-12-18",
    "2026-13-45",
    "\"2026-12-18\"",
    "\"2026年12月18日\"",
    "true",
    "[]",
    "[\"甲\", \"乙\"]",
    "{}",
    "\"按季派单\"",
    "\"按月派单\"",
    "\"高\"",
    "\"极高\"",
    "\"2026Q5\"",
    "\"2026Q2\"",
    "\"整改中\"",
    "\"已销号\"",
    "\"出席\"",
    "\"旁听\"",
    "09:00",
    "\"25:61\"",
    "1979-05-27T07:32:00Z",
    "\"\\u0000\"",
    "\"甲\\u001b[2J乙\"",
    "\"\\e]0;标题\\u0007\"",
];
const KEYS: &[&str] = &[
    "title",
    "date",
    "start",
    "place",
    "chair",
    "recorder",
    "scrutineers",
    "position",
    "name",
    "unit",
    "post",
    "supervisor",
    "report_minutes",
    "written_only",
    "source",
    "quarter",
    "text",
    "progress",
    "status",
    "level",
    "measures",
    "rules",
    "asker",
    "problem",
    "deadline",
    "mode",
    "raised_on",
    "copied_to",
    "attendance",
    "reason",
    "bogus",
];
const TABLES: &[&str] = &[
    "[meeting]",
    "[[attendee]]",
    "[[official]]",
    "[[official.duty]]",
    "[[official.risk]]",
    "[[official.question]]",
    "[[official.earlier_follow_up]]",
    "[[official.unknown]]",
    "[other]",
];
const NOISE: &[&str] = &[
    "\"", "[", "]", "=", "\n", "#", "，", "述", "\\", "{", "'''", "\t", "\u{feff}",
];

fn mutate(text: &str, rng: &mut Rng) -> String {
    let mut lines: Vec<String> = text.lines().map(String::from).collect();
    for _ in 0..1 + rng.below(4) {
        let n = lines.len().max(1);
        let at = rng.below(n);
        match rng.below(7) {
            0 if !lines.is_empty() => {
                lines.remove(at);
            }
            1 if !lines.is_empty() => {
                let line = lines[at].clone();
                lines.insert(at, line);
            }
            2 if !lines.is_empty() => {
                if let Some((key, _)) = lines[at].split_once('=') {
                    lines[at] = format!("{key}= {}", rng.pick(VALUES));
                }
            }
            3 => lines.insert(at, format!("{} = {}", rng.pick(KEYS), rng.pick(VALUES))),
            4 => lines.insert(at, rng.pick(TABLES).to_string()),
            5 if !lines.is_empty() => {
                let line = &mut lines[at];
                let cut = line
                    .char_indices()
                    .map(|(i, _)| i)
                    .nth(rng.below(line.chars().count() + 1));
                let cut = cut.unwrap_or(line.len());
                line.insert_str(cut, rng.pick(NOISE));
            }
            _ => {
                let keep = rng.below(n + 1);
                lines.truncate(keep);
            }
        }
    }
    lines.join("\n")
}

/// A file made from scratch out of tables, keys and values.
fn generate(rng: &mut Rng) -> String {
    let mut out = String::from(
        "[meeting]\ntitle = \"生成的会议\"\ndate = 2026-12-18\nchair = \"马某\"\nrecorder = \"何某\"\n",
    );
    for _ in 0..rng.below(12) {
        out.push_str(rng.pick(TABLES));
        out.push('\n');
        for _ in 0..rng.below(6) {
            out.push_str(&format!("{} = {}\n", rng.pick(KEYS), rng.pick(VALUES)));
        }
    }
    out
}

/// True when the imported meeting's header or agenda holds a control character other than
/// a tab or a line break: the importer must refuse those.
fn has_control(store: &Store, id: i64) -> bool {
    let meeting = store.meeting(id).unwrap();
    let mut texts = vec![
        meeting.title,
        meeting.place,
        meeting.chair,
        meeting.recorder,
    ];
    for slot in store.agenda(id).unwrap() {
        texts.extend([slot.name, slot.unit, slot.post, slot.supervisor]);
    }
    texts.iter().any(|t| {
        t.chars()
            .any(|c| c.is_control() && !matches!(c, '\n' | '\t'))
    })
}

fn main() {
    let sample = std::fs::read_to_string(SAMPLE_TOML).unwrap();
    let seeds = [sample.as_str(), MINIMAL_PREP];
    let dir = tempfile::tempdir().unwrap();
    let mut rng = Rng(0x5EED_0F54u64 ^ 0x9E37_79B9_7F4A_7C15);
    let (mut imported, mut refused, mut failures) = (0, 0, 0);
    for case in 0..CASES {
        let text = match case % 4 {
            0 => generate(&mut rng),
            _ => mutate(rng.pick(&seeds), &mut rng),
        };
        let path = dir.path().join(format!("case-{}.toml", case % 8));
        std::fs::write(&path, &text).unwrap();
        let lines = text.lines().count() + 1;
        let outcome = catch_unwind(AssertUnwindSafe(|| {
            let mut store = Store::in_memory().unwrap();
            import_file(&path, &mut store, at(0)).map(|id| has_control(&store, id))
        }));
        match outcome {
            Ok(Ok(false)) => imported += 1,
            Ok(Ok(true)) => {
                failures += 1;
                eprintln!("case {case}: a control character was imported from\n---\n{text}\n---");
            }
            Ok(Err(ImportError::Invalid { problems, .. }))
                if !problems.is_empty()
                    && problems.iter().all(|p| {
                        p.line >= 1 && p.line <= lines && p.column >= 1 && !p.message.is_empty()
                    }) =>
            {
                refused += 1
            }
            Ok(Err(ImportError::NotUtf8 { .. })) => refused += 1,
            Ok(Err(other)) => {
                failures += 1;
                eprintln!("case {case}: an error without a place: {other}\n---\n{text}\n---");
            }
            Err(_) => {
                failures += 1;
                eprintln!("case {case}: the importer panicked on\n---\n{text}\n---");
            }
        }
    }
    println!(
        "fuzz test of the prep-file importer: {CASES} generated and mutated files, {imported} imported, {refused} refused with a line and column, {failures} failures"
    );
    println!("fuzz: {} passed, {failures} failed", imported + refused);
    if failures > 0 {
        std::process::exit(1);
    }
}
