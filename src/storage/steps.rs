//! Every migration step is fixed once shipped: the file records each step applied to it with
//! the SHA-256 of the step's text (the table `schema_step`), and a file whose recorded steps
//! are not this program's is refused with the step named. A test holds every step's text to
//! the sum it shipped with (as atuin and sqlx hold theirs).

use super::schema::MIGRATIONS;
use super::{Result, StorageError};
use rusqlite::{Connection, OptionalExtension, params};
use sha2::{Digest, Sha256};
use std::path::Path;

/// The SHA-256 of a step's text, in lower-case hex.
pub fn sum(step: &str) -> String {
    Sha256::digest(step.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn has_table(conn: &Connection) -> Result<bool> {
    Ok(conn
        .query_row(
            "SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'schema_step'",
            [],
            |_| Ok(()),
        )
        .optional()?
        .is_some())
}

/// After step `done` (1-based) was applied in this run: records it and every earlier step
/// not yet recorded, once the table exists. Steps applied before this run (`found` and
/// below) are recorded as `before`: the file cannot tell what their text was.
pub(super) fn record(conn: &Connection, found: i64, done: i64) -> Result<()> {
    if !has_table(conn)? {
        return Ok(());
    }
    let now = chrono::Utc::now().to_rfc3339();
    let mut insert = conn.prepare(
        "INSERT OR IGNORE INTO schema_step (step, sha256, applied_at, how)
         VALUES (?1, ?2, ?3, ?4)",
    )?;
    for step in 1..=done {
        let how = if step <= found { "before" } else { "applied" };
        let text = MIGRATIONS[(step - 1) as usize];
        insert.execute(params![step, sum(text), now, how])?;
    }
    Ok(())
}

/// Refuses a file whose recorded steps differ from this program's: a step of the same
/// number with another text (made by a build whose step was edited after it shipped).
pub(super) fn check(conn: &Connection, path: &Path) -> Result<()> {
    if !has_table(conn)? {
        return Ok(());
    }
    let mut stmt = conn.prepare("SELECT step, sha256 FROM schema_step ORDER BY step")?;
    let recorded = stmt
        .query_map([], |row| {
            Ok((row.get::<_, i64>(0)?, row.get::<_, String>(1)?))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    for (step, found) in recorded {
        let ours = usize::try_from(step - 1)
            .ok()
            .and_then(|i| MIGRATIONS.get(i))
            .map(|text| sum(text));
        if ours.as_deref() != Some(found.as_str()) {
            return Err(StorageError::OtherStep {
                path: path.to_path_buf(),
                step,
            });
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The SHA-256 of every step as it shipped. Never change one: a shipped step stays as
    /// it is (files were made with it), and a change goes into a new step. A new step adds
    /// its sum here.
    const SHIPPED: &[&str] = &[
        "e231a0a0808a42338b156465bcb57941a292cca24623ba108ceacfbc2d0d6aaa",
        "92fcffaba3723b22cc31be5c6f0d932e5b428544f69816a166514302c7f9bde7",
        "d4046886918d77bcc9b539318cd026958423e62b3e0a5abc2e3839bca00c3845",
        "870bf525bb21ea4f4f9abb7daa8a566172b3a4b8ec27003a17506f164e4dcf47",
        "683a5664e03ac97038ae37b5b2f659f71a0abf3dc44b201e2fbfeb8510ee460d",
        "21b98a4f14213db4189f734867b410e8daece4302bd13e117ebc986937d6c9ee",
        "308fe47a77764ad9cb3500168b8338be5ab3b498456149dfda070d2492a6d985",
        "5d1864fb1b456a227cbc8788c422d6b9bc5c0e1cce090f4590e8a3de4f63fa7b",
        "437c002b6711a917349615159d09b1f411b82adca05941ce8f0d4f0827163bf5",
        "8968a8de810c9fc4ce76dc002b9fcf2076576c9fd03411a644803bf404892241",
        "c125a9e76795bc1c2567813545ed166e0ee2d9a56f911fdce9339eea4275f0d9",
        "c68a0eb08f3d86a62b001b4523859ed6ce6829523d2bfdc1e8d83f683d3fcebe",
        "c6a8d90492d74d966898afe3bc71acb15f203c82b5b102a8c42874bfe0e1494d",
        "6e1ea5b80f0ea9a5dc84433b60af2950c030f616f02c93d6a4158c4e0f27d1f3",
        "0f5afa9865010c1120af8b519196100f573f2b516ad1749a081b5341fe68e93b",
        "b39fcdf20fdf18d8fab7130bc811c84c6c559267d8f33df02ff0b784d96da542",
    ];

    #[test]
    fn no_shipped_step_has_changed() {
        for (index, text) in MIGRATIONS.iter().enumerate() {
            let now = sum(text);
            match SHIPPED.get(index) {
                Some(shipped) => assert_eq!(
                    *shipped,
                    now,
                    "step {} changed after it shipped: put the change in a new step",
                    index + 1
                ),
                None => panic!(
                    "step {} has no shipped sum: add \"{now}\" to SHIPPED once it ships",
                    index + 1
                ),
            }
        }
        assert_eq!(
            SHIPPED.len(),
            MIGRATIONS.len(),
            "a shipped step was removed"
        );
    }
}
