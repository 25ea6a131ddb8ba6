//! Every label the console shows, in Chinese (default) and English.
//!
//! One exhaustive `match` per language: a label without a translation does not compile.

pub use crate::messages::Lang;

pub mod history;

use crate::domain::{
    Attendance, DutySource, DutyStatus, FollowUpMark, FollowUpMode, FollowUpSource, FollowUpStatus,
    PortraitDimension, RiskLevel, Stage,
};

/// The names of a follow-up's fields, as the console, the audience view, the minutes and
/// the ledger all write them (in the ledger's column order).
pub const FOLLOW_UP_FIELDS: [Label; 13] = [
    Label::Source,
    Label::Category,
    Label::Problem,
    Label::Task,
    Label::Measure,
    Label::Lead,
    Label::Owner,
    Label::Deadline,
    Label::Mode,
    Label::FollowUpProgress,
    Label::Status,
    Label::CopiedTo,
    Label::FollowUpNotes,
];

/// A fixed piece of interface text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Label {
    Agenda,
    DutyItems,
    RiskPoints,
    Questions,
    RemarksPane,
    FollowUpsPane,
    QuestionsShort,
    DutyItemsShort,
    RiskPointsShort,
    RemarksShort,
    FollowUpsShort,
    Supervisor,
    CountDutyItems,
    CountRiskPoints,
    CountMeasures,
    CountRules,
    CountOpenFollowUps,
    /// Of the open earlier follow-ups, those past their deadline.
    CountOverdueFollowUps,
    Stage,
    Elapsed,
    Remaining,
    Overrun,
    Paused,
    WrittenOnly,
    NoAnswer,
    Answer,
    AddedOnTheSpot,
    WrittenReply,
    /// An editor left with nothing in it, and nothing there before.
    NothingRecorded,
    /// An editor left empty where there was text: the empty text is what is kept.
    SavedEmpty,
    /// The `g` prompt's one field.
    JumpNumber,
    /// The footer's Enter in the questions pane.
    RecordAnswer,
    /// The footer's Enter in the remarks pane.
    RecordRemarks,
    /// A prepared question not yet put to the official.
    NotAsked,
    /// A question put, no answer recorded yet.
    AskedNoAnswer,
    /// A question with its answer recorded.
    Answered,
    Measures,
    Rules,
    Progress,
    Remarks,
    NoRemarks,
    Rating,
    NoRating,
    Voters,
    PrivateNote,
    PrivateNoteHidden,
    NoPrivateNote,
    ThisMeeting,
    Earlier,
    Owner,
    Deadline,
    CopiedTo,
    Problem,
    Measure,
    Asker,
    QuestionText,
    SkipReason,
    Category,
    Source,
    Mode,
    Lead,
    Task,
    FollowUpNotes,
    Official,
    UnitAndPost,
    Number,
    EditingAnswer,
    EditingRemarks,
    EditingNote,
    EditingClosing,
    AddQuestionTitle,
    /// The form `Q` opens: a question prepared from the portrait.
    PrepareQuestionTitle,
    RatingTitle,
    FollowUpTitle,
    SkipTitle,
    JumpTitle,
    SearchTitle,
    HelpTitle,
    NoHits,
    Empty,
    NoOfficials,
    Saved,
    SaveFailed,
    WaitingToSave,
    RescueTitle,
    RescueKeys,
    RescueSavedText,
    RescueUnsavedText,
    RescuePrivate,
    RescueTaken,
    RescueDeclined,
    EditorKeys,
    FormKeys,
    ChoiceHint,
    MeetingFinished,
    NotSaved,
    Status,
    FollowUpProgress,
    /// The prep's columns the program has no field for, on a follow-up's card.
    ExtraFields,
    UpdateFollowUpTitle,
    CheckFollowUpTitle,
    CheckMark,
    CheckComment,
    /// `C` with no earlier follow-up selected.
    NotEarlierFollowUp,
    /// `o` with no duty item or risk point selected.
    NothingToMention,
    /// `Q` without a portrait finding or talk selected.
    NoPortraitSelected,
    /// The unit's political portrait (政治画像), on the card and in the risk points pane.
    Portrait,
    /// Reminder talks (提醒谈话).
    ReminderTalks,
    /// A portrait finding's suggestion.
    Suggestion,
    /// The card's latest reminder talk.
    LatestTalk,
    MarkedMentioned,
    UnmarkedMentioned,
    /// Beside a duty item or risk point ticked as mentioned.
    Mentioned,
    /// The record's part per official on the earlier follow-ups.
    EarlierChecked,
    /// The copies to the leaders in charge, as a kind of export.
    KindCopies,
    ExportedTitle,
    TimerResumed,
    NotTimed,
    NoQuestion,
    /// Marks an export made before the meeting ended.
    Draft,
    /// 提出时间: when a follow-up was raised (the ledger's column).
    RaisedOn,
    /// 本次会议更新: what the meeting changed in a follow-up (the ledger's column).
    ChangedInMeeting,
    /// 未述责: an official who has not reported (yet).
    NotReported,
    NothingChanged,
    Withdrawn,
    NothingToWithdraw,
    NoNextOfficial,
    NoPreviousOfficial,
    AnsweredIsAsked,
    ConfirmTitle,
    ConfirmKeys,
    DateConfirmKeys,
    EditQuestionTitle,
    DutyItemTitle,
    RiskPointTitle,
    EditFollowUpTitle,
    AllotmentTitle,
    AttendanceTitle,
    Quarter,
    AgendaTotals,
    FromQuestion,
    NoQuestionChosen,
    NotChosen,
    FormUnchanged,
    EarlierQuestion,
    RiskLevel,
    ItemText,
    ReportMinutes,
    Attendee,
    AttendanceStatus,
    AttendanceTime,
    AttendanceReason,
    NewAttendee,
    AttendeeName,
    AttendeePost,
    Yes,
    No,
    Late,
    LeftEarly,
    NothingToCorrect,
    MovedInAgenda,
    NowhereToMove,
    MinutesPositive,
    KindRecord,
    KindSummary,
    KindLedger,
    FormatDocx,
    FormatHtml,
    FormatMd,
    FormatJson,
    FormatXlsx,
    FormatCsv,
    HistoryTitle,
    NoHistory,
    HistoryKeys,
    HistorySearchKeys,
    HistoryNotProjected,
    HistoryImported,
    HistoryNoQuestions,
    HistoryNoFollowUps,
}

impl Label {
    pub fn text(self, lang: Lang) -> &'static str {
        match lang {
            Lang::Zh => zh(self),
            Lang::En => en(self),
        }
    }
}

