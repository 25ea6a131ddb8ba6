//! Reading the console's state from the store: the meeting when it opens, the parts a
//! write changed, and rescued texts to offer back. The app itself never reads the store.

use crate::app::{Console, RescueOffer, ResumePoint, Snapshot};
use crate::domain::Id;
use crate::labels::{Label, Lang};
use crate::rescue::Rescue;
use crate::storage::{Result, Setting, StorageError, Store};
use crate::view::{Changed, SlotDetail, TextTarget};
use chrono::{DateTime, Utc};
use std::path::PathBuf;

/// Loads a meeting and puts the recorder back where they were, an open editor or a
/// half-filled form included. A place saved that cannot be read is said, not dropped.
pub fn console(store: &Store, meeting: Id, lang: Lang, now: DateTime<Utc>) -> Result<Console> {
    let (resume, unreadable) = match store.console_state(meeting)? {
        Some(json) => match ResumePoint::read(&json) {
            Ok(point) => (Some(point), None),
            Err(why) => (None, Some(why.say(lang))),
        },
        None => (None, None),
    };
    let snapshot = snapshot(store, meeting, resume.as_ref().and_then(|p| p.slot))?;
    let theme = store.setting(Setting::Theme)?.unwrap_or_default();
    let mut console = Console::new(lang, snapshot, theme, now);
    if let Some(point) = &resume {
        console.place(point);
    }
    console.keep_selections_in_panes();
    if let Some(point) = resume {
        console.reopen(point);
    }
    let problems: Vec<String> = [unreadable, console.snapshot.unreadable.clone()]
        .into_iter()
        .flatten()
        .collect();
    if !problems.is_empty() {
        console.warn(problems.join("；"));
    }
    Ok(console)
}

/// The meeting as the file says it now, at the official `slot` (the first when there is
/// none or it is gone) with that official's detail: where the console and the audience
/// view both read it whole.
pub fn snapshot(store: &Store, meeting: Id, slot: Option<Id>) -> Result<Snapshot> {
    let mut snapshot = Snapshot::new(store.meeting_view(meeting)?);
    let mut unreadable = Vec::new();
    snapshot.rating_scheme = readable(store.rating_scheme(meeting), &mut unreadable)?;
    snapshot.issuing_office = readable(store.summary_head(meeting), &mut unreadable)?.0;
    snapshot.unreadable = (!unreadable.is_empty()).then(|| unreadable.join("；"));
    snapshot.go_to(slot);
    snapshot.detail = detail(store, &snapshot)?;
    Ok(snapshot)
}

/// Reads again what a write changed, and nothing else.
pub fn reload(store: &Store, console: &mut Console, changed: Changed) -> Result<()> {
    if changed.agenda {
        console.set_view(store.meeting_view(console.snapshot.meeting.id)?);
    } else if changed.closing {
        console.snapshot.closing = store.latest_revision(TextTarget::Closing {
            meeting: console.snapshot.meeting.id,
        })?;
    }
    if changed.detail {
        console.set_detail(detail(store, &console.snapshot)?);
    }
    Ok(())
}

/// What was read, or its default when it is a setting that cannot be read: why is kept in
/// `problems`, to be said (the meeting goes on; an export of it stops with the same words).
fn readable<T: Default>(read: Result<T>, problems: &mut Vec<String>) -> Result<T> {
    match read {
        Err(problem @ StorageError::SettingUnreadable { .. }) => {
            problems.push(problem.to_string());
            Ok(T::default())
        }
        other => other,
    }
}

/// The detail of the official on screen in `snapshot`.
pub fn detail(store: &Store, snapshot: &Snapshot) -> Result<SlotDetail> {
    match snapshot.slot() {
        Some(slot) => store.slot_detail(slot.id),
        None => Ok(SlotDetail::default()),
    }
}

/// The offer of a rescued text of this meeting that is newer than the database's text
/// for the same place and says something else; `None` otherwise.
pub fn rescue_offer(
    store: &Store,
    console: &Console,
    path: PathBuf,
    rescue: Rescue,
) -> Result<Option<RescueOffer>> {
    let Some(context) = rescue_context(store, console, rescue.target)? else {
        return Ok(None);
    };
    let latest = store.latest_revision(rescue.target)?;
    let newer = latest.as_ref().is_none_or(|r| r.saved_at < rescue.saved_at);
    let saved = latest.map(|r| r.body).unwrap_or_default();
    if !newer || saved == rescue.body {
        return Ok(None);
    }
    Ok(Some(RescueOffer {
        path,
        target: rescue.target,
        context,
        rescued: rescue.body,
        rescued_at: rescue.saved_at,
        saved,
    }))
}

/// Which text of this meeting `target` is, in words; `None` for another meeting's.
fn rescue_context(store: &Store, console: &Console, target: TextTarget) -> Result<Option<String>> {
    let lang = console.lang;
    let slot_id = match target {
        TextTarget::Closing { meeting } => {
            let ours = meeting == console.snapshot.meeting.id;
            return Ok(ours.then(|| Label::EditingClosing.text(lang).to_string()));
        }
        TextTarget::Answer { slot, .. }
        | TextTarget::Remarks { slot }
        | TextTarget::Note { slot } => slot,
    };
    let Some(slot) = console.snapshot.agenda.iter().find(|s| s.id == slot_id) else {
        return Ok(None);
    };
    let what = match target {
        TextTarget::Answer { question, .. } => store
            .slot_detail(slot_id)?
            .questions
            .into_iter()
            .find(|q| q.id == question)
            .map(|q| q.text)
            .unwrap_or_default(),
        TextTarget::Remarks { .. } => Label::Remarks.text(lang).to_string(),
        _ => Label::PrivateNote.text(lang).to_string(),
    };
    Ok(Some(format!("{} {}：{what}", slot.position, slot.name)))
}
