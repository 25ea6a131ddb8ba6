//! A console bound to its database: runs `update`, carries out the effects it returns,
//! and keeps the resume point saved. Everything the terminal loop does, without a terminal,
//! so tests drive a real meeting file through it.

pub mod load;

use crate::app::{Action, Console, Effect, FailedWrite, Failure, ResumePoint, update};
use crate::domain::{Id, QuestionChange};
use crate::export::{self, Minutes};
use crate::labels::Lang;
use crate::rescue::{self, Rescue};
use crate::storage::{Setting, StorageError, Store};
use crate::view::{Changed, TextTarget};
use chrono::{DateTime, Utc};
use std::collections::BTreeMap;
use std::path::PathBuf;

/// How long a save waits for another program's lock before it is retried later: short,
/// so that typing never freezes.
pub const SAVE_WAIT: std::time::Duration = std::time::Duration::from_millis(50);

/// Something typed that the database did not take.
struct Unsaved {
    /// The rescue file, or why no folder took it.
    rescue: Result<PathBuf, String>,
    /// The words themselves, printed as a last resort when no rescue file could be written.
    body: String,
}

/// What the keys of forms' contents among the unsaved things begin with.
const FORM: &str = "form";

/// `form-1a2b3c4d`: a form's content, named by a hash of its words.
fn form_key(body: &str) -> String {
    let hash = body.bytes().fold(0x811c_9dc5_u32, |h, b| {
        (h ^ u32::from(b)).wrapping_mul(0x0100_0193)
    });
    format!("{FORM}-{hash:08x}")
}

/// How the file was left when the console closed it.
pub struct Closed {
    /// The file was no longer at its path (moved, deleted or replaced).
    pub gone: bool,
    /// Where the file the console had open is now, when it was moved (Linux).
    pub now_at: Option<PathBuf>,
    /// Where its write-ahead log was set aside, so that it is not read as another file's.
    pub log_aside: Option<PathBuf>,
}

pub struct Session {
    pub store: Store,
    pub console: Console,
    saved_resume: Option<ResumePoint>,
    /// Where text the database cannot take is rescued to, in order: the folder beside the
    /// database (set by `open`); the console adds the data folder and the temporary folder.
    pub rescue_folders: Vec<PathBuf>,
    /// Texts and forms whose last save failed, with where each was rescued to.
    unsaved: BTreeMap<String, Unsaved>,
    /// Why nothing more is written to the file (the check after the first frame found it
    /// damaged): typed text goes to rescue files only.
    held: Option<String>,
    /// The last save of the resume point (which holds a half-filled form and the room's
    /// picture) failed: it is tried again at `console.saving.retry_at`.
    resume_failed: bool,
    /// Questions whose asking (their answer's first character) did not reach the file, with
    /// when: tried again at `console.saving.retry_at`.
    asked_unsaved: Vec<(Id, DateTime<Utc>)>,
    /// The file was found damaged: nothing, not even its own log, is written into it.
    damaged: bool,
    /// The room's picture the resume point was last tried with.
    room_tried: Option<crate::domain::Room>,
    /// More keys are already read: where the recorder is waits for the last of them (one
    /// commit for the batch, not one per key: BENCHMARKS.md, slow disk).
    more_keys: bool,
    /// The database as rescue files name it, fixed when it was opened (a file deleted
    /// later can no longer be resolved).
    identity: PathBuf,
    /// The file's identity and the meeting's, written into every rescue file: only this
    /// meeting of this file is offered its rescues, whatever file later has the name.
    owner: rescue::Owner,
    /// The write-ahead log this connection uses, as it was when the file was opened.
    log_identity: Option<(u64, u64)>,
}