fn zh(label: Label) -> &'static str {
    use Label::*;
    match label {
        Agenda => "议程",
        NothingChanged => "未作改动",
        Withdrawn => "已撤回（记录在数据库历史中，不再显示）",
        NothingToWithdraw => "这一栏没有可撤回的条目：提问、责任事项、风险点可以撤回",
        NoNextOfficial => "已是最后一位述责人，没有下一位",
        NoPreviousOfficial => "已是第一位述责人，没有上一位",
        AnsweredIsAsked => "这个问题已有回答，算作已提问",
        ConfirmTitle => "请确认",
        ConfirmKeys => "Enter/y 确认  Esc/n 取消",
        DateConfirmKeys => "Enter/y 改为今天  Esc/n 保留原日期（都开始这一环节）",
        EditQuestionTitle => "修改提问",
        DutyItemTitle => "主体责任事项",
        RiskPointTitle => "廉政风险点",
        EditFollowUpTitle => "修改整改问题",
        AllotmentTitle => "述责时长与方式",
        AttendanceTitle => "出席情况",
        Quarter => "季度",
        AgendaTotals => "议程（用时为各人合计）",
        FromQuestion => "来源问题",
        NoQuestionChosen => "（无）",
        NotChosen => "（未选择）",
        FormUnchanged => "表单未作修改，没有写入",
        EarlierQuestion => "（原关联的提问）",
        RiskLevel => "风险等级",
        ItemText => "内容",
        ReportMinutes => "述责时长（分钟）",
        Attendee => "人员",
        AttendanceStatus => "情况",
        AttendanceTime => "时间（时:分）",
        AttendanceReason => "事由",
        NewAttendee => "（新增人员）",
        AttendeeName => "新增人员姓名",
        AttendeePost => "新增人员职务",
        Yes => "是",
        No => "否",
        Late => "迟到",
        LeftEarly => "早退",
        NothingToCorrect => "这一栏没有可修改的条目",
        MovedInAgenda => "议程顺序已调整",
        NowhereToMove => "已在议程的这一端，无法再移动",
        MinutesPositive => "述责时长应为 1 到 600 分钟",
        DutyItems => "主体责任事项",
        RiskPoints => "廉政风险点",
        Questions => "提问与回答",
        RemarksPane => "点评、测评、备注",
        FollowUpsPane => "问题清单",
        QuestionsShort => "提问",
        DutyItemsShort => "事项",
        RiskPointsShort => "风险点",
        RemarksShort => "点评",
        FollowUpsShort => "清单",
        Supervisor => "分管县领导",
        CountDutyItems => "责任事项",
        CountRiskPoints => "风险点",
        CountMeasures => "防控措施",
        CountRules => "完善制度",
        CountOpenFollowUps => "未结整改",
        CountOverdueFollowUps => "其中逾期",
        Stage => "环节",
        Elapsed => "用时",
        Remaining => "剩余",
        Overrun => "超时",
        Paused => "已暂停",
        WrittenOnly => "书面述责",
        NoAnswer => "（尚未回答）",
        Answer => "答",
        AddedOnTheSpot => "现场提问",
        WrittenReply => "书面质询",
        NothingRecorded => "没有记录：内容为空",
        SavedEmpty => "已保存：内容已清空",
        JumpNumber => "序号",
        RecordAnswer => "记录回答",
        RecordRemarks => "记录点评",
        NotAsked => "待问",
        AskedNoAnswer => "已问",
        Answered => "已答",
        Measures => "措施",
        Rules => "制度",
        Progress => "落实",
        Remarks => "点评",
        NoRemarks => "（尚无点评）",
        Rating => "民主测评",
        NoRating => "（尚未测评）",
        Voters => "参评人数",
        PrivateNote => "私人备注",
        PrivateNoteHidden => "已记录，不投影（按 m 查看）",
        NoPrivateNote => "无",
        ThisMeeting => "本次会议提出",
        Earlier => "以往问题",
        Owner => "责任人",
        Deadline => "完成时限",
        CopiedTo => "抄告",
        Problem => "问题描述",
        Measure => "整改措施",
        Asker => "提问人",
        QuestionText => "问题",
        SkipReason => "跳过原因",
        Category => "问题类别",
        Source => "问题来源",
        Mode => "整改方式",
        Lead => "责任领导",
        Task => "整改任务",
        FollowUpNotes => "备注",
        Official => "述责对象",
        UnitAndPost => "单位职务",
        Number => "序号",
        EditingAnswer => "记录回答",
        EditingRemarks => "记录点评",
        EditingNote => "私人备注（不投影、不导出）",
        EditingClosing => "会议总结（主持人总结讲话）",
        AddQuestionTitle => "现场提问",
        PrepareQuestionTitle => "据政治画像准备提问",
        RatingTitle => "民主测评票数",
        FollowUpTitle => "新增整改问题",
        SkipTitle => "跳过本述责人",
        JumpTitle => "跳到第几位（输入序号后回车）",
        SearchTitle => "搜索本次会议",
        HelpTitle => "按键说明（按任意键关闭）",
        NoHits => "没有找到",
        Empty => "（无）",
        NoOfficials => "本次会议没有述责人。请在准备文件中加入 [[official]] 后重新导入。",
        Saved => "已保存",
        SaveFailed => "保存失败，文字仍在编辑器中",
        WaitingToSave => "等待保存",
        RescueTitle => "找到上次未能保存的文字",
        RescueKeys => {
            "Enter 采用未保存的文字（存为新的修改记录）  Esc 保留数据库中的文字（文件改名保留）"
        }
        RescueSavedText => "数据库中的文字",
        RescueUnsavedText => "未保存的文字",
        RescuePrivate => "（私人备注，内容不在此显示）",
        RescueTaken => "已采用未保存的文字",
        RescueDeclined => "已保留数据库中的文字；未保存的文字仍在文件中",
        EditorKeys => "Esc 保存并返回  Enter 换行  输入即自动保存",
        FormKeys => "Tab 或上下键 切换栏目  Enter 确定  Esc 取消",
        ChoiceHint => "左右键选择",
        MeetingFinished => "已散会",
        NotSaved => "未保存",
        Status => "状态",
        FollowUpProgress => "进展情况",
        ExtraFields => "其他",
        UpdateFollowUpTitle => "更新整改进展",
        CheckFollowUpTitle => "核查以往问题整改情况",
        CheckMark => "核查结果",
        CheckComment => "说明",
        NotEarlierFollowUp => "请先在问题清单栏选中一条以往问题",
        NothingToMention => "请先在主体责任事项或廉政风险点栏选中一条",
        NoPortraitSelected => "请先在廉政风险点栏选中一条政治画像问题或提醒谈话",
        Portrait => "政治画像",
        ReminderTalks => "提醒谈话",
        Suggestion => "建议",
        LatestTalk => "最近谈话",
        MarkedMentioned => "已标记：述责中已提及",
        UnmarkedMentioned => "已取消“述责中已提及”",
        Mentioned => "已提及",
        EarlierChecked => "以往问题整改情况",
        KindCopies => "抄告",
        ExportedTitle => "已导出以下文件（按任意键关闭）",
        TimerResumed => "计时继续",
        NotTimed => "当前环节不计时：按 s 开始述责",
        NoQuestion => "没有可回答的问题：按 a 记录现场提问",
        Draft => "（草稿）",
        RaisedOn => "提出时间",
        ChangedInMeeting => "本次会议更新",
        NotReported => "未述责",
        KindRecord => "会议记录",
        KindSummary => "会议纪要",
        KindLedger => "整改台账",
        FormatDocx => "Word 文档（docx）",
        FormatHtml => "网页（html）",
        FormatMd => "Markdown 文本（md）",
        FormatJson => "JSON 数据（json）",
        FormatXlsx => "Excel 表格（xlsx）",
        FormatCsv => "CSV 表格（csv）",
        HistoryTitle => "以往会议记录（只读）",
        NoHistory => "没有以往的会议记录：本文件中此前的会议没有这个单位或这位述责人",
        HistoryKeys => {
            "Esc/H 关闭  j/k 滚动  / 搜索  n/N 下一处/上一处  PgUp/PgDn 翻页  Home/End 首尾"
        }
        HistorySearchKeys => "输入要找的字  Enter 确定  Esc 取消搜索",
        HistoryNotProjected => "以往会议记录不投影，投影画面不变：按 P 回到记录画面查看，Esc 关闭",
        HistoryImported => "准备文件中的以往整改问题",
        HistoryNoQuestions => "（没有提问记录）",
        HistoryNoFollowUps => "（没有提出整改问题）",
    }
}

