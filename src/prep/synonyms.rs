//! The workbook's sheets and columns in ONE table: each column's header as the template
//! writes it, the other wordings offices use for it, whether it must be there, its closed
//! choices, its width and the note on its header cell. The reader, the template, the
//! export and the README's list of synonyms all come from here.

/// What a column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Key {
    // 会议信息
    Title,
    Date,
    Start,
    Place,
    Chair,
    ChairPost,
    Recorder,
    Scrutineers,
    QuestionsMinutes,
    RemarksMinutes,
    RatingMinutes,
    FollowUpsMinutes,
    Office,
    Issue,
    // 出席人员
    AttendeeName,
    AttendeePost,
    Attendance,
    Reason,
    // 议程
    Position,
    Name,
    Unit,
    Post,
    Supervisor,
    ReportMinutes,
    WrittenOnly,
    // 责任事项
    DutySource,
    Quarter,
    DutyText,
    DutyProgress,
    DutyStatus,
    // 廉政风险点
    RiskText,
    /// 风险表现形式: how the risk shows, read into the risk point's text after a colon.
    RiskForm,
    RiskLevel,
    Measures,
    Rules,
    // 提问
    Asker,
    QuestionText,
    // 以往整改
    FollowUpSource,
    Category,
    Problem,
    Task,
    Measure,
    Lead,
    Owner,
    Deadline,
    Mode,
    FollowUpProgress,
    FollowUpStatus,
    CopiedTo,
    RaisedOn,
    FollowUpKey,
    // 政治画像
    Dimension,
    PortraitProblem,
    Suggestion,
    // 提醒谈话
    TalkDate,
    Talker,
    TalkContent,
    /// A column offices keep that carries nothing for the meeting (序号): read without a warning.
    Ignored,
}

/// One column.
#[derive(Debug)]
pub struct Column {
    pub key: Key,
    /// As the template writes it.
    pub header: &'static str,
    /// The other wordings accepted (compared without spaces, `*` and bracketed remarks).
    pub also: &'static [&'static str],
    pub required: bool,
    /// The closed choices, in the order of the domain's values; empty for free text.
    pub choices: &'static [&'static str],
    /// Width in Excel's character units (a Chinese character takes about two).
    pub width: f64,
    /// The note on the header cell: what the column takes.
    pub note: &'static str,
}

/// One sheet (or CSV file of a folder).
#[derive(Debug)]
pub struct Sheet {
    pub name: &'static str,
    /// Other names the sheet (or the CSV file) may have.
    pub also: &'static [&'static str],
    pub required: bool,
    /// Rows tied to an official by 姓名 or 单位.
    pub per_official: bool,
    pub columns: &'static [Column],
}

pub const MEETING: &str = "会议信息";
pub const ATTENDEES: &str = "出席人员";
pub const AGENDA: &str = "议程";
pub const DUTIES: &str = "责任事项";
pub const RISKS: &str = "廉政风险点";
pub const QUESTIONS: &str = "提问";
pub const FOLLOW_UPS: &str = "以往整改";
pub const PORTRAITS: &str = "政治画像";
pub const TALKS: &str = "提醒谈话";

/// What begins the first text of each of the template's example rows: a row so marked is
/// not imported.
pub const EXAMPLE_MARK: &str = "【示例】";

/// True when a cell's text marks its row as an example (`【示例】张某`, `示例：…`).
pub fn marks_example(text: &str) -> bool {
    let text = text.trim_start();
    text.starts_with(EXAMPLE_MARK) || text.starts_with("示例：") || text.starts_with("示例:")
}

/// The template's first sheet, read by the clerk and not imported.
pub const INSTRUCTIONS: &str = "填表说明";

/// Sheets (or CSV files) that explain the tables and are passed over on import.
pub const EXPLAINING: &[&str] = &[INSTRUCTIONS, "填报说明", "填写说明", "使用说明", "说明"];

/// True when a sheet by this name explains the tables (填表说明) and holds no rows.
pub fn explains(name: &str) -> bool {
    let is = |name: &str| {
        let wanted = normalise(name);
        EXPLAINING.iter().any(|e| normalise(e) == wanted)
    };
    // `模板-填表说明.csv` as LibreOffice names each sheet's CSV file.
    is(name) || name.rsplit_once('-').is_some_and(|(_, last)| is(last))
}