impl Session {
    /// Opens `meeting`, or the most recent unfinished meeting of the file. Rescue files in
    /// `rescue_folders` newer than the database's text are offered back.
    pub fn open(
        store: Store,
        meeting: Option<Id>,
        lang: Lang,
        now: DateTime<Utc>,
    ) -> Result<Session, StorageError> {
        let meeting = match meeting {
            Some(id) => store.meeting(id)?.id,
            None => store.meeting_to_open()?,
        };
        let console = load::console(&store, meeting, lang, now)?;
        store.set_busy_timeout(SAVE_WAIT)?;
        let identity = rescue::db_identity(store.path());
        let owner = rescue::Owner {
            file: store.file_id()?.unwrap_or_default(),
            meeting,
        };
        let log_identity = store.log_identity();
        let saved_resume = Some(console.resume_point());
        let beside = store
            .path()
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .map_or_else(|| PathBuf::from("."), PathBuf::from);
        Ok(Session {
            store,
            console,
            saved_resume,
            rescue_folders: vec![beside],
            unsaved: BTreeMap::new(),
            held: None,
            resume_failed: false,
            asked_unsaved: Vec::new(),
            damaged: false,
            room_tried: None,
            more_keys: false,
            identity,
            owner,
            log_identity,
        })
    }

    /// Once the recorder's lock is held: writes that this console has the meeting open (its
    /// place, so that a restart after a crash opens the same meeting whatever was imported
    /// meanwhile, and `shuze present` follows it), and names meetings imported after it.
    pub fn settle_in(&mut self, now: DateTime<Utc>) {
        self.saved_resume = None;
        self.save_resume_point(now, true);
        let meeting = self.console.snapshot.meeting.id;
        match self.store.newer_meetings(meeting) {
            Ok(newer) if !newer.is_empty() => {
                let newer: Vec<(Id, String, String)> = newer
                    .into_iter()
                    .map(|m| (m.meeting.id, m.meeting.title, m.meeting.held_on.to_string()))
                    .collect();
                let db = self.store.path().display().to_string();
                let text = crate::labels::newer_meetings(self.console.lang, &db, &newer);
                self.console.say(text);
            }
            Ok(_) => {}
            Err(err) => self.console.warn(err.to_string()),
        }
    }

    /// Stops every write to the file: the check that runs after the first frame found it
    /// damaged. What is typed from now on goes to rescue files, and the screen says so.
    pub fn hold(&mut self, problem: String, now: DateTime<Utc>) {
        self.damaged = true;
        self.stop_writing(problem);
        self.console.now = now;
        // Whatever the editor holds is rescued at once.
        self.handle(Action::Flush, now);
        if self.console.saving.problem.is_none() {
            let problem = self.held.clone().unwrap_or_default();
            self.console.saving.problem =
                Some(crate::labels::file_held(self.console.lang, &problem));
        }
    }

    /// Nothing more goes into the file, not even SQLite's log when the connection closes.
    fn stop_writing(&mut self, problem: String) {
        self.store.leave_file_as_it_is();
        self.held = Some(problem);
    }

    /// Closes the file; when it was replaced or moved away under the console, sets aside the
    /// write-ahead log that would otherwise pair with whatever file now has its name, and
    /// says where it went.
    pub fn close(self) -> Closed {
        let path = self.store.path().to_path_buf();
        let gone = self.store.still_in_place().is_err();
        if gone && !self.damaged {
            // What was written before the file went stays with it, wherever it is now.
            let _ = self.store.checkpoint_into_open_file();
        }
        let now_at = gone.then(|| self.store.where_now()).flatten();
        let log = self.log_identity;
        drop(self.store);
        Closed {
            gone,
            now_at,
            log_aside: gone.then(|| Store::set_aside_log(&path, log)).flatten(),
        }
    }

    /// Looks for rescued texts of this meeting and offers those newer than the database's.
    pub fn offer_rescues(&mut self) {
        let found = rescue::find(&self.identity, &self.owner, &self.rescue_folders);
        let mut offers = Vec::new();
        for (path, found) in found {
            match load::rescue_offer(&self.store, &self.console, path, found) {
                Ok(Some(offer)) => offers.push(offer),
                Ok(None) => {}
                Err(err) => self.console.warn(err.to_string()),
            }
        }
        self.console.offer(offers);
    }