fn en(label: Label) -> &'static str {
    use Label::*;
    match label {
        NothingChanged => "Nothing changed",
        Withdrawn => "Withdrawn (kept in the file's history, shown nowhere)",
        NothingToWithdraw => {
            "Nothing to withdraw here: questions, duty items and risk points can be withdrawn"
        }
        NoNextOfficial => "This is the last official: there is no next one",
        NoPreviousOfficial => "This is the first official: there is no previous one",
        AnsweredIsAsked => "This question has an answer: it counts as asked",
        ConfirmTitle => "Please confirm",
        ConfirmKeys => "Enter/y confirm  Esc/n cancel",
        DateConfirmKeys => {
            "Enter/y move to today  Esc/n keep the date (the stage begins either way)"
        }
        EditQuestionTitle => "Correct the question",
        DutyItemTitle => "Duty item",
        RiskPointTitle => "Risk point",
        EditFollowUpTitle => "Correct the follow-up",
        AllotmentTitle => "Report minutes and form",
        AttendanceTitle => "Attendance",
        Quarter => "Quarter",
        AgendaTotals => "Agenda (each official's total time)",
        FromQuestion => "From question",
        NoQuestionChosen => "(none)",
        NotChosen => "(not chosen)",
        FormUnchanged => "Nothing in the form changed: nothing written",
        EarlierQuestion => "(the question it came from)",
        RiskLevel => "Risk level",
        ItemText => "Text",
        ReportMinutes => "Report minutes",
        Attendee => "Attendee",
        AttendanceStatus => "Status",
        AttendanceTime => "Time (HH:MM)",
        AttendanceReason => "Reason",
        NewAttendee => "(someone new)",
        AttendeeName => "New attendee's name",
        AttendeePost => "New attendee's post",
        Yes => "yes",
        No => "no",
        Late => "arrived late",
        LeftEarly => "left early",
        NothingToCorrect => "Nothing to correct in this pane",
        MovedInAgenda => "The agenda's order changed",
        NowhereToMove => "Already at that end of the agenda",
        MinutesPositive => "Report minutes must be 1 to 600",
        Agenda => "Agenda",
        DutyItems => "Duty items",
        RiskPoints => "Integrity risk points",
        Questions => "Questions and answers",
        RemarksPane => "Remarks, rating, note",
        FollowUpsPane => "Follow-ups",
        QuestionsShort => "Q&A",
        DutyItemsShort => "Duties",
        RiskPointsShort => "Risks",
        RemarksShort => "Remarks",
        FollowUpsShort => "Follow-ups",
        Supervisor => "Leader in charge",
        CountDutyItems => "duty items",
        CountRiskPoints => "risk points",
        CountMeasures => "measures",
        CountRules => "rules",
        CountOpenFollowUps => "open follow-ups",
        CountOverdueFollowUps => "overdue",
        Stage => "Stage",
        Elapsed => "Elapsed",
        Remaining => "left",
        Overrun => "OVER",
        Paused => "PAUSED",
        WrittenOnly => "written report",
        NoAnswer => "(no answer yet)",
        Answer => "A",
        AddedOnTheSpot => "raised on the spot",
        WrittenReply => "written reply due",
        NothingRecorded => "Nothing recorded: the text is empty",
        SavedEmpty => "Saved: the text is now empty",
        JumpNumber => "Number",
        RecordAnswer => "record answer",
        RecordRemarks => "record remarks",
        NotAsked => "to ask",
        AskedNoAnswer => "asked",
        Answered => "answered",
        Measures => "Measures",
        Rules => "Rules",
        Progress => "Progress",
        Remarks => "Remarks",
        NoRemarks => "(no remarks yet)",
        Rating => "Rating",
        NoRating => "(not rated yet)",
        Voters => "voters",
        PrivateNote => "Private note",
        PrivateNoteHidden => "recorded, not shown (press m)",
        NoPrivateNote => "none",
        ThisMeeting => "Raised in this meeting",
        Earlier => "Earlier follow-ups",
        Owner => "Owner",
        Deadline => "Deadline",
        CopiedTo => "Copied to",
        Problem => "Problem",
        Measure => "Measure",
        Asker => "Asker",
        QuestionText => "Question",
        SkipReason => "Reason for skipping",
        Category => "Category",
        Source => "Source",
        Mode => "Mode",
        Lead => "Responsible leader",
        Task => "Task",
        FollowUpNotes => "Notes",
        Official => "Official",
        UnitAndPost => "Unit and post",
        Number => "No.",
        EditingAnswer => "Recording the answer",
        EditingRemarks => "Recording the remarks",
        EditingNote => "Private note (never projected or exported)",
        EditingClosing => "Closing remarks of the meeting",
        AddQuestionTitle => "Question raised on the spot",
        PrepareQuestionTitle => "Question prepared from the portrait",
        RatingTitle => "Rating tallies",
        FollowUpTitle => "New follow-up",
        SkipTitle => "Skip this official",
        JumpTitle => "Jump to official number (Enter)",
        SearchTitle => "Search this meeting",
        HelpTitle => "Keys (any key closes)",
        NoHits => "Nothing found",
        Empty => "(none)",
        NoOfficials => {
            "This meeting has no officials. Add [[official]] tables to the prep file and import it again."
        }
        Saved => "Saved",
        SaveFailed => "Save failed; the text is still in the editor",
        WaitingToSave => "waiting to save",
        RescueTitle => "Text that could not be saved last time",
        RescueKeys => {
            "Enter take the unsaved text (kept as a new revision)  Esc keep the database's text (the file is kept, renamed)"
        }
        RescueSavedText => "In the database",
        RescueUnsavedText => "Unsaved",
        RescuePrivate => "(a private note: not shown here)",
        RescueTaken => "The unsaved text was taken",
        RescueDeclined => "The database's text was kept; the unsaved text stays in its file",
        EditorKeys => "Esc save and leave | Enter new line | saved as you type",
        FormKeys => "Tab/Up/Down field | Enter confirm | Esc cancel",
        ChoiceHint => "Left/Right to choose",
        MeetingFinished => "Meeting ended",
        NotSaved => "unsaved",
        Status => "Status",
        FollowUpProgress => "Progress",
        ExtraFields => "Other",
        UpdateFollowUpTitle => "Update a follow-up",
        CheckFollowUpTitle => "Check an earlier follow-up",
        CheckMark => "Found",
        CheckComment => "Comment",
        NotEarlierFollowUp => "Select an earlier follow-up in the follow-ups pane first",
        NothingToMention => "Select a duty item or risk point first",
        NoPortraitSelected => {
            "Select a portrait finding or reminder talk in the risk points pane first"
        }
        Portrait => "Political portrait",
        ReminderTalks => "Reminder talks",
        Suggestion => "Suggestion",
        LatestTalk => "latest talk",
        MarkedMentioned => "Ticked: mentioned in the report",
        UnmarkedMentioned => "No longer ticked as mentioned",
        Mentioned => "mentioned",
        EarlierChecked => "Earlier follow-ups checked",
        KindCopies => "copies",
        ExportedTitle => "Files written (any key closes)",
        TimerResumed => "Timer running",
        NotTimed => "This stage has no timer: press s to start the report",
        NoQuestion => "No question to answer: press a to add one raised on the spot",
        Draft => " (draft)",
        RaisedOn => "Raised",
        ChangedInMeeting => "Changed in this meeting",
        NotReported => "not reported",
        KindRecord => "the record",
        KindSummary => "the summary",
        KindLedger => "the ledger",
        FormatDocx => "Word (docx)",
        FormatHtml => "HTML (html)",
        FormatMd => "Markdown (md)",
        FormatJson => "JSON (json)",
        FormatXlsx => "Excel (xlsx)",
        FormatCsv => "CSV (csv)",
        HistoryTitle => "Earlier meetings (read-only)",
        NoHistory => {
            "No earlier meetings: no meeting before this one in the file had this unit or this official"
        }
        HistoryKeys => {
            "Esc/H close | j/k scroll | / search | n/N next/previous match | PgUp/PgDn page | Home/End"
        }
        HistorySearchKeys => "Type the words to find | Enter done | Esc drop the search",
        HistoryNotProjected => {
            "Earlier meetings are never projected; the room keeps its picture. P: recorder layout to read them, Esc: close"
        }
        HistoryImported => "Earlier follow-ups from the preparation",
        HistoryNoQuestions => "(no questions recorded)",
        HistoryNoFollowUps => "(no follow-ups raised)",
    }
}

/// The Chinese/English words for the domain's enums.
pub trait Named {
    fn name(self, lang: Lang) -> &'static str;
}

macro_rules! named {
    ($ty:ident { $($variant:ident => $zh:literal, $en:literal),+ $(,)? }) => {
        impl Named for $ty {
            fn name(self, lang: Lang) -> &'static str {
                match (self, lang) {
                    $(($ty::$variant, Lang::Zh) => $zh, ($ty::$variant, Lang::En) => $en,)+
                }
            }
        }
    };
}

named!(Stage {
    Pending => "待述责", "pending",
    Report => "述责报告", "report",
    Questions => "提问质询", "questions",
    Remarks => "点评", "remarks",
    Rating => "民主测评", "rating",
    FollowUps => "问题清单", "follow-ups",
    Done => "已完成", "done",
    Skipped => "已跳过", "skipped",
});
named!(Attendance { Present => "出席", "present", NonVoting => "列席", "non-voting", Absent => "缺席", "absent" });
named!(DutySource {
    AnnualReminder => "年初提示", "annual reminder",
    QuarterlyDispatch => "按季派单", "quarterly dispatch",
    AddedDispatch => "适时增单", "added dispatch",
});
named!(DutyStatus { NotStarted => "未启动", "not started", InProgress => "推进中", "in progress", Done => "已落实", "done" });
named!(RiskLevel { High => "高", "high", Medium => "中", "medium", Low => "低", "low" });
named!(FollowUpSource {
    Question => "提问", "question",
    Remarks => "点评", "remarks",
    Rating => "民主测评", "rating",
    Feedback => "会前反馈", "pre-meeting feedback",
});
named!(FollowUpMode { Immediate => "立行立改", "immediate", ByDeadline => "限期整改", "by deadline", LongTerm => "长期坚持", "long-term" });
named!(PortraitDimension {
    PartyLife => "党内政治生活", "party life",
    Appointments => "选人用人", "appointments",
    UseOfPower => "权力规范运行", "use of power",
    Integrity => "党员干部勤政廉政", "diligence and integrity",
    PublicSatisfaction => "群众满意度评价", "public satisfaction",
});
named!(FollowUpMark { Completed => "已完成", "completed", InProgress => "整改中", "in progress", Overdue => "逾期", "overdue" });
named!(FollowUpStatus {
    NotStarted => "未启动", "not started",
    InProgress => "整改中", "in progress",
    Completed => "已完成", "completed",
    Closed => "已销号", "closed",
});

