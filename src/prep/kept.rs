//! What `import --update` leaves alone: everything the recorder added or corrected in the
//! console (attendance marks, duty items and risk points added, corrected or withdrawn,
//! questions corrected or withdrawn, the agenda's order and allotments), for every
//! official, reported or not. Each difference the file has there is listed as not applied.

use crate::domain::Id;
use crate::messages::tr;
use crate::storage::{Result, Store, Touched};

/// The console's additions and corrections in one meeting.
#[derive(Debug, Clone, Default)]
pub struct Kept(Vec<Touched>);

impl Kept {
    /// What the console added or corrected in `meeting`.
    pub fn load(store: &Store, meeting: Id) -> Result<Kept> {
        Ok(Kept(store.console_touched(meeting)?))
    }

    /// Whether the console added or corrected this thing.
    pub fn has(&self, kind: &str, id: Id) -> bool {
        self.0.iter().any(|t| t.kind == kind && t.id == id)
    }

    /// The thing of the official that the console added or corrected and that has had this
    /// text (as prepared or as corrected): the file's row for it.
    pub fn with_text(&self, kind: &str, slot: Id, text: &str) -> Option<Id> {
        self.0
            .iter()
            .find(|t| t.kind == kind && t.slot == Some(slot) && t.texts.iter().any(|x| x == text))
            .map(|t| t.id)
    }

    /// An attendee whose attendance the console recorded or corrected, by name.
    pub fn attendee_named(&self, name: &str) -> Option<Id> {
        self.0
            .iter()
            .find(|t| t.kind == "attendee" && t.texts.iter().any(|x| x == name))
            .map(|t| t.id)
    }
}

/// "{who}：责任事项「…」会上已修改，未应用（保持会上记录的内容）".
pub fn not_applied(who: &str, what: &str, text: &str) -> String {
    tr!(
        "{who}：{what}「{text}」会上已修改，未应用（保持会上记录的内容）",
        "{who}: {what} '{text}' was changed at the meeting and is not applied (what the meeting recorded stays)",
        who = who,
        what = what,
        text = text
    )
}
