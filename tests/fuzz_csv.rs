//! Fuzz test of the CSV-folder importer, run by `cargo test` (its own main, so the counts
//! show in the log): generated and mutated folders in every encoding, never a panic, always
//! either a clean import or problems that each name a file, a row and a column.

mod common;

use common::*;
use shuze::prep::{ImportError, import_preparation, read_file, write_prepared};
use shuze::storage::Store;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::Path;

const CASES: usize = 600;

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
    "",
    " ",
    "张某",
    "某某镇",
    "县财政局",
    "0",
    "-3",
    "121",
    "8",
    "8.5",
    "99999999999999999999",
    "2026-12-18",
    "2026/2/30",
    "2026年12月18日",
    "46387",
    "1e308",
    "明年",
    "按季派单",
    "按月派单",
    "高",
    "极高",
    "2026Q5",
    "2026年第二季度",
    "整改中",
    "已销号",
    "出席",
    "旁听",
    "是",
    "也许",
    "09:00",
    "25:61",
    "1.甲\n2.乙",
    "①甲②乙",
    "\"",
    "\u{0}",
    "甲\u{1b}[2J乙",
    "=SUM(A1)",
    "#REF!",
    "序号",
    "姓名",
    "单位",
    "风险点",
    "等级",
    "问题",
    "\u{feff}",
    "𠀾",
];
const NOISE: &[&str] = &[
    "\"", ",", "\n", "\r\n", "，", "述", "\t", "\u{feff}", "\\", ";",
];

/// A CSV file as rows of cells (the seed files are plain: no quoted line breaks to split).
fn rows_of(text: &str) -> Vec<Vec<String>> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    reader
        .records()
        .filter_map(Result::ok)
        .map(|r| r.iter().map(String::from).collect())
        .collect()
}

fn text_of(rows: &[Vec<String>]) -> String {
    let mut writer = csv::WriterBuilder::new()
        .flexible(true)
        .from_writer(Vec::new());
    for row in rows {
        let _ = writer.write_record(row);
    }
    String::from_utf8(writer.into_inner().unwrap()).unwrap()
}

fn mutate(files: &mut Vec<(String, String)>, rng: &mut Rng) {
    for _ in 0..1 + rng.below(2) {
        if files.is_empty() {
            return;
        }
        let at = rng.below(files.len());
        let mut rows = rows_of(&files[at].1);
        match rng.below(12) {
            0 if rng.below(3) == 0 => {
                files.remove(at);
                continue;
            }
            0..=4 if !rows.is_empty() => {
                let r = rng.below(rows.len());
                let c = rng.below(rows[r].len() + 1);
                let value = rng.pick(VALUES).to_string();
                match rows[r].get_mut(c) {
                    Some(cell) => *cell = value,
                    None => rows[r].push(value),
                }
            }
            4 if !rows.is_empty() => {
                let r = rng.below(rows.len());
                rows.remove(r);
            }
            5 if !rows.is_empty() => {
                let r = rng.below(rows.len());
                let row = rows[r].clone();
                rows.insert(r, row);
            }
            6 if !rows.is_empty() => {
                let r = rng.below(rows.len());
                let last = rows[r].len().saturating_sub(1);
                rows[r].swap(0, last);
            }
            7 => {
                let text = &mut files[at].1;
                let chars: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
                let cut = chars
                    .get(rng.below(chars.len() + 1))
                    .copied()
                    .unwrap_or(text.len());
                text.insert_str(cut, rng.pick(NOISE));
                continue;
            }
            8 => {
                let keep = rng.below(rows.len() + 1);
                rows.truncate(keep);
            }
            _ => {}
        }
        files[at].1 = text_of(&rows);
    }
}

fn encode(text: &str, rng: &mut Rng) -> Vec<u8> {
    match rng.below(16) {
        0..=4 => text.as_bytes().to_vec(),
        5..=9 => [b"\xEF\xBB\xBF".as_slice(), text.as_bytes()].concat(),
        10..=14 => encoding_rs::GB18030.encode(text).0.into_owned(),
        _ => {
            let mut bytes = text.as_bytes().to_vec();
            if !bytes.is_empty() {
                let at = rng.below(bytes.len());
                bytes[at] = rng.next() as u8;
            }
            bytes
        }
    }
}