/// "第 3/8 位" — which official of how many.
pub fn official_of(lang: Lang, n: usize, total: usize) -> String {
    match lang {
        Lang::Zh => format!("第 {n}/{total} 位"),
        Lang::En => format!("official {n} of {total}"),
    }
}

/// Rating tallies in one line.
pub fn rating_line(lang: Lang, r: &crate::domain::Rating) -> String {
    match lang {
        Lang::Zh => format!(
            "好 {}  较好 {}  一般 {}  差 {}（参评 {} 人，有效票 {}）",
            r.excellent,
            r.good,
            r.fair,
            r.poor,
            r.voters,
            r.counted()
        ),
        Lang::En => format!(
            "excellent {}, good {}, fair {}, poor {} ({} voters, {} counted)",
            r.excellent,
            r.good,
            r.fair,
            r.poor,
            r.voters,
            r.counted()
        ),
    }
}

/// The grade names of the rating form, in order.
pub fn rating_grades(lang: Lang) -> [&'static str; 4] {
    match lang {
        Lang::Zh => ["好", "较好", "一般", "差"],
        Lang::En => ["Excellent", "Good", "Fair", "Poor"],
    }
}

/// Why the stage did not change.
pub fn stage_unchanged(lang: Lang, stage: Stage) -> String {
    match lang {
        Lang::Zh => format!("已在「{}」，无法再移动", stage.name(lang)),
        Lang::En => format!("Already at '{}'", stage.name(lang)),
    }
}

pub fn stage_skipped_hint(lang: Lang) -> String {
    match lang {
        Lang::Zh => "此述责人已跳过：按 S 恢复为待述责".to_string(),
        Lang::En => "This official was skipped: press S to make them pending again".to_string(),
    }
}

pub fn stage_entered(lang: Lang, stage: Stage) -> String {
    match lang {
        Lang::Zh => format!("进入「{}」", stage.name(lang)),
        Lang::En => format!("Now: {}", stage.name(lang)),
    }
}

/// A choice the recorder has to make (nothing is chosen for them).
pub fn choose(lang: Lang, field: &str) -> String {
    match lang {
        Lang::Zh => format!("请选择「{field}」（←/→ 或空格）"),
        Lang::En => format!("Choose '{field}' (Left/Right or Space)"),
    }
}

/// A character typed into a choice field that no option has as its number or first
/// character.
pub fn not_an_option(lang: Lang, field: &str, typed: char) -> String {
    match lang {
        Lang::Zh => {
            format!("「{field}」是选择项，“{typed}”不是其中的编号或首字：用 ←/→ 或空格选择")
        }
        Lang::En => format!(
            "'{field}' is a choice: '{typed}' is no option's number or first letter; use Left/Right or Space"
        ),
    }
}

/// A character typed into a number field that is not a digit.
pub fn not_a_digit(lang: Lang, field: &str, typed: char) -> String {
    match lang {
        Lang::Zh => format!("「{field}」只能填数字，“{typed}”没有填入"),
        Lang::En => format!("'{field}' takes digits only: '{typed}' was not entered"),
    }
}

/// A digit typed into a number field already at its most digits.
pub fn too_many_digits(lang: Lang, field: &str) -> String {
    match lang {
        Lang::Zh => format!("「{field}」最多6位数字"),
        Lang::En => format!("'{field}' takes at most 6 digits"),
    }
}

/// Someone on the list chosen and a new name typed too.
pub fn attendee_or_new(lang: Lang, chosen: &str, typed: &str) -> String {
    match lang {
        Lang::Zh => format!(
            "已选人员「{chosen}」，又填了新人员姓名「{typed}」：只填一项（新人员请把人员选为“新增人员”或不选）"
        ),
        Lang::En => format!(
            "'{chosen}' is chosen and a new name '{typed}' typed: keep one (for someone new, choose '(someone new)' or nothing)"
        ),
    }
}

pub fn required(lang: Lang, field: &str) -> String {
    match lang {
        Lang::Zh => format!("「{field}」不能为空"),
        Lang::En => format!("'{field}' must not be empty"),
    }
}

pub fn too_many_ballots(lang: Lang, counted: u32, voters: u32) -> String {
    match lang {
        Lang::Zh => format!("四档票数合计 {counted} 张，超过参评人数 {voters} 人，请核对"),
        Lang::En => {
            format!("The grades add up to {counted} ballots, more than the {voters} voters")
        }
    }
}

pub fn bad_date(lang: Lang, text: &str) -> String {
    match lang {
        Lang::Zh => format!("时限「{text}」无法识别：请写成 2027-03-31"),
        Lang::En => format!("Deadline '{text}' is not a date: write it as 2027-03-31"),
    }
}

pub fn no_such_position(lang: Lang, text: &str, total: usize) -> String {
    match lang {
        Lang::Zh => format!("没有第「{text}」位：请输入 1 到 {total}"),
        Lang::En => format!("No official '{text}': enter 1 to {total}"),
    }
}

/// What Esc does, for the help.
/// Ctrl-Z in the `?` overlay.
pub fn suspend_meaning(lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => "保存并挂起（fg 回来）",
        Lang::En => "save and suspend (fg brings it back)",
    }
}

pub fn escape_meaning(lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => "离开编辑器（文字已保存）或关闭窗口",
        Lang::En => "leave the editor (text kept) or close a box",
    }
}

/// Shown instead of the console when the window is below the minimum.
pub fn too_small(lang: Lang, min_w: u16, min_h: u16, w: u16, h: u16) -> String {
    match lang {
        Lang::Zh => {
            format!("窗口太小：至少需要 {min_w}x{min_h}，当前 {w}x{h}。请放大窗口或缩小字号。")
        }
        Lang::En => format!(
            "Window too small: needs at least {min_w}x{min_h}, now {w}x{h}. Enlarge it or zoom out."
        ),
    }
}

pub fn theme_chosen(lang: Lang, name: &str) -> String {
    let name = theme_name(lang, name);
    match lang {
        Lang::Zh => format!("配色：{name}（已为本数据库记住）"),
        Lang::En => format!("Theme: {name} (remembered for this database)"),
    }
}

/// A shipped theme's name in the interface language; a theme of the user's own keeps the
/// name its file gives.
pub fn theme_name(lang: Lang, name: &str) -> &str {
    match (lang, name) {
        (Lang::Zh, "projector-dark") => "投影深色",
        (Lang::Zh, "projector-light") => "投影浅色",
        (Lang::Zh, "max-contrast") => "最高对比度",
        (Lang::Zh, "terminal") => "终端本色",
        (Lang::En, "projector-dark") => "projector, dark",
        (Lang::En, "projector-light") => "projector, light",
        (Lang::En, "max-contrast") => "maximum contrast",
        (Lang::En, "terminal") => "terminal's own colours",
        (_, other) => other,
    }
}

pub fn answers_projected(lang: Lang, shown: bool) -> &'static str {
    match (lang, shown) {
        (Lang::Zh, true) => "投影画面将显示回答",
        (Lang::Zh, false) => "投影画面不显示回答",
        (Lang::En, true) => "Answers are shown on the projection",
        (Lang::En, false) => "Answers are hidden from the projection",
    }
}

/// What `s` does for an official who has not started: the footer's first key then.
pub fn start_report(lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => "开始述责",
        Lang::En => "start the report",
    }
}

/// The one-terminal layout's band while a private note is written: its words stay off the
/// projected screen.
pub fn note_hidden_here(lang: Lang, typed: usize) -> String {
    match lang {
        Lang::Zh => {
            format!("已输入 {typed} 字（私人备注不投影；Esc 保存离开，再按 P 回到记录画面查看）")
        }
        Lang::En => format!(
            "{typed} characters typed (a private note is not projected; Esc saves and leaves, then P shows the recorder's layout)"
        ),
    }
}

