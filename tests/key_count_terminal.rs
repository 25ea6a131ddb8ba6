//! Issue 26, item 5 end to end: the real console in a pseudo-terminal takes 张某 from 待述责
//! to 已完成 with the command keys `key_count.rs` counts (the date question, asked when the
//! machine's date is not the sample's, is answered and not counted), then the file holds it.

mod common;

use common::pty::Console;
use common::*;
use shuze::domain::Stage;
use shuze::labels::{Lang, Named};
use shuze::storage::Store;

struct Counted {
    console: Console,
    keys: usize,
}

impl Counted {
    /// A command key, then what the screen shows once it has been taken.
    fn key(&mut self, key: &str, then: &str) {
        self.keys += 1;
        self.console.send_now(key);
        self.console.wait_for(then, 5);
    }

    /// Text as an input method commits it; not a command key.
    fn text(&mut self, text: &str) {
        self.console.send_now(text);
        self.console.wait_for(text, 5);
    }

    fn stage(&mut self, stage: Stage) {
        self.key("s", &format!("环节: {}", stage.name(Lang::Zh)));
    }
}

#[test]
fn a_clean_official_in_a_terminal_takes_the_counted_keys() {
    let (dir, _) = temp_db();
    let db = sample_copy(dir.path());
    let data = dir.path().join("data");
    let console = Console::start_with_env(
        &[db.to_str().unwrap()],
        120,
        36,
        &[("XDG_DATA_HOME", data.to_str().unwrap())],
    );
    console.wait_for("第 1/8 位", 10);
    let mut c = Counted { console, keys: 1 };
    c.console.begin_report();
    c.stage(Stage::Questions);
    for (index, answer) in ["查摆风险点4个", "已追回1万元", "一律进平台"]
        .into_iter()
        .enumerate()
    {
        if index > 0 {
            c.key("j", &format!("> {}. ", index + 1));
        }
        c.key("\r", "记录回答");
        c.text(answer);
        c.key("\x1b", "已保存");
    }
    c.stage(Stage::Remarks);
    c.key("r", "记录点评");
    c.text("整改要见实效");
    c.key("\x1b", "已保存");
    c.stage(Stage::Rating);
    c.key("t", "参评人数");
    c.text("5");
    c.key("\t", "较好");
    c.text("2");
    c.key("\r", "较好 2");
    c.stage(Stage::FollowUps);
    c.key("f", "问题来源: < （未选择） >");
    c.key("\x1b[C", "问题来源: < 点评 >");
    for (tabs, text) in [
        (2, "谈话未全覆盖"),
        (2, "年底前谈到村组"),
        (3, "2027-03-31"),
    ] {
        for _ in 0..tabs {
            c.keys += 1;
            c.console.send_now("\t");
        }
        c.text(text);
    }
    c.key("\r", "问题清单 (3)");
    c.stage(Stage::Done);
    let keys = c.keys;
    c.console.send_now("q");
    assert!(c.console.wait_exit(10), "leaves cleanly");

    let store = Store::open(&db).unwrap();
    let detail = store.slot_detail(1).unwrap();
    assert!(detail.questions.iter().all(|q| q.answer.is_some()));
    assert_eq!(detail.rating.unwrap().good, 2);
    assert_eq!(detail.follow_ups[0].problem, "谈话未全覆盖");
    assert_eq!(keys, 29, "the keys tests/key_count.rs and the README count");
}