/// 是 / 否 for yes-or-no columns.
pub const YES_NO: &[&str] = &["是", "否"];
pub const ATTENDANCE: &[&str] = &["出席", "列席", "缺席"];
pub const DUTY_SOURCES: &[&str] = &["年初提示", "按季派单", "适时增单"];
pub const DUTY_STATUSES: &[&str] = &["未启动", "推进中", "已落实"];
pub const RISK_LEVELS: &[&str] = &["高", "中", "低"];
pub const FOLLOW_UP_SOURCES: &[&str] = &["提问", "点评", "民主测评", "会前反馈"];
pub const FOLLOW_UP_MODES: &[&str] = &["立行立改", "限期整改", "长期坚持"];
pub const FOLLOW_UP_STATUSES: &[&str] = &["未启动", "整改中", "已完成", "已销号"];
pub const DIMENSIONS: &[&str] = &[
    "党内政治生活",
    "选人用人",
    "权力规范运行",
    "党员干部勤政廉政",
    "群众满意度评价",
];

const fn col(
    key: Key,
    header: &'static str,
    also: &'static [&'static str],
    required: bool,
    width: f64,
    note: &'static str,
) -> Column {
    Column {
        key,
        header,
        also,
        required,
        choices: &[],
        width,
        note,
    }
}

const fn choice(
    key: Key,
    header: &'static str,
    also: &'static [&'static str],
    required: bool,
    choices: &'static [&'static str],
    note: &'static str,
) -> Column {
    Column {
        key,
        header,
        also,
        required,
        choices,
        width: 12.0,
        note,
    }
}

/// The owner columns of a per-official sheet: 姓名 or 单位 (at least one of them).
const NAME: Column = col(
    Key::Name,
    "姓名",
    &["述责人", "述责人姓名", "述责对象", "责任人姓名", "一把手"],
    false,
    10.0,
    "述责人的姓名，须与「议程」表一致。姓名和单位至少填一个；只填单位时，该单位在议程中须只有一位述责人。合并单元格对所跨的每一行都有效。",
);
const UNIT: Column = col(
    Key::Unit,
    "单位",
    &[
        "单位名称",
        "部门",
        "责任单位",
        "所在单位",
        "述责单位",
        "科室",
        "股室",
        "单位科室",
        "部门科室",
    ],
    false,
    18.0,
    "述责人所在单位，须与「议程」表一致。风险点台账按单位记的，可只填单位；合并单元格对所跨的每一行都有效。",
);
/// 姓名 in the duty and risk tables, where offices also head it 责任领导 (in 以往整改 that
/// wording is the follow-up's lead).
const LEADER: Column = Column {
    also: &[
        "述责人",
        "述责人姓名",
        "述责对象",
        "责任人姓名",
        "一把手",
        "责任领导",
        "主要负责人",
        "第一责任人",
    ],
    ..NAME
};
const SERIAL: Column = col(
    Key::Ignored,
    "序号",
    &["编号", "序"],
    false,
    6.0,
    "序号：不导入，可留空。",
);