    /// Applies an action at time `now` and writes what it changed.
    pub fn handle(&mut self, action: Action, now: DateTime<Utc>) {
        self.console.now = now;
        let retrying = self.console.saving.retry_at.is_some_and(|at| at <= now);
        if retrying {
            self.console.saving.retry_at = None;
            self.retry_asked(now);
        }
        let mut pending = vec![action];
        let mut wrote_any = false;
        while let Some(action) = pending.pop() {
            let effects = update(&mut self.console, action);
            let mut changed = Changed::NOTHING;
            let mut text_failed = false;
            for effect in effects {
                if text_failed && matches!(effect, Effect::SettleRescue { taken: true, .. }) {
                    continue;
                }
                let changes = effect.changes();
                let asked = match effect {
                    Effect::SetAsked {
                        question,
                        asked: true,
                        at,
                    } => Some((question, at)),
                    _ => None,
                };
                match self.apply(effect, now) {
                    Ok(follow) => {
                        changed = changed.or(changes);
                        wrote_any = true;
                        pending.extend(follow);
                    }
                    // When a question was put is kept and written once the file takes it.
                    Err(failure) if asked.is_some() && self.held.is_none() => {
                        self.asked_unsaved.extend(asked);
                        self.retry_later(now);
                        if self.console.saving.problem.is_none() {
                            let text =
                                crate::labels::will_retry(self.console.lang, &failure.reason);
                            self.console.warn(text);
                        }
                    }
                    Err(failure) => {
                        text_failed |= matches!(failure.write, FailedWrite::Text { .. });
                        pending.push(Action::SaveFailed(failure));
                    }
                }
            }
            if let Err(err) = load::reload(&self.store, &mut self.console, changed) {
                self.console.warn(err.to_string());
            }
        }
        if let Ok(Some(warning)) = self.store.new_invalid_text_warning() {
            self.console.warn(warning);
        }
        self.save_resume_point(now, wrote_any || retrying);
        let form_failed = self.unsaved.keys().any(|k| k.starts_with(FORM));
        if self.console.quit
            && form_failed
            && matches!(self.console.recorder.mode, crate::app::Mode::Form(_))
        {
            // What was typed into the form since its write failed.
            let _ = self.rescue_form(String::new());
        }
    }

    /// Applies a key's action when more keys are already read (`more`): where the
    /// recorder is, is saved after the last of them. What a key changes is written as ever.
    pub fn handle_key(&mut self, action: Action, now: DateTime<Utc>, more: bool) {
        self.more_keys = more;
        self.handle(action, now);
        self.more_keys = false;
    }

    /// Writes that are not the recorder's own keystrokes (when a question was put, where
    /// the recorder is and what the room sees) are tried again a second after they failed.
    fn retry_later(&mut self, now: DateTime<Utc>) {
        let at = now + chrono::Duration::seconds(1);
        self.console.saving.retry_at = Some(self.console.saving.retry_at.map_or(at, |t| t.min(at)));
    }

    /// Writes when the questions whose answers were begun were put, where that failed.
    fn retry_asked(&mut self, now: DateTime<Utc>) {
        if self.asked_unsaved.is_empty() || self.held.is_some() {
            return;
        }
        let mut wrote = false;
        for (question, at) in std::mem::take(&mut self.asked_unsaved) {
            match self.store.mark_asked(question, at) {
                Ok(()) => wrote = true,
                Err(_) => self.asked_unsaved.push((question, at)),
            }
        }
        if !self.asked_unsaved.is_empty() {
            self.retry_later(now);
        }
        let detail = Changed {
            detail: true,
            ..Changed::NOTHING
        };
        if wrote && let Err(err) = load::reload(&self.store, &mut self.console, detail) {
            self.console.warn(err.to_string());
        }
    }

