//! A console bound to its database: runs `update`, carries out the effects it returns,
//! and keeps the resume point saved. Everything the terminal loop does, without a terminal,
//! so tests drive a real meeting file through it.

use crate::app::{Action, Console, Effect, ResumePoint, update};
use crate::domain::Id;
use crate::export::{self, Minutes};
use crate::labels::Lang;
use crate::storage::{StorageError, Store, TextTarget};
use chrono::{DateTime, Utc};

pub struct Session {
    pub store: Store,
    pub console: Console,
    saved_resume: Option<ResumePoint>,
}

impl Session {
    /// Opens `meeting`, or the most recent unfinished meeting of the file.
    pub fn open(
        store: Store,
        meeting: Option<Id>,
        lang: Lang,
        now: DateTime<Utc>,
    ) -> Result<Session, StorageError> {
        let meeting = match meeting {
            Some(id) => store.meeting(id)?.id,
            None => store.default_meeting()?,
        };
        let console = Console::load(&store, meeting, lang, now)?;
        let saved_resume = Some(console.resume_point());
        Ok(Session {
            store,
            console,
            saved_resume,
        })
    }

    /// Applies an action at time `now` and writes what it changed.
    pub fn handle(&mut self, action: Action, now: DateTime<Utc>) {
        self.console.now = now;
        let mut pending = vec![action];
        let mut wrote_any = false;
        while let Some(action) = pending.pop() {
            let effects = update(&mut self.console, action);
            let mut reload = false;
            for effect in effects {
                // A draft changes nothing on screen: the editor already shows its text.
                let shown = !matches!(effect, Effect::SaveDraft { .. });
                match self.apply(effect, now) {
                    Ok(Some(follow)) => pending.push(follow),
                    Ok(None) => {
                        reload |= shown;
                        wrote_any = true;
                    }
                    Err(failure) => pending.push(failure),
                }
            }
            if reload && let Err(err) = self.console.refresh(&self.store) {
                self.console.warn(err.to_string());
            }
        }
        self.save_resume_point(now, wrote_any);
    }

    /// Carries out one effect; a search answers with its results, a failure with an action.
    fn apply(&mut self, effect: Effect, now: DateTime<Utc>) -> Result<Option<Action>, Action> {
        match &effect {
            Effect::SaveText { target, body } => return self.save_text(*target, body, now, true),
            Effect::SaveDraft { target, body } => return self.save_text(*target, body, now, false),
            _ => {}
        }
        let store = &mut self.store;
        let result = match effect {
            Effect::SaveText { .. } | Effect::SaveDraft { .. } => Ok(()),
            Effect::SetStage { slot, from, to } => store.set_stage(slot, from, to, now),
            Effect::Skip { slot, from, reason } => store.skip(slot, from, &reason, now),
            Effect::SetTimer {
                slot,
                stage,
                running,
            } => store.set_timer_running(slot, stage, running, now),
            Effect::MarkAsked { question } => store.mark_asked(question, now),
            Effect::AddQuestion { slot, asker, text } => {
                store.add_question(slot, &asker, &text, now).map(|_| ())
            }
            Effect::SetWrittenReply { question, needed } => {
                store.set_written_reply(question, needed)
            }
            Effect::RecordRating { slot, rating } => store.record_rating(slot, rating, now),
            Effect::UpdateFollowUp {
                id,
                status,
                progress,
            } => store.update_follow_up(id, status, &progress),
            Effect::AddFollowUp { slot, follow_up } => {
                store.add_follow_up(slot, &follow_up, now).map(|_| ())
            }
            Effect::Search { query } => {
                return store
                    .search(self.console.meeting.id, &query)
                    .map(|hits| Some(Action::SearchResults(hits)))
                    .map_err(|err| Action::SaveFailed(err.to_string()));
            }
            Effect::ExportAll => return self.export_all(now).map(Some),
            Effect::SaveSetting { key, value } => store.set_setting(key, &value),
            Effect::Load => Ok(()),
        };
        result
            .map(|()| None)
            .map_err(|err| Action::SaveFailed(err.to_string()))
    }