fn has_control(store: &Store, id: i64) -> bool {
    let meeting = store.meeting(id).unwrap();
    let mut texts = vec![
        meeting.title,
        meeting.place,
        meeting.chair,
        meeting.recorder,
    ];
    for slot in store.agenda(id).unwrap() {
        let detail = store.slot_detail(slot.id).unwrap();
        texts.extend([slot.name, slot.unit, slot.post, slot.supervisor]);
        texts.extend(detail.risk_points.into_iter().flat_map(|r| r.measures));
        texts.extend(detail.questions.into_iter().map(|q| q.text));
    }
    texts.iter().any(|t| {
        t.chars()
            .any(|c| c.is_control() && !matches!(c, '\n' | '\t'))
    })
}

/// The seed: the sample meeting written out as a CSV folder.
fn seed(dir: &Path) -> Vec<(String, String)> {
    let folder = dir.join("seed");
    let sample = read_file(Path::new(SAMPLE_TOML)).unwrap();
    write_prepared(&sample, &folder, false).unwrap();
    let mut files: Vec<(String, String)> = std::fs::read_dir(&folder)
        .unwrap()
        .map(|e| e.unwrap().path())
        .map(|p| {
            let text = std::fs::read_to_string(&p).unwrap();
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            (name, text.trim_start_matches('\u{feff}').to_string())
        })
        .collect();
    files.sort();
    files
}

fn main() {
    let dir = tempfile::tempdir().unwrap();
    let seed = seed(dir.path());
    let mut rng = Rng(0xC5F0_1D3Au64 ^ 0x9E37_79B9_7F4A_7C15);
    let (mut imported, mut refused, mut failures) = (0, 0, 0);
    for case in 0..CASES {
        let mut files = seed.clone();
        mutate(&mut files, &mut rng);
        let folder = dir.path().join(format!("case-{}", case % 4));
        let _ = std::fs::remove_dir_all(&folder);
        std::fs::create_dir_all(&folder).unwrap();
        let mut longest = 0;
        for (name, text) in &files {
            longest = longest.max(rows_of(text).len().max(text.lines().count()));
            std::fs::write(folder.join(name), encode(text, &mut rng)).unwrap();
        }
        let outcome = catch_unwind(AssertUnwindSafe(|| {
            // Read first: a store is made only for what reads cleanly (most cases do not).
            read_file(&folder).and_then(|preparation| {
                let mut store = Store::in_memory().unwrap();
                import_preparation(&folder, &preparation, &mut store, at(0))
                    .map(|id| has_control(&store, id))
            })
        }));
        let shown = || {
            files
                .iter()
                .map(|(n, t)| format!("== {n}\n{t}"))
                .collect::<String>()
        };
        match outcome {
            Ok(Ok(false)) => imported += 1,
            Ok(Ok(true)) => {
                failures += 1;
                eprintln!(
                    "case {case}: a control character was imported from\n{}",
                    shown()
                );
            }
            Ok(Err(ImportError::Invalid { problems, .. }))
                if !problems.is_empty()
                    && problems.iter().all(|p| {
                        // A cell's row and column, or (0, 0): the whole file, by its name.
                        let whole_file = p.line == 0 && p.column == 0;
                        p.within.is_some()
                            && (whole_file || p.line >= 1 && p.line <= longest + 2 && p.column >= 1)
                            && !p.message.is_empty()
                    }) =>
            {
                refused += 1
            }
            Ok(Err(ImportError::Unreadable { .. })) => refused += 1,
            Ok(Err(other)) => {
                failures += 1;
                eprintln!(
                    "case {case}: an error without a place: {other:?}\n{}",
                    shown()
                );
            }
            Err(_) => {
                failures += 1;
                eprintln!("case {case}: the importer panicked on\n{}", shown());
            }
        }
    }
    println!(
        "fuzz test of the CSV-folder importer: {CASES} mutated folders in UTF-8, UTF-8 with BOM, GB18030 and broken bytes, {imported} imported, {refused} refused with a file, row and column, {failures} failures"
    );
    println!("fuzz: {} passed, {failures} failed", imported + refused);
    if failures > 0 {
        std::process::exit(1);
    }
}