/// Every sheet, in the workbook's order.
pub const SHEETS: &[Sheet] = &[
    Sheet {
        name: MEETING,
        also: &["会议", "基本信息", "会议基本信息"],
        required: true,
        per_official: false,
        columns: &[
            col(
                Key::Title,
                "会议名称",
                &["名称", "会议", "标题", "会议标题"],
                true,
                36.0,
                "会议名称（必填），如「某县纪委监委2026年度述责述廉会议」。同名同日期的会议只能导入一次。",
            ),
            col(
                Key::Date,
                "会议日期",
                &["日期", "召开日期", "开会日期"],
                true,
                14.0,
                "会议日期（必填）：日期单元格，或 2026-12-18、2026/12/18、2026年12月18日、2026.12.18。",
            ),
            col(
                Key::Start,
                "开始时间",
                &["时间", "开会时间", "会议时间"],
                false,
                10.0,
                "开始时间，如 09:00；可留空。",
            ),
            col(
                Key::Place,
                "会议地点",
                &["地点"],
                false,
                20.0,
                "会议地点；可留空。",
            ),
            col(
                Key::Chair,
                "主持人",
                &["会议主持人", "主持"],
                true,
                10.0,
                "主持人姓名（必填）。",
            ),
            col(
                Key::ChairPost,
                "主持人职务",
                &["主持人职位"],
                false,
                14.0,
                "主持人职务，如「县委书记」；可留空。",
            ),
            col(
                Key::Recorder,
                "记录人",
                &["记录", "会议记录人"],
                true,
                10.0,
                "记录人姓名（必填）。",
            ),
            col(
                Key::Scrutineers,
                "计票人、监票人",
                &["计票人", "监票人", "计票监票人", "计监票人"],
                false,
                16.0,
                "民主测评的计票人、监票人，多人用顿号「、」或逗号分开；可留空。",
            ),
            col(
                Key::QuestionsMinutes,
                "提问时长",
                &["提问时间", "提问环节时长"],
                false,
                10.0,
                "每位述责人之后提问环节的分钟数（1 到 120）；留空为 10。",
            ),
            col(
                Key::RemarksMinutes,
                "点评时长",
                &["点评时间", "点评环节时长"],
                false,
                10.0,
                "点评环节的分钟数（1 到 120）；留空为 5。",
            ),
            col(
                Key::RatingMinutes,
                "测评时长",
                &["测评时间", "民主测评时长"],
                false,
                10.0,
                "民主测评环节的分钟数（1 到 120）；留空为 3。",
            ),
            col(
                Key::FollowUpsMinutes,
                "整改时长",
                &["问题清单时长", "整改环节时长"],
                false,
                10.0,
                "列问题清单、定整改环节的分钟数（1 到 120）；留空为 5。",
            ),
            col(
                Key::Office,
                "发文机关",
                &["印发机关", "发文单位"],
                false,
                22.0,
                "会议纪要的发文机关，印在版头和印发栏，如「中共某县纪委办公室」；可留空，导出时也可用 --office 给出。",
            ),
            col(
                Key::Issue,
                "期号",
                &["纪要期号", "第几期"],
                false,
                8.0,
                "会议纪要的期号（第 N 期，填数字）；可留空，导出时也可用 --issue 给出。",
            ),
        ],
    },
    Sheet {
        name: ATTENDEES,
        also: &["出席", "参会人员", "出席列席人员", "与会人员"],
        required: false,
        per_official: false,
        columns: &[
            col(
                Key::AttendeeName,
                "姓名",
                &["参会人员", "人员"],
                true,
                10.0,
                "参会人员姓名（必填）。",
            ),
            col(
                Key::AttendeePost,
                "职务",
                &["职位", "单位及职务"],
                false,
                28.0,
                "职务；可留空。",
            ),
            choice(
                Key::Attendance,
                "出席情况",
                &["出席", "参会情况", "类别"],
                true,
                ATTENDANCE,
                "出席、列席或缺席（从下拉列表选）。",
            ),
            col(
                Key::Reason,
                "缺席原因",
                &["原因", "事由", "请假事由", "备注"],
                false,
                20.0,
                "缺席的原因；可留空。",
            ),
        ],
    },
    Sheet {
        name: AGENDA,
        also: &["述责人", "述责人员", "议程安排", "述责顺序"],
        required: true,
        per_official: false,
        columns: &[
            col(
                Key::Position,
                "顺序",
                &["序号", "议程序号", "述责顺序", "发言顺序"],
                true,
                6.0,
                "述责顺序（必填）：1、2、3……，不能重复。",
            ),
            col(
                Key::Name,
                "姓名",
                &["述责人", "述责人姓名", "述责对象"],
                true,
                10.0,
                "述责人姓名（必填）。",
            ),
            col(
                Key::Unit,
                "单位",
                &["单位名称", "部门", "所在单位", "科室", "单位科室"],
                true,
                18.0,
                "述责人所在单位（必填）。",
            ),
            col(
                Key::Post,
                "职务",
                &["职位", "现任职务"],
                true,
                14.0,
                "述责人职务（必填），如「党委书记」。",
            ),
            col(
                Key::Supervisor,
                "分管县领导",
                &["分管领导", "联系县领导", "联系领导"],
                false,
                18.0,
                "分管（联系）县领导，整改事项抄送此人；可留空。",
            ),
            col(
                Key::ReportMinutes,
                "述责时长",
                &["时长", "发言时长", "述责时间", "报告时长"],
                true,
                10.0,
                "述责报告的分钟数（必填，1 到 120）。",
            ),
            choice(
                Key::WrittenOnly,
                "书面述责",
                &["是否书面述责", "书面"],
                false,
                YES_NO,
                "「是」表示只作书面述责、不上台；留空或「否」为现场述责。",
            ),
        ],
    },
    Sheet {
        name: DUTIES,
        also: &["责任清单", "主体责任清单", "责任事项清单", "派单", "事项"],
        required: false,
        per_official: true,
        columns: &[
            SERIAL,
            LEADER,
            UNIT,
            choice(
                Key::DutySource,
                "来源",
                &["事项来源", "派单类型", "类别", "类型", "派单方式"],
                true,
                DUTY_SOURCES,
                "年初提示、按季派单或适时增单（必填，从下拉列表选）。",
            ),
            col(
                Key::Quarter,
                "季度",
                &["派单季度", "时间", "所属季度"],
                true,
                10.0,
                "季度（必填）：2026Q2，或 2026年第二季度、2026年2季度。",
            ),
            col(
                Key::DutyText,
                "事项内容",
                &[
                    "责任事项",
                    "事项",
                    "任务内容",
                    "工作任务",
                    "派单内容",
                    "内容",
                ],
                true,
                40.0,
                "责任事项的内容（必填）。",
            ),
            col(
                Key::DutyProgress,
                "落实情况",
                &["进展情况", "进展", "推进情况", "完成情况"],
                false,
                30.0,
                "落实情况；可留空。",
            ),
            choice(
                Key::DutyStatus,
                "状态",
                &["完成状态", "办理状态", "落实状态"],
                false,
                DUTY_STATUSES,
                "未启动、推进中或已落实（从下拉列表选）；留空为未启动。",
            ),
        ],
    },
    Sheet {
        name: RISKS,
        also: &["风险点", "廉政风险点防控台账", "风险点台账", "风险防控"],
        required: false,
        per_official: true,
        columns: &[
            SERIAL,
            LEADER,
            UNIT,
            col(
                Key::RiskText,
                "风险点",
                &[
                    "廉政风险点",
                    "风险点名称",
                    "风险点描述",
                    "风险内容",
                    "主要风险点",
                ],
                true,
                36.0,
                "廉政风险点（必填）。",
            ),
            col(
                Key::RiskForm,
                "风险表现形式",
                &["表现形式", "风险表现", "具体表现", "主要表现"],
                false,
                30.0,
                "风险的表现形式；可留空。导入后接在风险点之后（风险点：表现形式）。",
            ),
            choice(
                Key::RiskLevel,
                "风险等级",
                &["等级", "风险级别", "级别"],
                true,
                RISK_LEVELS,
                "高、中或低（必填，从下拉列表选）。",
            ),
            col(
                Key::Measures,
                "防控措施",
                &["主要防控措施", "防控要点及防控措施", "防控要点", "措施"],
                false,
                44.0,
                "防控措施：一格内可写多条，每条另起一行并编号（1. 2. 或 ① ②），导入后一条一项。",
            ),
            col(
                Key::Rules,
                "制度依据",
                &["相关制度", "制度", "制度规定", "依据"],
                false,
                30.0,
                "相关制度：写法同防控措施，一条一项。",
            ),
        ],
    },
    Sheet {
        name: QUESTIONS,
        also: &["问题", "提问清单", "拟提问题", "提问问题"],
        required: false,
        per_official: true,
        columns: &[
            SERIAL,
            NAME,
            UNIT,
            col(
                Key::Asker,
                "提问人",
                &["提问者", "提问领导", "提问人员"],
                true,
                12.0,
                "提问人（必填）。",
            ),
            col(
                Key::QuestionText,
                "问题",
                &["提问内容", "问题内容", "提问", "拟提问题"],
                true,
                50.0,
                "准备好的问题（必填），按表中顺序排列。",
            ),
        ],
    },
    Sheet {
        name: FOLLOW_UPS,
        also: &["整改", "以往整改事项", "整改台账", "问题清单"],
        required: false,
        per_official: true,
        columns: &[
            SERIAL,
            NAME,
            UNIT,
            choice(
                Key::FollowUpSource,
                "来源",
                &["问题来源"],
                false,
                FOLLOW_UP_SOURCES,
                "提问、点评、民主测评或会前反馈（从下拉列表选）；留空为会前反馈。",
            ),
            col(
                Key::Category,
                "类别",
                &["问题类别", "问题类型"],
                false,
                12.0,
                "问题类别；可留空。",
            ),
            col(
                Key::Problem,
                "问题",
                &["存在问题", "问题描述", "主要问题"],
                true,
                36.0,
                "问题（必填）。",
            ),
            col(
                Key::Task,
                "整改任务",
                &["任务"],
                false,
                24.0,
                "整改任务；可留空。",
            ),
            col(
                Key::Measure,
                "整改措施",
                &["措施"],
                false,
                30.0,
                "整改措施；可留空。",
            ),
            col(
                Key::Lead,
                "责任领导",
                &["牵头领导", "分管领导"],
                false,
                12.0,
                "责任领导；可留空。",
            ),
            col(
                Key::Owner,
                "责任人",
                &["责任部门", "具体责任人", "整改责任人"],
                false,
                14.0,
                "责任单位或责任人；可留空。",
            ),
            col(
                Key::Deadline,
                "时限",
                &["完成时限", "整改时限", "整改期限"],
                false,
                14.0,
                "整改时限：日期单元格，或 2026-12-31、2026/12/31、2026年12月31日；可留空。",
            ),
            choice(
                Key::Mode,
                "整改方式",
                &["方式", "整改类型"],
                false,
                FOLLOW_UP_MODES,
                "立行立改、限期整改或长期坚持（从下拉列表选）；留空为限期整改。",
            ),
            col(
                Key::FollowUpProgress,
                "整改进展",
                &["进展", "进展情况", "整改情况"],
                false,
                30.0,
                "整改进展；可留空。",
            ),
            choice(
                Key::FollowUpStatus,
                "整改状态",
                &["状态", "完成情况"],
                true,
                FOLLOW_UP_STATUSES,
                "未启动、整改中、已完成或已销号（必填，从下拉列表选）。",
            ),
            col(
                Key::CopiedTo,
                "抄送",
                &["抄送领导", "抄送分管领导"],
                false,
                16.0,
                "抄送谁；留空为议程中该述责人的分管县领导。",
            ),
            col(
                Key::RaisedOn,
                "提出日期",
                &["提出时间", "交办日期"],
                false,
                14.0,
                "问题提出的日期；可留空。",
            ),
            col(
                Key::FollowUpKey,
                "整改标识",
                &["标识", "台账标识"],
                false,
                34.0,
                "导出准备文件时写入的标识（32位），下次会议导入时据此找到同一整改事项、不重复添加；新的整改事项留空，已有的请勿改动。",
            ),
        ],
    },
    Sheet {
        name: PORTRAITS,
        also: &["政治生态分析", "政治生态分析报告", "政治生态", "画像"],
        required: false,
        per_official: true,
        columns: &[
            SERIAL,
            NAME,
            UNIT,
            Column {
                width: 18.0,
                ..choice(
                    Key::Dimension,
                    "维度",
                    &["分析维度", "方面", "画像维度"],
                    true,
                    DIMENSIONS,
                    "政治生态分析报告的五个维度之一（必填，从下拉列表选）：党内政治生活、选人用人、权力规范运行、党员干部勤政廉政、群众满意度评价。",
                )
            },
            col(
                Key::PortraitProblem,
                "发现问题",
                &["问题", "存在问题", "主要问题", "问题表现"],
                true,
                40.0,
                "分析中发现的问题（必填），每个问题一行。",
            ),
            col(
                Key::Suggestion,
                "意见建议",
                &["建议", "提出建议", "整改建议", "对策建议"],
                false,
                36.0,
                "针对这个问题提出的建议；可留空。",
            ),
        ],
    },
    Sheet {
        name: TALKS,
        also: &["提醒谈话记录", "谈话", "谈话记录", "约谈提醒"],
        required: false,
        per_official: true,
        columns: &[
            SERIAL,
            NAME,
            UNIT,
            col(
                Key::TalkDate,
                "谈话日期",
                &["日期", "谈话时间", "时间"],
                true,
                14.0,
                "谈话的日期（必填）：日期单元格，或 2026-06-03、2026年6月3日。",
            ),
            col(
                Key::Talker,
                "谈话人",
                &["谈话领导", "谈话人员"],
                true,
                16.0,
                "谁与述责人谈话（必填）。",
            ),
            col(
                Key::TalkContent,
                "谈话内容",
                &["主要内容", "谈话要点", "内容"],
                false,
                50.0,
                "谈了什么；可留空。",
            ),
        ],
    },
];