    /// Carries out one effect; a search answers with its results, a failure says what
    /// did not reach the database.
    fn apply(&mut self, effect: Effect, now: DateTime<Utc>) -> Result<Option<Action>, Failure> {
        let from_form = effect.from_form();
        if self.held.is_none()
            && let Err(gone) = self.store.still_in_place()
        {
            // Whatever was written so far goes into the file the console has open, so a
            // file moved away keeps it even if the console is killed.
            let _ = self.store.checkpoint_into_open_file();
            self.stop_writing(gone.to_string());
        }
        let problem = self.held.clone();
        if let Some(problem) = problem
            && effect.writes()
        {
            return Err(match effect {
                Effect::SaveText { target, body } | Effect::SaveDraft { target, body } => {
                    self.rescue(target, body, now, problem, false)
                }
                _ if from_form => self.rescue_form(problem),
                _ => Failure::other(problem),
            });
        }
        let store = &mut self.store;
        let result = match effect {
            Effect::SaveText { target, body } => return self.save_text(target, body, now, true),
            Effect::SaveDraft { target, body } => return self.save_text(target, body, now, false),
            Effect::SetStage { slot, from, to } => store.set_stage(slot, from, to, now),
            Effect::Skip { slot, from, reason } => store.skip(slot, from, &reason, now),
            Effect::SetTimer {
                slot,
                stage,
                running,
            } => store.set_timer_running(slot, stage, running, now),
            Effect::SetAsked {
                question,
                asked: true,
                at,
            } => store.mark_asked(question, at),
            Effect::SetAsked { question, .. } => {
                let change = QuestionChange {
                    asked_at: Some(None),
                    ..QuestionChange::default()
                };
                store.change_question(question, &change, now)
            }
            Effect::ChangeQuestion {
                question,
                asker,
                text,
            } => {
                let change = QuestionChange {
                    asker: Some(asker),
                    text: Some(text),
                    ..QuestionChange::default()
                };
                store.change_question(question, &change, now)
            }
            Effect::Withdraw { pane, id } => withdraw(store, &self.console, pane, id, now),
            Effect::AddDutyItem { slot, item } => store.add_duty_item(slot, &item, now).map(|_| ()),
            Effect::ChangeDutyItem { item } => store.change_duty_item(&item, false, now),
            Effect::AddRiskPoint { slot, risk } => {
                store.add_risk_point(slot, &risk, now).map(|_| ())
            }
            Effect::ChangeRiskPoint { risk } => store.change_risk_point(&risk, false, now),
            Effect::ChangeFollowUp { follow_up } => {
                let slot = self.console.slot().map(|s| s.id);
                store.change_follow_up(&follow_up, slot, now)
            }
            Effect::MoveOfficial { slot, to } => store.move_official(slot, to, now).map(|_| ()),
            Effect::ChangeAllotment {
                slot,
                report_minutes,
                written_only,
            } => store.change_allotment(slot, report_minutes, written_only, now),
            Effect::ChangeAttendance {
                attendee,
                attendance,
                reason,
                arrived_at,
                left_at,
            } => store.change_attendance(attendee, attendance, &reason, arrived_at, left_at, now),
            Effect::AddAttendee {
                meeting,
                name,
                post,
                attendance,
                arrived_at,
            } => store
                .add_late_attendee(meeting, &name, &post, attendance, arrived_at, now)
                .map(|_| ()),
            Effect::FinishMeeting { meeting } => store.finish_meeting(meeting, now).map(|_| ()),
            Effect::MoveMeetingDate { meeting, held_on } => {
                store.move_meeting_date(meeting, held_on, now)
            }
            Effect::TakeBackStage { slot, from, to } => store.take_back_stage(slot, from, to, now),
            Effect::AddQuestion {
                slot,
                asker,
                text,
                prepared: false,
            } => store.add_question(slot, &asker, &text, now).map(|_| ()),
            Effect::AddQuestion {
                slot,
                asker,
                text,
                prepared: true,
            } => store
                .add_prepared_question(slot, &asker, &text, now)
                .map(|_| ()),
            Effect::SetWrittenReply {
                question,
                needed,
                reason,
            } => store.set_written_reply(question, needed, &reason, now),
            Effect::RecordRating { slot, rating } => store.record_rating(slot, rating, now),
            Effect::UpdateFollowUp {
                id,
                status,
                progress,
            } => {
                let slot = self.console.slot().map(|s| s.id);
                store.update_follow_up(id, status, &progress, slot, now)
            }
            Effect::AddFollowUp { slot, follow_up } => {
                store.add_follow_up(slot, &follow_up, now).map(|_| ())
            }
            Effect::CheckFollowUp {
                follow_up,
                slot,
                mark,
                comment,
            } => store.check_follow_up(follow_up, slot, mark, &comment, now),
            Effect::SetMentioned {
                slot,
                risk,
                item,
                mentioned,
            } => store.set_mentioned(slot, risk, item, mentioned, now),
            Effect::RecordTallies { slot, tallies } => {
                let scheme = self.console.snapshot.rating_scheme.clone();
                store.record_tallies(slot, &scheme, &tallies, now)
            }
            Effect::Search { query } => {
                return store
                    .search(self.console.snapshot.meeting.id, &query)
                    .map(|hits| Some(Action::SearchResults(hits)))
                    .map_err(|err| Failure::other(err.to_string()));
            }
            Effect::ExportAll => {
                return self.export_all(now).map(Some).map_err(Failure::other);
            }
            Effect::LoadHistory { slot } => {
                // Only a read: when it fails, nothing was left undone in the file.
                return match store.history(slot) {
                    Ok(history) => Ok(Some(Action::HistoryLoaded(Box::new(history)))),
                    Err(err) => {
                        let lang = self.console.lang;
                        let text = crate::labels::history::not_read(lang, &err.to_string());
                        self.console.warn(text);
                        Ok(None)
                    }
                };
            }
            Effect::SaveTheme { name } => store.set_setting(Setting::Theme, &name),
            Effect::Load => Ok(()),
            Effect::KeepFormContent => {
                let rescue = self.keep_form();
                let text = crate::labels::form_closed_unsaved(self.console.lang, &rescue);
                self.console.warn(text);
                return Ok(None);
            }
            Effect::SettleRescue { path, taken } => {
                return rescue::settle(&path, taken)
                    .map(|()| None)
                    .map_err(|e| Failure::other(format!("{}: {e}", path.display())));
            }
        };
        match result {
            Ok(()) if from_form => Ok(self.form_saved()),
            Ok(()) => Ok(None),
            Err(err) if from_form => Err(self.rescue_form(err.to_string())),
            Err(err) => Err(Failure::other(err.to_string())),
        }
    }