/// The name of a projected picture, as the recorder is told it and the audience sees it.
pub fn picture_name(lang: Lang, picture: crate::domain::Picture) -> &'static str {
    use crate::domain::Picture::*;
    match (lang, picture) {
        (Lang::Zh, Card) => "述责人",
        (Lang::Zh, Spotlight) => "大字姓名和计时",
        (Lang::Zh, Rating) => "民主测评结果",
        (Lang::Zh, FollowUps) => "问题清单",
        (Lang::Zh, Agenda) => "议程",
        (Lang::Zh, Pause) => "休会",
        (Lang::Zh, Title) => "会议标题",
        (Lang::Zh, Blank) => "黑屏",
        (Lang::En, Card) => "the official",
        (Lang::En, Spotlight) => "large name and timer",
        (Lang::En, Rating) => "rating result",
        (Lang::En, FollowUps) => "follow-ups",
        (Lang::En, Agenda) => "agenda",
        (Lang::En, Pause) => "pause",
        (Lang::En, Title) => "title screen",
        (Lang::En, Blank) => "blank",
    }
}

/// "投影：休会（距复会 10:00）": what the room sees now (`picture`, as drawn), told to
/// the recorder.
pub fn room_shows(
    lang: Lang,
    picture: crate::domain::Picture,
    room: &crate::domain::Room,
    now: chrono::DateTime<chrono::Utc>,
) -> String {
    let name = picture_name(lang, picture);
    let countdown = room
        .resume_at
        .filter(|_| picture == crate::domain::Picture::Pause)
        .map(|at| resumes_in(lang, (at - now).num_milliseconds().max(0)));
    match (lang, countdown) {
        (Lang::Zh, None) => format!("投影：{name}"),
        (Lang::Zh, Some(c)) => format!("投影：{name}（{c}）"),
        (Lang::En, None) => format!("Projected: {name}"),
        (Lang::En, Some(c)) => format!("Projected: {name} ({c})"),
    }
}

/// "投影端已自行黑屏": what an audience view chose with its own keys (`local`) instead of
/// the recorder's picture (`recorder`), in the console's room line; `None` when the room
/// sees the recorder's picture after all.
pub fn room_local(
    lang: Lang,
    local: &crate::domain::Room,
    recorder: &crate::domain::Room,
) -> Option<String> {
    let (shown, theirs) = (local.shown(), recorder.shown());
    Some(match lang {
        Lang::Zh if local.blank && !recorder.blank => "投影端已自行黑屏".to_string(),
        Lang::En if local.blank && !recorder.blank => "blanked at the projector".to_string(),
        Lang::Zh if shown != theirs => format!("投影端自选：{}", picture_name(lang, shown)),
        Lang::En if shown != theirs => {
            format!("chosen at the projector: {}", picture_name(lang, shown))
        }
        _ if local.answers == recorder.answers => return None,
        Lang::Zh if local.answers => "投影端自行投影答复".to_string(),
        Lang::Zh => "投影端自行不投影答复".to_string(),
        Lang::En if local.answers => "answers shown at the projector".to_string(),
        Lang::En => "answers hidden at the projector".to_string(),
    })
}

/// The room's state beside the picture, in the console's room line: whether answers are
/// projected, and (when it is) that the clock the room sees is stopped.
pub fn room_state(lang: Lang, answers: bool, paused: bool) -> (&'static str, Option<&'static str>) {
    let answers = match (lang, answers) {
        (Lang::Zh, true) => "答复投影",
        (Lang::Zh, false) => "答复不投影",
        (Lang::En, true) => "answers shown",
        (Lang::En, false) => "answers hidden",
    };
    let paused = paused.then_some(match lang {
        Lang::Zh => "计时暂停",
        Lang::En => "clock paused",
    });
    (answers, paused)
}

/// "距复会 09:59": the pause screen's countdown.
pub fn resumes_in(lang: Lang, ms: i64) -> String {
    let clock = crate::domain::clock(ms);
    match lang {
        Lang::Zh => format!("距复会 {clock}"),
        Lang::En => format!("resumes in {clock}"),
    }
}

/// The fixed words of the projected pictures other than the official's card.
pub fn picture_words(lang: Lang) -> PictureWords {
    match lang {
        Lang::Zh => PictureWords {
            pause: "休会",
            pause_wait: "会议稍后继续",
            rating_title: "民主测评结果",
            ballots: "票数",
            share: "占比",
            approval: "好和较好",
            counted: "有效票",
            no_follow_ups: "本次会议尚未提出整改问题",
            place: "地点",
            chair: "主持人",
            now_reporting: "正在述责",
            earlier_above: "（上文略）",
            paused: "暂停",
            closing: "散会",
        },
        Lang::En => PictureWords {
            pause: "Break",
            pause_wait: "The meeting will continue shortly",
            rating_title: "Rating result",
            ballots: "ballots",
            share: "share",
            approval: "excellent and good",
            counted: "counted",
            no_follow_ups: "No follow-ups raised in this meeting yet",
            place: "Place",
            chair: "Chair",
            now_reporting: "reporting now",
            earlier_above: "(earlier text above)",
            paused: "PAUSED",
            closing: "Meeting closed",
        },
    }
}

/// See [`picture_words`].
#[derive(Debug, Clone, Copy)]
pub struct PictureWords {
    pub pause: &'static str,
    pub pause_wait: &'static str,
    pub rating_title: &'static str,
    pub ballots: &'static str,
    pub share: &'static str,
    pub approval: &'static str,
    pub counted: &'static str,
    pub no_follow_ups: &'static str,
    pub place: &'static str,
    pub chair: &'static str,
    pub now_reporting: &'static str,
    /// The mark above an answer whose beginning is not shown.
    pub earlier_above: &'static str,
    /// Beside a clock that is stopped.
    pub paused: &'static str,
    /// The closing picture's word, after the meeting is closed.
    pub closing: &'static str,
}

/// "责任事项 6   风险点 4   防控措施 7   完善制度 3   未结整改 1": the article's numbers.
pub fn counts_line(lang: Lang, c: &crate::domain::CardCounts) -> String {
    [
        (Label::CountDutyItems, c.duty_items),
        (Label::CountRiskPoints, c.risk_points),
        (Label::CountMeasures, c.measures),
        (Label::CountRules, c.rules),
        (Label::CountOpenFollowUps, c.open_earlier_follow_ups),
        (Label::CountOverdueFollowUps, c.overdue_earlier_follow_ups),
    ]
    .iter()
    // 其中逾期 only when some are: most units have none.
    .filter(|(label, n)| *label != Label::CountOverdueFollowUps || *n > 0)
    .map(|(label, n)| format!("{} {n}", label.text(lang)))
    .collect::<Vec<_>>()
    .join("   ")
}

/// A deadline as set: "15个工作日（2027-01-12前）" when set in working days, else the date.
pub fn deadline_text(
    lang: Lang,
    deadline: Option<chrono::NaiveDate>,
    workdays: Option<u32>,
) -> String {
    let Some(date) = deadline else {
        return String::new();
    };
    let date = date.format("%Y-%m-%d");
    match (lang, workdays) {
        (Lang::Zh, Some(days)) => format!("{days}个工作日（{date}前）"),
        (Lang::En, Some(days)) => format!("{days} working days (by {date})"),
        (_, None) => date.to_string(),
    }
}

/// "逾期 — 仍未完成（2027-01-12核查）": a check of an earlier follow-up in one line.
pub fn check_line(lang: Lang, check: &crate::domain::FollowUpCheck) -> String {
    let mark = check.mark.name(lang);
    let on = check.checked_on.format("%Y-%m-%d");
    match (lang, check.comment.trim().is_empty()) {
        (Lang::Zh, true) => format!("{mark}（{on}核查）"),
        (Lang::Zh, false) => format!("{mark}：{}（{on}核查）", check.comment.trim()),
        (Lang::En, true) => format!("{mark} (checked {on})"),
        (Lang::En, false) => format!("{mark}: {} (checked {on})", check.comment.trim()),
    }
}