/// A header or sheet name as compared: without spaces, line breaks, `*` marks and any
/// bracketed remark (`述责时长（分钟）` → `述责时长`), full-width letters and digits folded.
pub fn normalise(text: &str) -> String {
    let mut out = String::new();
    let mut depth = 0usize;
    for c in text.chars().map(half_width) {
        match c {
            '(' | '[' | '【' | '〔' => depth += 1,
            ')' | ']' | '】' | '〕' => depth = depth.saturating_sub(1),
            _ if depth > 0 => {}
            '*' | '\u{feff}' | ':' => {}
            c if c.is_whitespace() => {}
            c => out.push(c),
        }
    }
    out.to_lowercase()
}

/// A full-width letter, digit or sign as its half-width one (`８` → `8`, `（` → `(`), the
/// ideographic space as a space; anything else as it is.
pub fn half_width(c: char) -> char {
    match c {
        '\u{ff01}'..='\u{ff5e}' => char::from_u32(c as u32 - 0xfee0).unwrap_or(c),
        '\u{3000}' => ' ',
        c => c,
    }
}

/// A cell's text with full-width letters and digits folded (for values, not free text).
pub fn folded(text: &str) -> String {
    text.chars().map(half_width).collect()
}

/// The shortest word a header is recognised by when it only contains it.
const SHORTEST_CONTAINED: usize = 2;
/// A header longer than this is text, not a header, when nothing names it exactly.
const LONGEST_HEADER: usize = 12;