    /// Saves a typed text, as a draft or kept as a revision. When that fails, the text is
    /// rescued into the first folder that takes it and goes back into its editor.
    fn save_text(
        &mut self,
        target: TextTarget,
        body: String,
        now: DateTime<Utc>,
        keep: bool,
    ) -> Result<Option<Action>, Failure> {
        let saved = if keep {
            self.store.save_text(target, &body, now).map(|_| ())
        } else {
            let started = std::time::Instant::now();
            let saved = self.save_draft(target, &body, now);
            if let (Ok(()), crate::app::Mode::Editor(editor)) =
                (&saved, &mut self.console.recorder.mode)
            {
                let took = started.elapsed();
                editor.draft_took(
                    took,
                    now + chrono::Duration::from_std(took).unwrap_or_default(),
                );
            }
            saved
        };
        match saved {
            Ok(()) => Ok(self.saved(&format!("{target:?}"))),
            Err(err) => {
                let busy = matches!(err, StorageError::Busy);
                Err(self.rescue(target, body, now, err.to_string(), busy))
            }
        }
    }

    /// Saves the draft and where the recorder is in one commit.
    fn save_draft(
        &mut self,
        target: TextTarget,
        body: &str,
        now: DateTime<Utc>,
    ) -> Result<(), StorageError> {
        let point = self.console.resume_point();
        let place = point.write();
        let meeting = self.console.snapshot.meeting.id;
        self.store.save_draft_and_place(
            target,
            body,
            meeting,
            &place,
            &self.console.room_view(),
            now,
        )?;
        self.saved_resume = Some(point);
        Ok(())
    }

    /// Writes text the database did not take into the first rescue folder with room, and
    /// says so.
    fn rescue(
        &mut self,
        target: TextTarget,
        body: String,
        now: DateTime<Utc>,
        reason: String,
        busy: bool,
    ) -> Failure {
        let rescued = Rescue {
            db: self.identity.clone(),
            owner: Some(self.owner.clone()),
            target,
            saved_at: now,
            body: body.clone(),
        };
        let rescue = rescue::write(&rescued, &self.rescue_folders);
        let key = format!("{target:?}");
        let unsaved = Unsaved {
            rescue: rescue.clone(),
            body: rescued.body.clone(),
        };
        self.unsaved.insert(key, unsaved);
        Failure {
            reason,
            write: FailedWrite::Text {
                target,
                body,
                rescue,
                busy,
            },
        }
    }

