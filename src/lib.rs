//! shuze (述责): a keyboard console for duty-and-integrity reporting meetings (述责述廉会议),
//! recording everything into a local SQLite file as it is typed.

pub mod app;
pub mod clean;
pub mod cli;
pub mod demo;
pub mod domain;
pub mod export;
pub mod files;
pub mod labels;
pub mod lock;
pub mod messages;
pub mod prep;
pub mod present;
pub mod rescue;
pub mod room_local;
pub mod session;
pub mod source;
pub mod storage;
pub mod tui;
pub mod ui;
pub mod view;
