//! The column helpers and the owner columns several sheets share.

use super::{Column, Key};

pub(super) const fn col(
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

pub(super) const fn choice(
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
pub(super) const NAME: Column = col(
    Key::Name,
    "姓名",
    &["述责人", "述责人姓名", "述责对象", "责任人姓名", "一把手"],
    false,
    10.0,
    "述责人的姓名，须与「议程」表一致。姓名和单位至少填一个；只填单位时，该单位在议程中须只有一位述责人。合并单元格对所跨的每一行都有效。",
);
pub(super) const UNIT: Column = col(
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
pub(super) const LEADER: Column = Column {
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
pub(super) const SERIAL: Column = col(
    Key::Ignored,
    "序号",
    &["编号", "序"],
    false,
    6.0,
    "序号：不导入，可留空。",
);