/// "测评结果：合格；处理：约谈提醒": what the meeting's rating rules decide.
pub fn rating_outcome(lang: Lang, outcome: &crate::domain::rating_rules::RatingOutcome) -> String {
    let consequences = outcome.consequences.join("、");
    match (lang, &outcome.result, consequences.is_empty()) {
        (Lang::Zh, Some(r), true) => format!("测评结果：{r}"),
        (Lang::Zh, Some(r), false) => format!("测评结果：{r}；处理：{consequences}"),
        (Lang::Zh, None, false) => format!("测评结果：按规则无结论；处理：{consequences}"),
        (Lang::Zh, None, true) => "测评结果：按规则无结论".into(),
        (Lang::En, Some(r), true) => format!("Rating result: {r}"),
        (Lang::En, Some(r), false) => format!("Rating result: {r}; consequence: {consequences}"),
        (Lang::En, None, false) => {
            format!("Rating result: none by the rules; consequence: {consequences}")
        }
        (Lang::En, None, true) => "Rating result: none by the rules".into(),
    }
}

/// "县领导：廉洁 5，基本廉洁 2，不廉洁 0": each voter group's tallies on the meeting's scale.
pub fn tally_lines(
    grades: &[String],
    tallies: &[crate::domain::rating_rules::GroupTally],
) -> Vec<String> {
    tallies
        .iter()
        .map(|t| {
            let counts: Vec<String> = grades
                .iter()
                .zip(&t.counts)
                .map(|(grade, n)| format!("{grade} {n}"))
                .collect();
            if t.group.is_empty() {
                counts.join("，")
            } else {
                format!("{}：{}", t.group, counts.join("，"))
            }
        })
        .collect()
}

/// "第2轮（经重新计票）": the round shown when there was a recount.
pub fn recounted(lang: Lang, rounds: u32) -> String {
    match lang {
        Lang::Zh => format!("第{rounds}轮（经重新计票）"),
        Lang::En => format!("round {rounds} (recounted)"),
    }
}

/// "逾期 3 个工作日": how far past its deadline an earlier follow-up is.
pub fn overdue_days(lang: Lang, days: u32) -> String {
    match lang {
        Lang::Zh => format!("逾期 {days} 个工作日"),
        Lang::En => format!("{days} working days overdue"),
    }
}

/// A write (not typed text) that failed.
pub fn write_failed(lang: Lang, reason: &str) -> String {
    match lang {
        Lang::Zh => format!("未能写入，此操作未执行：{reason}。请稍后再按一次"),
        Lang::En => {
            format!("Could not write, so this was not done: {reason}. Press the key again later")
        }
    }
}

/// A write that is not a keystroke of the recorder's (when a question was put) failed; it
/// is tried again by itself.
pub fn will_retry(lang: Lang, reason: &str) -> String {
    match lang {
        Lang::Zh => format!("未能写入：{reason}。自动重试"),
        Lang::En => format!("Could not write: {reason}. Retrying"),
    }
}

/// The first lines of a form's rescue file: whose it is, when, and what it corrects.
pub fn form_rescue_heading(
    lang: Lang,
    meeting: &str,
    official: Option<&str>,
    at: chrono::DateTime<chrono::Utc>,
    before: Option<&str>,
) -> String {
    let at = at.with_timezone(&chrono::Local).format("%Y-%m-%d %H:%M:%S");
    let (m, o, t, b) = match lang {
        Lang::Zh => ("会议", "述责人", "时间", "修改前"),
        Lang::En => ("Meeting", "Official", "Time", "Before"),
    };
    let mut text = format!("{m}：{meeting}\n");
    if let Some(official) = official {
        text.push_str(&format!("{o}：{official}\n"));
    }
    text.push_str(&format!("{t}：{at}\n"));
    if let Some(before) = before {
        text.push_str(&format!("{b}：{before}\n"));
    }
    text.push('\n');
    text
}

/// A submitted form the database did not take: it stays open with its content.
pub fn form_not_written(lang: Lang, reason: &str) -> String {
    match lang {
        Lang::Zh => format!("未能写入：{reason}。表单仍在：再按 Enter 重试，Esc 放弃"),
        Lang::En => format!(
            "Could not write: {reason}. The form stays open: Enter tries again, Esc gives it up"
        ),
    }
}

/// A form given up after its write failed: where its content is.
pub fn form_closed_unsaved(lang: Lang, rescue: &Result<std::path::PathBuf, String>) -> String {
    match (lang, rescue) {
        (Lang::Zh, Ok(path)) => format!("表单未写入数据库，内容已另存到 {}", path.display()),
        (Lang::Zh, Err(why)) => format!("表单未写入数据库，另存也失败：{why}"),
        (Lang::En, Ok(path)) => format!(
            "The form is not in the database; its content is in {}",
            path.display()
        ),
        (Lang::En, Err(why)) => {
            format!("The form is not in the database and could not be kept: {why}")
        }
    }
}

/// The picture that could not be written has reached the file: the audience view follows.
pub fn picture_written(lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => "投影画面已写入，观众画面已切换",
        Lang::En => "The picture is written: the audience view has changed",
    }
}

/// The room's picture was chosen but could not be written: the audience view has not changed.
pub fn picture_not_written(lang: Lang, reason: &str) -> String {
    match lang {
        Lang::Zh => format!("投影画面未能写入数据库，观众画面尚未切换：{reason}。自动重试"),
        Lang::En => format!(
            "The picture could not be written, so the audience view has not changed: {reason}. Retrying"
        ),
    }
}

/// Typed text the database did not take: why, where it is now, and what happens next.
pub fn text_unsaved(
    lang: Lang,
    reason: &str,
    rescue: Result<&str, &str>,
    busy: bool,
    in_editor: bool,
    quit_held: bool,
) -> String {
    let kept = match (lang, in_editor) {
        (Lang::Zh, true) => "文字仍在编辑框中",
        (Lang::Zh, false) => "文字已保留，再打开编辑框即可接着写",
        (Lang::En, true) => "The text stays in the editor",
        (Lang::En, false) => "The text is kept; open its editor again to go on",
    };
    let mut text = match (lang, busy) {
        (Lang::Zh, true) => format!("等待保存：{reason}。{kept}，自动重试。"),
        (Lang::Zh, false) => format!("未能保存：{reason}。{kept}，稍后自动重试。"),
        (Lang::En, true) => format!("Waiting to save: {reason}. {kept}; retrying."),
        (Lang::En, false) => format!("Not saved: {reason}. {kept}; retrying shortly."),
    };
    text.push_str(&match (lang, rescue) {
        (Lang::Zh, Ok(path)) => format!("已另存到 {path}"),
        (Lang::Zh, Err(why)) => format!("另存也失败（{why}），请勿关闭程序"),
        (Lang::En, Ok(path)) => format!(" A copy is in {path}"),
        (Lang::En, Err(why)) => {
            format!(" No copy could be written anywhere ({why}): do not close the program")
        }
    });
    if quit_held {
        text.push_str(match (lang, rescue.is_ok()) {
            (Lang::Zh, true) => "。未退出：再按一次 Ctrl-C 则不保存退出（文字留在上述文件中）",
            (Lang::Zh, false) => "。未退出：再按一次 Ctrl-C 则退出，未保存的文字会打印在终端上",
            (Lang::En, true) => {
                ". Not quitting: press Ctrl-C again to quit unsaved (the text stays in that file)"
            }
            (Lang::En, false) => {
                ". Not quitting: press Ctrl-C again to quit; the unsaved text is then printed"
            }
        });
    }
    text
}

/// The file failed the check after the first frame: nothing more is written to it.
pub fn file_held(lang: Lang, problem: &str) -> String {
    match lang {
        Lang::Zh => format!(
            "数据库文件检查未通过，已停止写入：{problem}。此后输入的文字另存为文件（见上）；请勿关闭程序，复制数据库文件后联系技术人员"
        ),
        Lang::En => format!(
            "The database file failed its check; nothing more is written to it: {problem}. Text typed from now on is saved to rescue files; copy the database file and call for help"
        ),
    }
}

/// Quitting with unsaved input, the first time.
pub fn quit_held(lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => "未退出：表单内容未能保存（已另存为文件，见上）。再按一次 Ctrl-C 则不保存退出",
        Lang::En => {
            "Not quitting: the form could not be saved (a copy is in the file above). Press Ctrl-C again to quit unsaved"
        }
    }
}

