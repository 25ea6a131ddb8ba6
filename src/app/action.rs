//! What the recorder asks for (`Action`) and what the loop must then do (`Effect`).

use super::key::KeyEvent;
use crate::domain::{
    AgendaMove, DutyItem, FollowUp, FollowUpMark, FollowUpStatus, Id, Rating, RiskPoint, Stage,
    rating_rules::GroupTally,
};
use crate::labels::Lang;
use crate::view::{Changed, SearchHit, TextTarget};

/// Declares `Command` and `Command::ALL` from one list, so that a command added to the
/// enum is in `ALL` too (tests and the help derive their lists from it).
macro_rules! commands {
    ($($(#[doc = $doc:literal])+ $name:ident,)+) => {
        /// A command bound to a key while browsing the meeting.
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum Command {
            $($(#[doc = $doc])+ $name,)+
        }

        impl Command {
            /// Every command, in the order declared.
            pub const ALL: &'static [Command] = &[$(Command::$name,)+];
        }
    };
}

commands! {
    /// Select the previous row of the focused pane.
    MoveUp,
    /// Select the next row of the focused pane.
    MoveDown,
    /// Focus the next pane.
    NextPane,
    /// Focus the previous pane.
    PreviousPane,
    /// Go to the next official in the agenda.
    NextOfficial,
    /// Go to the previous official in the agenda.
    PreviousOfficial,
    /// Ask for an agenda number and go there.
    Jump,
    /// Move the current official to the next stage.
    NextStage,
    /// Move the current official back one stage (to correct a slip).
    PreviousStage,
    /// Pause or resume the stage timer.
    ToggleTimer,
    /// Record the answer to the selected question.
    EditAnswer,
    /// Record the chair's remarks.
    EditRemarks,
    /// Write the recorder's private note.
    EditNote,
    /// Record the chair's closing remarks for the whole meeting (会议总结).
    EditClosing,
    /// Add a question raised on the spot.
    AddQuestion,
    /// Mark the selected question as needing a written reply (书面质询), or clear the mark.
    ToggleWrittenReply,
    /// Enter the rating tallies.
    RecordRating,
    /// Add a follow-up.
    AddFollowUp,
    /// Check the selected earlier follow-up: 已完成, 整改中 or 逾期, with a comment.
    CheckFollowUp,
    /// Tick the selected duty item or risk point as mentioned in the report, or untick it.
    ToggleMentioned,
    /// Turn the selected 政治画像 finding or 提醒谈话 into a question: the add-question form,
    /// prefilled with its text.
    AskFromPortrait,
    /// Skip the current official, with a reason.
    Skip,
    /// Export the record, summary and ledger into a folder beside the database.
    Export,
    /// Switch to the next colour theme (remembered for this database).
    CycleTheme,
    /// Switch this console between the recorder's layout and the projected picture.
    ToggleProjection,
    /// Blank the projected picture at once (black, meeting title only), or bring it back.
    ToggleBlank,
    /// Show the official's name and the clock in large glyphs, or the card again.
    ToggleSpotlight,
    /// Show the answers on the projected picture as they are recorded, or hide them.
    ToggleProjectedAnswers,
    /// Put the current official's card back on the projected picture.
    ShowCard,
    /// Project the official's rating result (or the card again).
    ShowRating,
    /// Project the follow-ups agreed for the official (or the card again).
    ShowFollowUps,
    /// Project the agenda (or the card again).
    ShowAgenda,
    /// Project the pause screen, 休会 (or the card again).
    ShowPause,
    /// Project the title screen (or the card again).
    ShowTitle,
    /// Five more minutes on the pause screen's countdown (and the pause screen shown).
    PauseLonger,
    /// Five minutes less on the pause screen's countdown.
    PauseShorter,
    /// Search the meeting.
    Search,
    /// Mark the selected question as asked (or not asked, while it has no answer).
    MarkAsked,
    /// Correct the selected row: a question, duty item, risk point or follow-up.
    EditSelected,
    /// Add a duty item or risk point (in those panes), or a question.
    AddItem,
    /// Withdraw the selected question, duty item or risk point (kept in the file).
    Withdraw,
    /// Move the current official up the agenda.
    MoveOfficialUp,
    /// Move the current official down the agenda.
    MoveOfficialDown,
    /// Move the current official to the end of the agenda.
    MoveOfficialToEnd,
    /// Change the current official's minutes and whether they report in writing.
    ChangeAllotment,
    /// Record who arrived late, left early or is absent; add an attendee.
    Attendance,
    /// End the meeting (散会).
    FinishMeeting,
    /// Open the official's (and the unit's) earlier meetings in the file: read-only,
    /// searchable, never projected.
    History,
    /// Show every key.
    Help,
    /// Save everything and leave.
    Quit,
}

impl Command {
    /// Whether the command changes what the room sees (and nothing else): it works from
    /// any mode, never reaches an editor as text, and writes nothing but the picture.
    pub fn changes_picture(self) -> bool {
        use Command::*;
        matches!(
            self,
            ToggleBlank
                | ToggleSpotlight
                | ToggleProjectedAnswers
                | ShowCard
                | ShowRating
                | ShowFollowUps
                | ShowAgenda
                | ShowPause
                | ShowTitle
                | PauseLonger
                | PauseShorter
        )
    }

    /// What the command does, in a few words, for the help and the footer.
    pub fn name(self, lang: Lang) -> &'static str {
        use Command::*;
        match (lang, self) {
            (Lang::Zh, MoveUp) => "上一条",
            (Lang::Zh, MoveDown) => "下一条",
            (Lang::Zh, NextPane) => "下一栏",
            (Lang::Zh, PreviousPane) => "上一栏",
            (Lang::Zh, NextOfficial) => "下一位",
            (Lang::Zh, PreviousOfficial) => "上一位",
            (Lang::Zh, Jump) => "跳到第几位",
            (Lang::Zh, NextStage) => "下一环节",
            (Lang::Zh, PreviousStage) => "退回上一环节",
            (Lang::Zh, ToggleTimer) => "暂停/继续计时",
            (Lang::Zh, EditAnswer) => "记录回答（或编辑所选栏）",
            (Lang::Zh, EditRemarks) => "点评",
            (Lang::Zh, EditNote) => "私人备注",
            (Lang::Zh, EditClosing) => "会议总结",
            (Lang::Zh, AddQuestion) => "现场提问",
            (Lang::Zh, ToggleWrittenReply) => "标记书面质询",
            (Lang::Zh, RecordRating) => "民主测评",
            (Lang::Zh, AddFollowUp) => "新增整改问题",
            (Lang::Zh, CheckFollowUp) => "核查以往问题整改",
            (Lang::Zh, ToggleMentioned) => "标记/取消述责中已提及",
            (Lang::Zh, AskFromPortrait) => "据所选画像问题/谈话提问",
            (Lang::Zh, Skip) => "跳过本述责人",
            (Lang::Zh, Search) => "搜索",
            (Lang::Zh, CycleTheme) => "切换配色",
            (Lang::Zh, ToggleProjection) => "切换投影画面/记录画面",
            (Lang::Zh, ToggleBlank) => "投影黑屏/恢复",
            (Lang::Zh, ToggleSpotlight) => "大字显示姓名和计时",
            (Lang::Zh, ToggleProjectedAnswers) => "投影是否显示回答",
            (Lang::Zh, ShowCard) => "投影述责人",
            (Lang::Zh, ShowRating) => "投影测评结果",
            (Lang::Zh, ShowFollowUps) => "投影问题清单",
            (Lang::Zh, ShowAgenda) => "投影议程",
            (Lang::Zh, ShowPause) => "投影休会",
            (Lang::Zh, ShowTitle) => "投影会议标题",
            (Lang::Zh, PauseLonger) => "休会倒计时加5分钟",
            (Lang::Zh, PauseShorter) => "休会倒计时减5分钟",
            (Lang::Zh, Export) => "导出记录、纪要、台账",
            (Lang::Zh, MarkAsked) => "标记已提问",
            (Lang::Zh, EditSelected) => "修改所选",
            (Lang::Zh, AddItem) => "新增事项/风险点",
            (Lang::Zh, Withdraw) => "撤回所选",
            (Lang::Zh, MoveOfficialUp) => "述责人上移",
            (Lang::Zh, MoveOfficialDown) => "述责人下移",
            (Lang::Zh, MoveOfficialToEnd) => "述责人移到最后",
            (Lang::Zh, ChangeAllotment) => "调整时长/书面述责",
            (Lang::Zh, Attendance) => "出席情况",
            (Lang::Zh, FinishMeeting) => "散会",
            (Lang::Zh, History) => "以往会议记录（只读）",
            (Lang::Zh, Help) => "按键说明",
            (Lang::Zh, Quit) => "保存并退出",
            (Lang::En, MoveUp) => "previous row",
            (Lang::En, MoveDown) => "next row",
            (Lang::En, NextPane) => "next pane",
            (Lang::En, PreviousPane) => "previous pane",
            (Lang::En, NextOfficial) => "next official",
            (Lang::En, PreviousOfficial) => "previous official",
            (Lang::En, Jump) => "jump to official",
            (Lang::En, NextStage) => "next stage",
            (Lang::En, PreviousStage) => "back one stage",
            (Lang::En, ToggleTimer) => "pause/resume timer",
            (Lang::En, EditAnswer) => "record answer (or edit pane)",
            (Lang::En, EditRemarks) => "remarks",
            (Lang::En, EditNote) => "private note",
            (Lang::En, EditClosing) => "closing remarks",
            (Lang::En, AddQuestion) => "question on the spot",
            (Lang::En, ToggleWrittenReply) => "mark written reply",
            (Lang::En, RecordRating) => "rating",
            (Lang::En, AddFollowUp) => "add follow-up",
            (Lang::En, CheckFollowUp) => "check an earlier follow-up",
            (Lang::En, ToggleMentioned) => "tick as mentioned in the report",
            (Lang::En, AskFromPortrait) => "ask about the selected portrait finding or talk",
            (Lang::En, Skip) => "skip official",
            (Lang::En, Search) => "search",
            (Lang::En, CycleTheme) => "next colour theme",
            (Lang::En, ToggleProjection) => "projection / recorder layout",
            (Lang::En, ToggleBlank) => "blank the picture / bring it back",
            (Lang::En, ToggleSpotlight) => "large name and timer",
            (Lang::En, ToggleProjectedAnswers) => "show answers on the projection",
            (Lang::En, ShowCard) => "project the official",
            (Lang::En, ShowRating) => "project the rating result",
            (Lang::En, ShowFollowUps) => "project the follow-ups",
            (Lang::En, ShowAgenda) => "project the agenda",
            (Lang::En, ShowPause) => "project the pause screen",
            (Lang::En, ShowTitle) => "project the title screen",
            (Lang::En, PauseLonger) => "pause countdown +5 min",
            (Lang::En, PauseShorter) => "pause countdown -5 min",
            (Lang::En, Export) => "export minutes and ledger",
            (Lang::En, MarkAsked) => "mark asked",
            (Lang::En, EditSelected) => "correct selected",
            (Lang::En, AddItem) => "add duty item/risk point",
            (Lang::En, Withdraw) => "withdraw selected",
            (Lang::En, MoveOfficialUp) => "move official up",
            (Lang::En, MoveOfficialDown) => "move official down",
            (Lang::En, MoveOfficialToEnd) => "move official to the end",
            (Lang::En, ChangeAllotment) => "minutes / written report",
            (Lang::En, Attendance) => "attendance",
            (Lang::En, FinishMeeting) => "end the meeting",
            (Lang::En, History) => "earlier meetings (read-only)",
            (Lang::En, Help) => "help",
            (Lang::En, Quit) => "save and quit",
        }
    }
}

/// Everything that can change the console's state.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// A browsing command.
    Command(Command),
    /// A key typed into the open editor, form, search box or jump box.
    Input(KeyEvent),
    /// Text pasted (or committed by an input method) into whatever has the caret.
    Paste(String),
    /// Enter in a form, search box or jump box.
    Confirm,
    /// Esc: leave the editor (keeping the text) or close the form or box.
    Cancel,
    /// Move within a form or a list of search results (-1 up, +1 down).
    Step(i32),
    /// Time has passed: timers redraw, unsaved text is saved.
    Tick,
    /// Save everything typed now and keep it as revisions (before leaving the program).
    Flush,
    /// The search the loop ran has these hits.
    SearchResults(Vec<SearchHit>),
    /// A write the loop tried failed: typed text goes back into its editor, a form's
    /// content back into its form.
    SaveFailed(Failure),
    /// Every write since the last failure went through: the failure is no longer shown.
    Saved,
    /// Any key closes the help overlay.
    CloseOverlay,
    /// The export the loop ran wrote these files.
    Exported(Vec<String>),
    /// The history the loop read for the official on screen.
    HistoryLoaded(Box<crate::domain::history::History>),
}

/// A write that did not reach the database, and what it was.
#[derive(Debug, Clone, PartialEq)]
pub struct Failure {
    /// What went wrong, and where the text was put instead.
    pub reason: String,
    pub write: FailedWrite,
}

#[derive(Debug, Clone, PartialEq)]
pub enum FailedWrite {
    /// Typed text, with the file it was rescued into (`Err`: why no folder took it).
    Text {
        target: TextTarget,
        body: String,
        rescue: Result<std::path::PathBuf, String>,
        /// The database was busy (another program's lock): retried shortly.
        busy: bool,
    },
    /// What a form submitted: the form opens again with its content.
    Form,
    /// Anything else (a stage change, a search, an export, a setting).
    Other,
}

impl Effect {
    /// Whether carrying this out writes to the meeting file. Every effect is named, so a
    /// new one does not compile until it says.
    pub fn writes(&self) -> bool {
        match self {
            Effect::Search { .. }
            | Effect::Load
            | Effect::LoadHistory { .. }
            | Effect::SettleRescue { .. }
            | Effect::KeepFormContent => false,
            Effect::SaveDraft { .. }
            | Effect::SaveText { .. }
            | Effect::SetStage { .. }
            | Effect::TakeBackStage { .. }
            | Effect::Skip { .. }
            | Effect::SetTimer { .. }
            | Effect::SetAsked { .. }
            | Effect::ChangeQuestion { .. }
            | Effect::Withdraw { .. }
            | Effect::AddDutyItem { .. }
            | Effect::ChangeDutyItem { .. }
            | Effect::AddRiskPoint { .. }
            | Effect::ChangeRiskPoint { .. }
            | Effect::ChangeFollowUp { .. }
            | Effect::MoveOfficial { .. }
            | Effect::ChangeAllotment { .. }
            | Effect::ChangeAttendance { .. }
            | Effect::AddAttendee { .. }
            | Effect::FinishMeeting { .. }
            | Effect::MoveMeetingDate { .. }
            | Effect::AddQuestion { .. }
            | Effect::SetWrittenReply { .. }
            | Effect::RecordRating { .. }
            | Effect::AddFollowUp { .. }
            | Effect::UpdateFollowUp { .. }
            | Effect::CheckFollowUp { .. }
            | Effect::RecordTallies { .. }
            | Effect::SetMentioned { .. }
            | Effect::ExportAll
            | Effect::SaveTheme { .. } => true,
        }
    }

    /// Whether it changes the meeting's record (not a setting, an export, a private note
    /// or the meeting's end itself): after 散会 such a change is a 会后补记.
    pub fn changes_record(&self) -> bool {
        let note = |target: &TextTarget| matches!(target, TextTarget::Note { .. });
        match self {
            Effect::SaveDraft { target, .. } | Effect::SaveText { target, .. } => !note(target),
            Effect::SaveTheme { .. } | Effect::ExportAll | Effect::FinishMeeting { .. } => false,
            other => other.writes(),
        }
    }

    /// Whether a form submitted it: its failed write opens the form again and keeps what
    /// was typed in a rescue file. Every effect is named, so a new one does not compile
    /// until it says.
    pub fn from_form(&self) -> bool {
        match self {
            Effect::AddQuestion { .. }
            | Effect::RecordRating { .. }
            | Effect::AddFollowUp { .. }
            | Effect::UpdateFollowUp { .. }
            | Effect::CheckFollowUp { .. }
            | Effect::RecordTallies { .. }
            | Effect::Skip { .. }
            | Effect::ChangeQuestion { .. }
            | Effect::AddDutyItem { .. }
            | Effect::ChangeDutyItem { .. }
            | Effect::AddRiskPoint { .. }
            | Effect::ChangeRiskPoint { .. }
            | Effect::ChangeFollowUp { .. }
            | Effect::ChangeAllotment { .. }
            | Effect::ChangeAttendance { .. }
            | Effect::AddAttendee { .. } => true,
            Effect::KeepFormContent
            | Effect::SaveDraft { .. }
            | Effect::SaveText { .. }
            | Effect::SetStage { .. }
            | Effect::TakeBackStage { .. }
            | Effect::SetTimer { .. }
            | Effect::SetAsked { .. }
            | Effect::Withdraw { .. }
            | Effect::MoveOfficial { .. }
            | Effect::MoveMeetingDate { .. }
            | Effect::FinishMeeting { .. }
            | Effect::SetWrittenReply { .. }
            | Effect::SetMentioned { .. }
            | Effect::Search { .. }
            | Effect::ExportAll
            | Effect::SaveTheme { .. }
            | Effect::LoadHistory { .. }
            | Effect::Load
            | Effect::SettleRescue { .. } => false,
        }
    }

    /// What this write changes of what the console shows, so that only that is read again.
    pub fn changes(&self) -> Changed {
        let detail = Changed {
            detail: true,
            ..Changed::NOTHING
        };
        match self {
            // A draft changes nothing on screen: the editor already shows its text.
            Effect::SaveDraft { .. }
            | Effect::Search { .. }
            | Effect::LoadHistory { .. }
            | Effect::ExportAll
            | Effect::SaveTheme { .. }
            | Effect::SettleRescue { .. }
            | Effect::KeepFormContent => Changed::NOTHING,
            Effect::SaveText {
                target: TextTarget::Closing { .. },
                ..
            } => Changed {
                closing: true,
                ..Changed::NOTHING
            },
            Effect::SetStage { .. }
            | Effect::TakeBackStage { .. }
            | Effect::Skip { .. }
            | Effect::SetTimer { .. }
            | Effect::ChangeAttendance { .. }
            | Effect::AddAttendee { .. }
            | Effect::FinishMeeting { .. }
            | Effect::MoveMeetingDate { .. } => Changed {
                agenda: true,
                ..Changed::NOTHING
            },
            // The order or the minutes of the agenda, and so the official on screen.
            Effect::MoveOfficial { .. } | Effect::ChangeAllotment { .. } => Changed {
                agenda: true,
                detail: true,
                ..Changed::NOTHING
            },
            Effect::SaveText { .. }
            | Effect::SetAsked { .. }
            | Effect::ChangeQuestion { .. }
            | Effect::Withdraw { .. }
            | Effect::AddDutyItem { .. }
            | Effect::ChangeDutyItem { .. }
            | Effect::AddRiskPoint { .. }
            | Effect::ChangeRiskPoint { .. }
            | Effect::ChangeFollowUp { .. }
            | Effect::AddQuestion { .. }
            | Effect::SetWrittenReply { .. }
            | Effect::RecordRating { .. }
            | Effect::AddFollowUp { .. }
            | Effect::UpdateFollowUp { .. }
            | Effect::CheckFollowUp { .. }
            | Effect::RecordTallies { .. }
            | Effect::SetMentioned { .. }
            | Effect::Load => detail,
        }
    }
}

impl Failure {
    pub fn other(reason: impl Into<String>) -> Failure {
        Failure {
            reason: reason.into(),
            write: FailedWrite::Other,
        }
    }
}

/// Work for the loop: every change to the database goes through one of these.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    /// A form whose write failed was given up: what it holds now (`Console::last_form`)
    /// goes into a rescue file.
    KeepFormContent,
    /// Save the text being typed, replacing its previous draft.
    SaveDraft {
        target: TextTarget,
        body: String,
    },
    /// Keep the text as a revision of its own.
    SaveText {
        target: TextTarget,
        body: String,
    },
    SetStage {
        slot: Id,
        from: Stage,
        to: Stage,
    },
    /// A stage entered by a slip: back to `to`, `from`'s clock leaving no trace.
    TakeBackStage {
        slot: Id,
        from: Stage,
        to: Stage,
    },
    Skip {
        slot: Id,
        from: Stage,
        reason: String,
    },
    SetTimer {
        slot: Id,
        stage: Stage,
        running: bool,
    },
    /// The question was put (`asked`), or was not after all.
    SetAsked {
        question: Id,
        asked: bool,
        /// When it was put: its answer's first character, or the recorder's mark.
        at: chrono::DateTime<chrono::Utc>,
    },
    /// The question's asker and wording, corrected.
    ChangeQuestion {
        question: Id,
        asker: String,
        text: String,
    },
    /// Withdraw a question, duty item or risk point.
    Withdraw {
        pane: super::Pane,
        id: Id,
    },
    AddDutyItem {
        slot: Id,
        item: DutyItem,
    },
    /// The duty item's corrected state (its `id` says which).
    ChangeDutyItem {
        item: DutyItem,
    },
    AddRiskPoint {
        slot: Id,
        risk: RiskPoint,
    },
    /// The risk point's corrected state (its `id` says which).
    ChangeRiskPoint {
        risk: RiskPoint,
    },
    /// Every field of a follow-up, corrected (its `id` says which).
    ChangeFollowUp {
        follow_up: FollowUp,
    },
    MoveOfficial {
        slot: Id,
        to: AgendaMove,
    },
    ChangeAllotment {
        slot: Id,
        report_minutes: u32,
        written_only: bool,
    },
    /// An attendee's attendance as it now stands.
    ChangeAttendance {
        attendee: Id,
        attendance: crate::domain::Attendance,
        reason: String,
        arrived_at: Option<chrono::DateTime<chrono::Utc>>,
        left_at: Option<chrono::DateTime<chrono::Utc>>,
    },
    AddAttendee {
        meeting: Id,
        name: String,
        post: String,
        attendance: crate::domain::Attendance,
        /// When they came in, once the meeting had begun.
        arrived_at: Option<chrono::DateTime<chrono::Utc>>,
    },
    /// Move the meeting's date to the day it is really held (a dated change; the prepared
    /// date stays in the file).
    MoveMeetingDate {
        meeting: Id,
        held_on: chrono::NaiveDate,
    },
    /// Record 散会 now.
    FinishMeeting {
        meeting: Id,
    },
    AddQuestion {
        slot: Id,
        asker: String,
        text: String,
        /// Prepared (from the portrait, `Q`): waits to be asked; else asked now, on the spot.
        prepared: bool,
    },
    SetWrittenReply {
        question: Id,
        needed: bool,
        /// The reason chosen at `w` (one of `domain::WRITTEN_REASONS`), empty for none.
        reason: String,
    },
    RecordRating {
        slot: Id,
        rating: Rating,
    },
    AddFollowUp {
        slot: Id,
        follow_up: FollowUp,
    },
    /// Record how a follow-up stands now (this meeting's, or one carried from before).
    UpdateFollowUp {
        id: Id,
        status: FollowUpStatus,
        progress: String,
    },
    /// A duty item (`risk` false) or risk point ticked as mentioned in the report, or not.
    SetMentioned {
        slot: Id,
        risk: bool,
        item: Id,
        mentioned: bool,
    },
    /// The rating on the meeting's own scale and voter groups, as a new round.
    RecordTallies {
        slot: Id,
        tallies: Vec<GroupTally>,
    },
    /// An earlier follow-up checked with the official of `slot`: a dated row of its own.
    CheckFollowUp {
        follow_up: Id,
        slot: Id,
        mark: FollowUpMark,
        comment: String,
    },
    Search {
        query: String,
    },
    /// Export everything for the current meeting.
    ExportAll,
    /// Remember the colour theme chosen, by name, in this database.
    SaveTheme {
        name: String,
    },
    /// Reload the current official's detail (after moving to another official).
    Load,
    /// Read the earlier meetings of the official of `slot` (reads only).
    LoadHistory {
        slot: Id,
    },
    /// A rescued text was dealt with: taken into the database (the file is removed once
    /// the text is saved) or declined (the file is renamed, never deleted).
    SettleRescue {
        path: std::path::PathBuf,
        taken: bool,
    },
}