    /// A text reached the database: its rescue file is no longer needed, and once nothing
    /// is unsaved the failure goes off the screen.
    fn saved(&mut self, key: &str) -> Option<Action> {
        if let Some(Unsaved {
            rescue: Ok(path), ..
        }) = self.unsaved.remove(key)
        {
            let _ = std::fs::remove_file(path);
        }
        // Forms given up after a failed write stay listed for the last words, but the
        // failure on screen goes once no typed text and no open form waits for the file.
        let text_left = self.unsaved.keys().any(|k| !k.starts_with(FORM));
        let form_left =
            matches!(&self.console.recorder.mode, crate::app::Mode::Form(f) if f.unsaved);
        let clear = !text_left && !form_left && self.console.saving.problem.is_some();
        clear.then_some(Action::Saved)
    }

    /// A form's write failed: what was typed in it is rescued as plain text (never offered
    /// back, only kept), one file for each form's content, and the reason says where.
    fn rescue_form(&mut self, reason: String) -> Failure {
        let rescue = self.keep_form();
        let reason = crate::labels::form_rescued(self.console.lang, &reason, &rescue);
        Failure {
            reason,
            write: FailedWrite::Form,
        }
    }

    /// Writes the open form (or the one last submitted) into a rescue file, headed by whose
    /// it is and what it corrects; one file for each content the form had.
    fn keep_form(&mut self) -> Result<PathBuf, String> {
        let form = match &self.console.recorder.mode {
            crate::app::Mode::Form(form) => Some(form),
            _ => self.console.saving.last_form.as_ref(),
        };
        let Some(form) = form else {
            return Err(String::new());
        };
        let content = form.as_text(self.console.lang);
        let body = crate::app::rescue_heading(&self.console, form) + &content;
        let key = form_key(&content);
        let rescue = rescue::write_plain(&self.identity, &key, &body, &self.rescue_folders);
        let unsaved = Unsaved {
            rescue: rescue.clone(),
            body,
        };
        self.unsaved.insert(key, unsaved);
        rescue
    }

    /// The form just submitted reached the database: its rescue, if it had one, goes.
    fn form_saved(&mut self) -> Option<Action> {
        let body = self
            .console
            .saving
            .last_form
            .as_ref()
            .map(|f| f.as_text(self.console.lang))
            .unwrap_or_default();
        self.saved(&form_key(&body))
    }

    /// What is not in the database, and where it is, for the last words before leaving;
    /// `None` when everything typed was saved. Words that no folder took are given whole.
    pub fn unsaved_report(&self) -> Option<String> {
        if self.unsaved.is_empty() {
            return None;
        }
        let lang = self.console.lang;
        let places: Vec<String> = self
            .unsaved
            .values()
            .map(|unsaved| crate::labels::unsaved_place(lang, &unsaved.rescue, &unsaved.body))
            .collect();
        Some(crate::labels::unsaved_report(
            lang,
            &self.store.path().display().to_string(),
            &places,
        ))
    }

    /// Writes every export into a new folder beside the database.
    fn export_all(&self, now: DateTime<Utc>) -> Result<Action, String> {
        self.store.integrity_check().map_err(|e| e.to_string())?;
        let mut minutes = Minutes::build(&self.store, self.console.snapshot.meeting.id, false, now)
            .map_err(|e| e.to_string())?;
        if let Some(mark) = self
            .store
            .export_mark(self.console.snapshot.meeting.id)
            .map_err(|e| e.to_string())?
        {
            minutes.set_mark(&mark);
        }
        let offset = export::local_offset(now);
        let options = export::Options {
            revisions: false,
            offset,
            fonts: export::Fonts::default(),
        };
        // The 纪要's head as the preparation gave it, as `shuze export` writes it.
        let filing = export::Filing::stored(&self.store, self.console.snapshot.meeting.id)
            .map_err(|e| e.to_string())?;
        let dir = export::default_dir(self.store.path(), now, offset);
        let written = export::write_all_filed(&minutes, &dir, &options, &filing, false)
            .map_err(|e| e.to_string())?;
        for record in export::records_of(&minutes, &written, None) {
            self.store
                .record_export(&record)
                .map_err(|e| e.to_string())?;
        }
        Ok(Action::Exported(
            written.iter().map(|p| p.display().to_string()).collect(),
        ))
    }