/// Why a form's write failed, and where its words were put instead.
pub fn form_rescued(
    lang: Lang,
    reason: &str,
    rescue: &Result<std::path::PathBuf, String>,
) -> String {
    match (lang, rescue) {
        (Lang::Zh, Ok(path)) => format!("{reason}；表单内容已另存到 {}", path.display()),
        (Lang::Zh, Err(why)) => format!("{reason}；表单内容另存也失败：{why}"),
        (Lang::En, Ok(path)) => format!("{reason}; the form's content is in {}", path.display()),
        (Lang::En, Err(why)) => format!("{reason}; the form's content could not be kept: {why}"),
    }
}

/// One unsaved thing in the last words: its rescue file, or the words themselves.
pub fn unsaved_place(
    lang: Lang,
    rescue: &Result<std::path::PathBuf, String>,
    body: &str,
) -> String {
    match (lang, rescue) {
        (Lang::Zh, Ok(path)) => format!("已另存到 {}", path.display()),
        (Lang::Zh, Err(why)) => format!("未能另存（{why}），文字如下：\n{body}\n"),
        (Lang::En, Ok(path)) => format!("kept in {}", path.display()),
        (Lang::En, Err(why)) => format!("could not be kept anywhere ({why}); the words:\n{body}\n"),
    }
}

/// The last words when something typed is not in the database.
pub fn unsaved_report(lang: Lang, db: &str, places: &[String]) -> String {
    match lang {
        Lang::Zh => format!(
            "有文字未能保存到数据库 {db}：\n{} (unsaved text)",
            places.join("\n")
        ),
        Lang::En => format!(
            "Some text is not in the database {db}:\n{}",
            places.join("\n")
        ),
    }
}

/// The database file was moved while the console ran: what was written is in it, there.
pub fn db_moved(lang: Lang, was: &str, now: &str) -> String {
    match lang {
        Lang::Zh => format!(
            "数据库文件在记录期间从 {was} 被移走；移走之前写入的内容都已写进它，它现在位于 {now}"
        ),
        Lang::En => format!(
            "The database file was moved away from {was} while recording; everything written before the move is in it, now at {now}"
        ),
    }
}

/// The database file was deleted or replaced while the console ran.
pub fn db_gone(lang: Lang, was: &str) -> String {
    match lang {
        Lang::Zh => {
            format!("数据库文件 {was} 在记录期间被删除或换掉，此后的记录没有写入任何数据库")
        }
        Lang::En => format!(
            "The database file {was} was deleted or replaced while recording; nothing after that reached any database"
        ),
    }
}

/// The database was replaced or moved while the console ran: its log was set aside.
pub fn log_set_aside(lang: Lang, aside: &str) -> String {
    match lang {
        Lang::Zh => format!(
            "数据库文件在记录期间被替换或移走；原文件的日志（含最后写入的内容）已另存为 {aside}，以免它被当作新文件的日志"
        ),
        Lang::En => format!(
            "The database file was replaced or moved while recording; the old file's log (its last writes) was set aside as {aside}, so that it is not read as the new file's"
        ),
    }
}

/// Local wall-clock time of day, "14:05".
pub fn time_of_day(at: chrono::DateTime<chrono::Utc>) -> String {
    at.with_timezone(&chrono::Local).format("%H:%M").to_string()
}

/// The first stage on another day than the one prepared.
pub fn move_date_confirm(
    lang: Lang,
    prepared: chrono::NaiveDate,
    today: chrono::NaiveDate,
) -> String {
    let (p, t) = (zh_date(prepared), zh_date(today));
    match lang {
        Lang::Zh => format!(
            "会议准备的日期是{p}，今天是{t}。把会议日期改为今天？（记为一次更正，原日期留在修改记录中）"
        ),
        Lang::En => format!(
            "The meeting was prepared for {prepared}; today is {today}. Move the meeting's date to today? (recorded as a correction; the prepared date stays in the history)"
        ),
    }
}

pub fn date_moved(lang: Lang, today: chrono::NaiveDate) -> String {
    match lang {
        Lang::Zh => format!(
            "会议日期已改为{}（原准备日期留在修改记录中）",
            zh_date(today)
        ),
        Lang::En => {
            format!("The meeting's date is now {today} (the prepared date stays in the history)")
        }
    }
}

pub fn date_kept(lang: Lang, prepared: chrono::NaiveDate) -> String {
    match lang {
        Lang::Zh => format!("会议日期仍为{}", zh_date(prepared)),
        Lang::En => format!("The meeting's date stays {prepared}"),
    }
}

fn zh_date(date: chrono::NaiveDate) -> String {
    date.format("%Y年%-m月%-d日").to_string()
}

/// Moving the official being heard in the agenda.
pub fn move_heard(lang: Lang, name: &str, stage: Stage, to: crate::domain::AgendaMove) -> String {
    use crate::domain::AgendaMove;
    let stage = stage.name(lang);
    match lang {
        Lang::Zh => {
            let whither = match to {
                AgendaMove::Up => "上移一位",
                AgendaMove::Down => "下移一位",
                AgendaMove::ToEnd => "移到议程末尾",
            };
            format!("「{name}」正在「{stage}」。确认把{name}{whither}？（计时与记录不变）")
        }
        Lang::En => {
            let whither = match to {
                AgendaMove::Up => "up one place",
                AgendaMove::Down => "down one place",
                AgendaMove::ToEnd => "to the end of the agenda",
            };
            format!(
                "{name} is being heard ({stage}). Move {name} {whither}? (clocks and record stay)"
            )
        }
    }
}

pub fn leave_running(lang: Lang, name: &str, stage: Stage) -> String {
    let stage = stage.name(lang);
    match lang {
        Lang::Zh => {
            format!("「{name}」的「{stage}」正在计时。离开将暂停计时（回来后按空格继续）。")
        }
        Lang::En => format!(
            "{name}'s {stage} clock is running. Leaving pauses it (press Space to resume on return)."
        ),
    }
}

pub fn take_back(lang: Lang, from: Stage, to: Stage, ran: &str) -> String {
    let (from, to) = (from.name(lang), to.name(lang));
    match lang {
        Lang::Zh => format!(
            "退回到「{to}」？「{from}」已计时 {ran}：这段时间保留在记录中，「{from}」的计时停止，「{to}」的计时继续。"
        ),
        Lang::En => format!(
            "Back to {to}? {from} has run {ran}: that time stays in the record, its clock stops and {to}'s resumes."
        ),
    }
}

pub fn answer_before_report(lang: Lang, name: &str) -> String {
    match lang {
        Lang::Zh => format!(
            "「{name}」尚在待述责，还没有开始提问。确认则进入「提问质询」并记录这个问题的回答。"
        ),
        Lang::En => format!(
            "{name} is still pending: questions have not started. Confirm to start the questions and record this answer."
        ),
    }
}

pub fn finish_confirm(
    lang: Lang,
    now: chrono::DateTime<chrono::Utc>,
    not_done: &[String],
) -> String {
    let time = time_of_day(now);
    match (lang, not_done.is_empty()) {
        (Lang::Zh, true) => {
            format!("确认散会？散会时间记为 {time}。全部述责人已完成。此后的修改将注明为会后补记。")
        }
        (Lang::Zh, false) => format!(
            "确认散会？散会时间记为 {time}。尚未完成述责：{}。此后的修改将注明为会后补记。",
            not_done.join("、")
        ),
        (Lang::En, true) => format!(
            "End the meeting? It ends at {time}. Every official has reported. Later changes will be marked as added after the meeting."
        ),
        (Lang::En, false) => format!(
            "End the meeting? It ends at {time}. Not yet done: {}. Later changes will be marked as added after the meeting.",
            not_done.join(", ")
        ),
    }
}

pub fn finished(lang: Lang, at: chrono::DateTime<chrono::Utc>) -> String {
    let time = time_of_day(at);
    match lang {
        Lang::Zh => format!("{time} 散会：导出的记录不再是草稿"),
        Lang::En => format!("The meeting ended at {time}: exports are no longer drafts"),
    }
}

/// The first change after 散会: from now on, changes are 会后补记. The time of the end
/// carries its date when that was another day.
pub fn late_entry(
    lang: Lang,
    finished_at: chrono::DateTime<chrono::Utc>,
    now: chrono::DateTime<chrono::Utc>,
) -> String {
    let local = finished_at.with_timezone(&chrono::Local);
    let same_day = local.date_naive() == now.with_timezone(&chrono::Local).date_naive();
    let time = match (lang, same_day) {
        (_, true) => local.format("%H:%M").to_string(),
        (Lang::Zh, false) => local.format("%-m月%-d日%H:%M").to_string(),
        (Lang::En, false) => local.format("%H:%M on %-d %B").to_string(),
    };
    match lang {
        Lang::Zh => format!("会议已于{time}散会：此后的修改记为会后补记"),
        Lang::En => format!(
            "The meeting ended at {time}: changes from now on are recorded as added after the meeting (会后补记)"
        ),
    }
}