    /// Saves a typed text, as a draft or kept as a revision; when that fails the text stays
    /// in the editor and a rescue copy is written beside the database, so the words survive
    /// even a full disk for the database.
    fn save_text(
        &mut self,
        target: TextTarget,
        body: &str,
        now: DateTime<Utc>,
        keep: bool,
    ) -> Result<Option<Action>, Action> {
        let saved = if keep {
            self.store.save_text(target, body, now).map(|_| ())
        } else {
            self.store.save_draft(target, body, now)
        };
        let Err(err) = saved else {
            return Ok(None);
        };
        let rescue = rescue_path(self.store.path(), target);
        let header = format!("# shuze {} {}\n", target.kind(), now.to_rfc3339());
        let written = std::fs::remove_file(&rescue)
            .or_else(|e| {
                if e.kind() == std::io::ErrorKind::NotFound {
                    Ok(())
                } else {
                    Err(e)
                }
            })
            .and_then(|()| {
                crate::files::write_private(&rescue, format!("{header}{body}\n").as_bytes())
            });
        let where_kept = match written {
            Ok(()) => format!("；已另存到 {}", rescue.display()),
            Err(e) => format!("；另存也失败：{e}"),
        };
        Err(Action::SaveFailed(format!("{err}{where_kept}")))
    }

    /// Writes every export into a new folder beside the database.
    fn export_all(&self, now: DateTime<Utc>) -> Result<Action, Action> {
        let failed = |message: String| Action::SaveFailed(message);
        self.store
            .integrity_check()
            .map_err(|e| failed(e.to_string()))?;
        let minutes = Minutes::build(&self.store, self.console.meeting.id, false, now)
            .map_err(|e| failed(e.to_string()))?;
        let offset = export::local_offset(now);
        let options = export::Options {
            revisions: false,
            offset,
            fonts: export::Fonts::default(),
        };
        let dir = export::default_dir(self.store.path(), now, offset);
        let written = export::write_all(&minutes, &dir, &options, false)
            .map_err(|e| failed(e.to_string()))?;
        Ok(Action::Exported(
            written.iter().map(|p| p.display().to_string()).collect(),
        ))
    }

    /// Saves where the recorder is when it changed. A caret that merely moved is saved
    /// with the next write, not on every keystroke.
    fn save_resume_point(&mut self, now: DateTime<Utc>, wrote: bool) {
        let point = self.console.resume_point();
        let unchanged = match &self.saved_resume {
            Some(saved) if wrote => saved == &point,
            Some(saved) => saved.without_caret() == point.without_caret(),
            None => false,
        };
        if unchanged {
            return;
        }
        let json = serde_json::to_string(&point).unwrap_or_default();
        match self
            .store
            .save_console_state(self.console.meeting.id, &json, now)
        {
            Ok(()) => self.saved_resume = Some(point),
            Err(err) => self.console.warn(err.to_string()),
        }
    }

    /// Saves any unsaved text and where the recorder is; called before leaving.
    pub fn save_all(&mut self, now: DateTime<Utc>) {
        self.handle(Action::Flush, now);
    }
}

/// `<db>.rescue-answer-3-12.txt`: where unsaved text goes when the database cannot take it.
pub fn rescue_path(db: &std::path::Path, target: TextTarget) -> std::path::PathBuf {
    let name = db
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let (owner, kind, question) = match target {
        TextTarget::Answer { slot, question } => (slot, "answer", Some(question)),
        TextTarget::Remarks { slot } => (slot, "remarks", None),
        TextTarget::Note { slot } => (slot, "note", None),
        TextTarget::Closing { meeting } => (meeting, "closing", None),
    };
    let question = question.map(|q| format!("-{q}")).unwrap_or_default();
    db.with_file_name(format!("{name}.rescue-{kind}-{owner}{question}.txt"))
}