    /// Saves where the recorder is when it changed. A caret that merely moved is saved
    /// with the next write, not on every keystroke.
    fn save_resume_point(&mut self, now: DateTime<Utc>, wrote: bool) {
        // After a failed try (a busy or full file), the place waits for the next write that
        // goes through, or the next retry, rather than making every keystroke wait for the
        // file again; a new picture for the room is tried at once.
        if self.more_keys {
            return;
        }
        let point = self.console.resume_point();
        let room_changed = self.saved_resume.as_ref().map(|p| &p.room) != Some(&point.room);
        let new_room = room_changed && self.room_tried != Some(point.room);
        if self.held.is_some() || (self.resume_failed && !wrote && !new_room) {
            return;
        }
        self.room_tried = Some(point.room);
        let unchanged = match &self.saved_resume {
            Some(saved) if wrote => saved == &point,
            Some(saved) => saved.without_caret() == point.without_caret(),
            None => false,
        };
        if unchanged {
            return;
        }
        let json = point.write();
        match self.store.save_console_state(
            self.console.snapshot.meeting.id,
            &json,
            &self.console.room_view(),
            now,
        ) {
            Ok(()) => {
                if self.resume_failed && room_changed {
                    let text = crate::labels::picture_written(self.console.lang);
                    self.console.say(text);
                }
                self.saved_resume = Some(point);
                self.resume_failed = false;
            }
            Err(err) => {
                self.resume_failed = true;
                self.retry_later(now);
                let lang = self.console.lang;
                if room_changed {
                    // The recorder chose a picture the audience view cannot see yet.
                    self.console
                        .warn(crate::labels::picture_not_written(lang, &err.to_string()));
                } else if self.console.saving.problem.is_none()
                    && !self
                        .console
                        .recorder
                        .message
                        .as_ref()
                        .is_some_and(|m| m.is_error)
                {
                    // While text is unsaved, or a failure is shown, the screen says why.
                    self.console.warn(err.to_string());
                }
            }
        }
    }

    /// Saves any unsaved text and where the recorder is; called before leaving.
    pub fn save_all(&mut self, now: DateTime<Utc>) {
        self.handle(Action::Flush, now);
        // A half-filled form lives in the resume point; when that could not be saved, the
        // form's words are rescued like typed text, and the exit says so.
        let form_unsaved = self.resume_failed || self.held.is_some();
        if form_unsaved && matches!(self.console.recorder.mode, crate::app::Mode::Form(_)) {
            self.rescue_form(String::new());
        }
    }
}

/// Withdraws a question, duty item or risk point: a change saying so, the rest as it was.
fn withdraw(
    store: &mut Store,
    console: &crate::app::Console,
    pane: crate::app::Pane,
    id: crate::domain::Id,
    now: DateTime<Utc>,
) -> Result<(), StorageError> {
    use crate::app::Pane;
    let detail = &console.snapshot.detail;
    match pane {
        Pane::Questions => {
            let change = QuestionChange {
                withdrawn: Some(true),
                ..QuestionChange::default()
            };
            store.change_question(id, &change, now)
        }
        Pane::Duties => match detail.duty_items.iter().find(|d| d.id == id) {
            Some(item) => store.change_duty_item(item, true, now),
            None => Ok(()),
        },
        Pane::Risks => match detail.risk_points.iter().find(|r| r.id == id) {
            Some(risk) => store.change_risk_point(risk, true, now),
            None => Ok(()),
        },
        Pane::Remarks | Pane::FollowUps => Ok(()),
    }
}
