//! `shuze encrypt`, `decrypt` and `rekey`: a meeting file converted through a new file that
//! replaces the old one only once complete; and `shuze rescue FILE`, which shows a rescue
//! file (sealed with the meeting's passphrase when the meeting is encrypted).

use super::secret::{self, Asking};
use crate::lock::RecorderLock;
use crate::messages::tr;
use crate::storage::Store;
use crate::storage::cipher::{self, Conversion};
use anyhow::{Result, bail};
use std::path::Path;

/// `shuze encrypt DB`: the plain file replaced by an encrypted copy of it.
pub(super) fn encrypt(db: &Path, key_file: Option<&Path>) -> Result<()> {
    if cipher::looks_encrypted(db) {
        bail!(tr!(
            "{db} 已经是加密的（或不是 SQLite 文件）；更换口令请用 `shuze rekey {db}`",
            "{db} is encrypted already (or not an SQLite file); to change its passphrase use `shuze rekey {db}`",
            db = db.display()
        ));
    }
    let (store, locks) = open_locked(db)?;
    let passphrase = secret::new_passphrase(key_file)?;
    store.convert_to(db, &Conversion::Encrypt(&passphrase))?;
    drop(locks);
    say!(tr!(
        "已加密：{db}，以后打开它都要输入口令。注意：此前复制出去的副本和导出的文件仍未加密",
        "Encrypted: {db}; opening it now asks for the passphrase. Copies made earlier and files exported from it are still unencrypted",
        db = db.display()
    ));
    Ok(())
}

/// `shuze decrypt DB -o OUT`: a plain copy of an encrypted file, in a new file.
pub(super) fn decrypt(db: &Path, output: &Path, asking: Asking) -> Result<()> {
    if output.symlink_metadata().is_ok() {
        bail!(tr!(
            "{file} 已存在：解密只写入新文件，请换一个文件名",
            "{file} exists: decrypting writes a new file only; choose another name",
            file = output.display()
        ));
    }
    refuse_plain(db)?;
    secret::unlock(db, asking)?;
    let (store, locks) = open_locked(db)?;
    store.convert_to(output, &Conversion::Decrypt)?;
    drop(locks);
    say!(tr!(
        "已解密到 {file}（未加密，任何人都能读，请妥善保管）",
        "Decrypted into {file} (unencrypted: anyone can read it; keep it safe)",
        file = output.display()
    ));
    Ok(())
}

/// `shuze rekey DB`: the encrypted file replaced by a copy under a new passphrase.
pub(super) fn rekey(db: &Path, asking: Asking, new_key_file: Option<&Path>) -> Result<()> {
    refuse_plain(db)?;
    secret::unlock(db, asking)?;
    let (store, locks) = open_locked(db)?;
    let passphrase = secret::new_passphrase(new_key_file)?;
    store.convert_to(db, &Conversion::Rekey(&passphrase))?;
    drop(locks);
    say!(tr!(
        "已更换口令：{db}，以后用新口令打开",
        "Passphrase changed: {db} opens with the new one from now on",
        db = db.display()
    ));
    Ok(())
}

/// `shuze rescue FILE`: the text of a rescue file on standard output.
pub(super) fn show_rescue(file: &Path, asking: Asking) -> Result<()> {
    let text = match cipher::looks_encrypted(file) {
        true => {
            secret::unlock(file, asking)?;
            cipher::unseal(file)?
        }
        false => {
            let bytes = crate::files::read_regular(file).map_err(|err| {
                anyhow::anyhow!(tr!(
                    "无法读取抢救文件 {file}：{why}",
                    "Cannot read the rescue file {file}: {why}",
                    file = file.display(),
                    why = err
                ))
            })?;
            String::from_utf8_lossy(&bytes).into_owned()
        }
    };
    say!(text);
    Ok(())
}

fn refuse_plain(db: &Path) -> Result<()> {
    Store::refuse_what_is_not_ours(db).or_else(|err| match cipher::looks_encrypted(db) {
        true => Ok(()),
        false => Err(err),
    })?;
    if !cipher::looks_encrypted(db) {
        bail!(tr!(
            "{db} 没有加密",
            "{db} is not encrypted",
            db = db.display()
        ));
    }
    Ok(())
}

/// The file opened for writing with every meeting's recorder lock held: no console records
/// in it while it is converted.
fn open_locked(db: &Path) -> Result<(Store, Vec<RecorderLock>)> {
    Store::refuse_what_is_not_ours(db)?;
    RecorderLock::refuse_other_names(db)?;
    let store = Store::open(db)?;
    let mut locks = Vec::new();
    for listing in store.meetings()? {
        locks.push(RecorderLock::acquire(db, listing.meeting.id, &store)?);
    }
    Ok((store, locks))
}