pub fn already_finished(lang: Lang, at: chrono::DateTime<chrono::Utc>) -> String {
    let time = time_of_day(at);
    match lang {
        Lang::Zh => format!("会议已于 {time} 散会；此后的修改注明为会后补记"),
        Lang::En => {
            format!("The meeting ended at {time}; later changes are marked as added after it")
        }
    }
}

pub fn asked_marked(lang: Lang, asked: bool) -> &'static str {
    match (lang, asked) {
        (Lang::Zh, true) => "已标记为已提问",
        (Lang::Zh, false) => "已取消「已提问」标记",
        (Lang::En, true) => "Marked as asked",
        (Lang::En, false) => "No longer marked as asked",
    }
}

/// The `w` step: what is marked, and the reasons to choose from by their digit.
pub fn written_reply_choice(lang: Lang, what: &str, reasons: &[&str]) -> String {
    let listed: Vec<String> = reasons
        .iter()
        .enumerate()
        .map(|(i, r)| format!("{} {}", i + 1, written_reason(lang, r)))
        .collect();
    let listed = listed.join("  ");
    match lang {
        Lang::Zh => format!(
            "「{what}」转为书面质询。理由（可不选，记录和纪要只写所选）：{listed}；Enter 不写理由，Esc 取消"
        ),
        Lang::En => format!(
            "Mark '{what}' for a written reply. A reason, if any (the documents write only the one chosen): {listed}; Enter for none, Esc to cancel"
        ),
    }
}

/// A reason for a written reply (one of `domain::WRITTEN_REASONS`, kept in Chinese in the
/// file and the documents) as the console shows it; any other text as it is.
pub fn written_reason(lang: Lang, reason: &str) -> &str {
    let english = match reason {
        "回答未能令人满意" => "the answer was not satisfactory",
        "需书面材料" => "written material needed",
        "会上未及回答" => "no time to answer in the meeting",
        _ => return reason,
    };
    match lang {
        Lang::Zh => reason,
        Lang::En => english,
    }
}

/// Said once a question is marked 书面质询.
pub fn written_reply_marked(lang: Lang, reason: &str) -> String {
    match (lang, reason.is_empty()) {
        (Lang::Zh, true) => "已转为书面质询".to_string(),
        (Lang::Zh, false) => format!("已转为书面质询（{reason}）"),
        (Lang::En, true) => "Marked for a written reply".to_string(),
        (Lang::En, false) => format!(
            "Marked for a written reply ({})",
            written_reason(lang, reason)
        ),
    }
}

pub fn withdraw_confirm(lang: Lang, what: &str) -> String {
    match lang {
        Lang::Zh => format!(
            "撤回「{what}」？撤回后不再显示、不计入记录和统计，但保留在数据库历史中，导出的 JSON 中可见。"
        ),
        Lang::En => format!(
            "Withdraw '{what}'? It is then shown nowhere and counted nowhere, but kept in the file's history and listed in the JSON export."
        ),
    }
}

pub fn bad_time(lang: Lang, text: &str) -> String {
    match lang {
        Lang::Zh => format!("时间「{text}」无法识别：请写成 14:05"),
        Lang::En => format!("Time '{text}' is not a time: write it as 14:05"),
    }
}

pub fn no_voters(lang: Lang) -> String {
    match lang {
        Lang::Zh => "参评人数不能为 0：请填写参加测评的人数".to_string(),
        Lang::En => "Voters cannot be 0: enter how many took part in the rating".to_string(),
    }
}

pub fn more_voters_than_present(lang: Lang, voters: u32, present: u32) -> String {
    match lang {
        Lang::Zh => format!(
            "参评人数 {voters} 多于到会有表决权的 {present} 人：确认无误请再按 Enter，否则请修改"
        ),
        Lang::En => format!(
            "{voters} voters, more than the {present} voting attendees present: press Enter again if right"
        ),
    }
}

pub fn deadline_past(lang: Lang, date: chrono::NaiveDate) -> String {
    match lang {
        Lang::Zh => format!("时限 {date} 早于会议日期：确认无误请再按 Enter，否则请修改"),
        Lang::En => format!("Deadline {date} is before the meeting: press Enter again if right"),
    }
}

pub fn jump_hint(lang: Lang, total: usize) -> String {
    match lang {
        Lang::Zh => format!("请输入述责人的序号（1 到 {total}），再按 Enter"),
        Lang::En => format!("Type the official's number (1 to {total}), then Enter"),
    }
}

/// Meetings imported into the file after the one the console reopened: named, never opened
/// in its place. `newer` lists each as `第N场「title」（date）` / `No. N "title" (date)`.
pub fn newer_meetings(lang: Lang, db: &str, newer: &[(i64, String, String)]) -> String {
    match lang {
        Lang::Zh => {
            let list: Vec<String> = newer
                .iter()
                .map(|(id, title, date)| format!("第{id}场「{title}」（{date}）"))
                .collect();
            let first = newer.first().map_or(0, |n| n.0);
            format!(
                "已打开上次记录的会议。文件中另有后来导入的会议：{}；要打开它，请用 shuze {db} --meeting {first}",
                list.join("、")
            )
        }
        Lang::En => {
            let list: Vec<String> = newer
                .iter()
                .map(|(id, title, date)| format!("No. {id} \"{title}\" ({date})"))
                .collect();
            let first = newer.first().map_or(0, |n| n.0);
            format!(
                "Reopened the meeting recorded last. The file also holds meetings imported later: {}; to open one, run shuze {db} --meeting {first}",
                list.join(", ")
            )
        }
    }
}

/// The audience view's corner line when no console records the meeting it shows.
/// The audience view's corner when no console has recorded the meeting for a while.
pub fn console_gone(lang: Lang, minutes: i64) -> String {
    match lang {
        Lang::Zh => format!("控制台已离开{minutes}分钟：计时已停"),
        Lang::En => format!("The console left {minutes} min ago: the clock has stopped"),
    }
}

pub fn not_recorded(lang: Lang, meeting: i64, title: &str) -> String {
    match lang {
        Lang::Zh => format!("控制台未在记录：显示第{meeting}场「{title}」"),
        Lang::En => format!("No console is recording: showing meeting {meeting} \"{title}\""),
    }
}

/// "名称：内容" / "name: content": a label or a name and what follows it.
pub fn labelled(lang: Lang, label: &str, value: &str) -> String {
    match lang {
        Lang::Zh => format!("{label}：{value}"),
        Lang::En => format!("{label}: {value}"),
    }
}

/// "正文（旁注）" / "text (note)": a note in brackets after a text.
pub fn noted(lang: Lang, text: &str, note: &str) -> String {
    match lang {
        Lang::Zh => format!("{text}（{note}）"),
        Lang::En => format!("{text} ({note})"),
    }
}

/// Between the items of a list on one line ("；" / "; ").
pub fn list_separator(lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => "；",
        Lang::En => "; ",
    }
}

/// The console's message when the recorder's saved place could not be taken back.
pub fn place_unreadable(lang: Lang, why: &str) -> String {
    match lang {
        Lang::Zh => format!("上次的位置无法读取（{why}）：从第一位开始，打开的编辑框或表单未恢复"),
        Lang::En => format!(
            "The place saved last time cannot be read ({why}): starting at the first official, \
             no editor or form reopened"
        ),
    }
}

/// A saved record written by a newer version of shuze.
pub fn newer_format(lang: Lang, format: u32, known: u32) -> String {
    match lang {
        Lang::Zh => format!("由较新版本写入，格式{format}，本版本只认到格式{known}"),
        Lang::En => {
            format!("written by a newer version, format {format}; this one reads up to {known}")
        }
    }
}

/// The console's message when a half-filled form came back with fields it could not take.
pub fn form_not_all_restored(lang: Lang, fields: usize) -> String {
    match lang {
        Lang::Zh => {
            format!("表单已恢复，但有{fields}项上次填写的内容与现在的表单不符，未能填回，请核对")
        }
        Lang::En => format!(
            "The form is back, but {fields} of the values typed last time do not fit it as it \
             now is and were not put back: please check it"
        ),
    }
}