/// How well a header names a column, best first: the template's header, another wording,
/// a part between slashes (`单位/科室`), a wording inside it (`主要防控措施及要求`, the longest
/// wording wins).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Fit {
    /// By a wording of this many characters inside the header.
    Contains(usize),
    Part,
    Also,
    Header,
}

impl Sheet {
    /// The column a header names, if any: ranked as `Fit` says, the sheet's first column
    /// on a tie.
    pub fn column(&'static self, header: &str) -> Option<&'static Column> {
        self.fit(header).map(|(column, _)| column)
    }

    /// The column a header names and how well.
    pub fn fit(&'static self, header: &str) -> Option<(&'static Column, Fit)> {
        let wanted = normalise(header);
        if wanted.is_empty() {
            return None;
        }
        let exact = |text: &str| {
            self.columns.iter().find_map(|c| {
                if normalise(c.header) == text {
                    Some((c, Fit::Header))
                } else if c.also.iter().any(|a| normalise(a) == text) {
                    Some((c, Fit::Also))
                } else {
                    None
                }
            })
        };
        if let Some(found) = exact(&wanted) {
            return Some(found);
        }
        let parts: Vec<&str> = wanted
            .split(['/', '／', '|', '、', '\\'])
            .filter(|p| !p.is_empty())
            .collect();
        if parts.len() > 1
            && let Some((column, _)) = parts.iter().find_map(|p| exact(p))
        {
            return Some((column, Fit::Part));
        }
        if wanted.chars().count() > LONGEST_HEADER {
            return None;
        }
        let mut best: Option<(&'static Column, usize)> = None;
        for column in self.columns {
            for word in std::iter::once(column.header).chain(column.also.iter().copied()) {
                let word = normalise(word);
                let length = word.chars().count();
                if length >= SHORTEST_CONTAINED
                    && wanted.contains(&word)
                    && best.is_none_or(|(_, most)| length > most)
                {
                    best = Some((column, length));
                }
            }
        }
        best.map(|(column, length)| (column, Fit::Contains(length)))
    }

    /// All the words accepted for a column, the template's first.
    pub fn words(column: &Column) -> String {
        std::iter::once(column.header)
            .chain(column.also.iter().copied())
            .collect::<Vec<_>>()
            .join(" / ")
    }

    pub fn column_of(&'static self, key: Key) -> &'static Column {
        self.columns
            .iter()
            .find(|c| c.key == key)
            .expect("the key is one of the sheet's")
    }
}

/// The sheet with this name (or one of its other names); a CSV file LibreOffice wrote for
/// each sheet of a workbook (`准备-议程.csv`) is known by the part after the last `-`.
pub fn sheet_named(name: &str) -> Option<&'static Sheet> {
    exactly_named(name).or_else(|| {
        let (_, last) = name.rsplit_once('-')?;
        exactly_named(last)
    })
}

/// The sheet whose name or other name stands inside this one (`附件2 廉政风险点防控台账`,
/// `附件1：主体责任清单`), the longest wording winning; `None` on a tie between two sheets.
pub fn sheet_within_name(name: &str) -> Option<&'static Sheet> {
    let wanted = normalise(name);
    let mut best: Vec<(&'static Sheet, usize)> = Vec::new();
    for sheet in SHEETS {
        let longest = std::iter::once(sheet.name)
            .chain(sheet.also.iter().copied())
            .map(normalise)
            .filter(|word| word.chars().count() >= SHORTEST_CONTAINED && wanted.contains(word))
            .map(|word| word.chars().count())
            .max();
        if let Some(length) = longest {
            best.push((sheet, length));
        }
    }
    best.sort_by_key(|(_, length)| std::cmp::Reverse(*length));
    match best.as_slice() {
        [(sheet, _)] => Some(sheet),
        [(sheet, first), (_, second), ..] if first > second => Some(sheet),
        _ => None,
    }
}

fn exactly_named(name: &str) -> Option<&'static Sheet> {
    let wanted = normalise(name);
    SHEETS
        .iter()
        .find(|s| normalise(s.name) == wanted)
        .or_else(|| {
            SHEETS
                .iter()
                .find(|s| s.also.iter().any(|a| normalise(a) == wanted))
        })
}

/// The sheet's place in the workbook, for sorting problems.
pub fn rank(name: &str) -> usize {
    SHEETS
        .iter()
        .position(|s| s.name == name)
        .unwrap_or(SHEETS.len())
}

/// The README's table of sheets and column wordings (a test keeps the README in step).
pub fn markdown() -> String {
    let mut out = String::from(
        "| 工作表 | 列（模板的写法） | 也认作 | 必填 | 可选值 |\n|---|---|---|---|---|\n",
    );
    for sheet in SHEETS {
        for column in sheet.columns {
            let sheet_name = if sheet.also.is_empty() {
                sheet.name.to_string()
            } else {
                format!("{}（也认作：{}）", sheet.name, sheet.also.join("、"))
            };
            let required = match (column.required, sheet.per_official, column.key) {
                (true, _, _) => "是",
                (false, true, Key::Name | Key::Unit) => "二选一",
                _ => "",
            };
            out.push_str(&format!(
                "| {} | {} | {} | {} | {} |\n",
                if column.key == sheet.columns[0].key {
                    sheet_name
                } else {
                    String::new()
                },
                column.header,
                column.also.join("、"),
                required,
                column.choices.join("、")
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_wording_names_two_columns_of_a_sheet() {
        for sheet in SHEETS {
            let mut seen = std::collections::HashMap::new();
            for column in sheet.columns {
                for word in std::iter::once(column.header).chain(column.also.iter().copied()) {
                    let before = seen.insert(normalise(word), column.header);
                    assert!(
                        before.is_none() || before == Some(column.header),
                        "{}: {word} names {} and {}",
                        sheet.name,
                        before.unwrap(),
                        column.header
                    );
                }
            }
        }
    }

    #[test]
    fn bracketed_remarks_and_marks_are_left_out() {
        let agenda = sheet_named("议程").unwrap();
        assert_eq!(
            agenda.column("述责时长（分钟）").unwrap().key,
            Key::ReportMinutes
        );
        assert_eq!(agenda.column(" *姓 名").unwrap().key, Key::Name);
        let risks = sheet_named("廉政风险点防控台账").unwrap();
        assert_eq!(
            risks.column("防控要点及防控措施").unwrap().key,
            Key::Measures
        );
        assert_eq!(risks.column("等级").unwrap().key, Key::RiskLevel);
    }
}
