//! The preparation as a TOML prep file (`shuze export-prep -o 准备.toml`).

use super::*;

/// A TOML string, quoted and escaped.
fn q(text: &str) -> String {
    toml::Value::String(text.to_string()).to_string()
}

/// `[rating]` and its rules as the prep file writes them.
fn rating_toml(scheme: &crate::domain::rating_rules::RatingScheme) -> String {
    let list = |items: &[String]| items.iter().map(|s| q(s)).collect::<Vec<_>>().join(", ");
    let mut out = format!(
        "\n[rating]\ngrades = [{}]\ngroups = [{}]\n",
        list(&scheme.grades),
        list(&scheme.groups)
    );
    for rule in &scheme.rules {
        out.push_str(&format!("\n[[rating.rule]]\nwhen = {}\n", q(&rule.when)));
        if let Some(group) = &rule.group {
            out.push_str(&format!("group = {}\n", q(group)));
        }
        out.push_str(&format!(
            "result = {}\nconsequence = {}\n",
            q(&rule.result),
            q(&rule.consequence)
        ));
    }
    out
}

/// The preparation as a TOML prep file.
pub fn render_toml(preparation: &Preparation) -> String {
    let p = &preparation.prepared;
    let m = &p.meeting;
    let mut out = String::from(
        "# 述责述廉会议准备文件（由 shuze export-prep 写出）。格式说明见 README.md「准备文件格式」一节。\n\n[meeting]\n",
    );
    out.push_str(&format!("title = {}\ndate = {}\n", q(&m.title), m.held_on));
    if let Some(start) = m.starts_at {
        out.push_str(&format!(
            "start = {}\n",
            q(&start.format("%H:%M").to_string())
        ));
    }
    out.push_str(&format!(
        "place = {}\nchair = {}\nchair_post = {}\nrecorder = {}\n",
        q(&m.place),
        q(&m.chair),
        q(&m.chair_post),
        q(&m.recorder)
    ));
    let scrutineers: Vec<String> = m.scrutineers.iter().map(|s| q(s)).collect();
    out.push_str(&format!("scrutineers = [{}]\n", scrutineers.join(", ")));
    let a = &m.allotments;
    out.push_str(&format!(
        "minutes = {{ questions = {}, remarks = {}, rating = {}, follow_ups = {} }}\n",
        a.questions, a.remarks, a.rating, a.follow_ups
    ));
    if !preparation.office.is_empty() {
        out.push_str(&format!("office = {}\n", q(&preparation.office)));
    }
    if let Some(issue) = preparation.issue {
        out.push_str(&format!("issue = {issue}\n"));
    }
    if !preparation.mark.is_empty() {
        out.push_str(&format!("mark = {}\n", q(&preparation.mark)));
    }
    if let Some(scheme) = &preparation.rating {
        out.push_str(&rating_toml(scheme));
    }
    for attendee in &p.attendees {
        out.push_str(&format!(
            "\n[[attendee]]\nname = {}\npost = {}\nattendance = {}\nreason = {}\n",
            q(&attendee.name),
            q(&attendee.post),
            q(zh(attendee.attendance, synonyms::ATTENDANCE)),
            q(&attendee.reason)
        ));
    }
    for o in &p.officials {
        let s = &o.slot;
        out.push_str(&format!(
            "\n[[official]]\nposition = {}\nname = {}\nunit = {}\npost = {}\nsupervisor = {}\nreport_minutes = {}\nwritten_only = {}\n",
            s.position,
            q(&s.name),
            q(&s.unit),
            q(&s.post),
            q(&s.supervisor),
            s.report_minutes,
            s.written_only
        ));
        for d in &o.duty_items {
            out.push_str(&format!(
                "\n[[official.duty]]\nsource = {}\nquarter = {}\ntext = {}\nprogress = {}\nstatus = {}\n",
                q(zh(d.source, synonyms::DUTY_SOURCES)),
                q(&d.quarter),
                q(&d.text),
                q(&d.progress),
                q(zh(d.status, synonyms::DUTY_STATUSES))
            ));
            out.push_str(&extra_line(&d.extra));
        }
        for r in &o.risk_points {
            let list = |items: &[String]| items.iter().map(|i| q(i)).collect::<Vec<_>>().join(", ");
            out.push_str(&format!(
                "\n[[official.risk]]\ntext = {}\nlevel = {}\nmeasures = [{}]\nrules = [{}]\n",
                q(&r.text),
                q(zh(r.level, synonyms::RISK_LEVELS)),
                list(&r.measures),
                list(&r.rules)
            ));
            out.push_str(&extra_line(&r.extra));
        }
        for f in &o.portrait {
            out.push_str(&format!(
                "\n[[official.portrait]]\ndimension = {}\nproblem = {}\nsuggestion = {}\n",
                q(zh(f.dimension, synonyms::DIMENSIONS)),
                q(&f.problem),
                q(&f.suggestion)
            ));
        }
        for t in &o.talks {
            out.push_str(&format!(
                "\n[[official.talk]]\ndate = {}\ntalker = {}\ncontent = {}\n",
                t.held_on.format("%Y-%m-%d"),
                q(&t.talker),
                q(&t.content)
            ));
        }
        for question in &o.questions {
            out.push_str(&format!(
                "\n[[official.question]]\nasker = {}\ntext = {}\n",
                q(&question.asker),
                q(&question.text)
            ));
        }
        for f in &o.earlier_follow_ups {
            out.push_str(&format!(
                "\n[[official.earlier_follow_up]]\nsource = {}\ncategory = {}\nproblem = {}\ntask = {}\nmeasure = {}\nlead = {}\nowner = {}\n",
                q(zh(f.source, synonyms::FOLLOW_UP_SOURCES)),
                q(&f.category),
                q(&f.problem),
                q(&f.task),
                q(&f.measure),
                q(&f.lead),
                q(&f.owner)
            ));
            if let Some(deadline) = f.deadline {
                out.push_str(&format!("deadline = {deadline}\n"));
            }
            out.push_str(&format!(
                "mode = {}\nprogress = {}\nstatus = {}\ncopied_to = {}\n",
                q(zh(f.mode, synonyms::FOLLOW_UP_MODES)),
                q(&f.progress),
                q(zh(f.status, synonyms::FOLLOW_UP_STATUSES)),
                q(&f.copied_to)
            ));
            if let Some(raised) = f.raised_on {
                out.push_str(&format!("raised_on = {raised}\n"));
            }
            if !f.key.is_empty() {
                out.push_str(&format!("key = {}\n", q(&f.key)));
            }
            out.push_str(&extra_line(&f.extra));
        }
    }
    out
}

/// `extra = [["备注", "…"], …]` for a row with extra fields; nothing for one without.
fn extra_line(extra: &[crate::domain::Extra]) -> String {
    if extra.is_empty() {
        return String::new();
    }
    let pairs: Vec<String> = extra
        .iter()
        .map(|e| format!("[{}, {}]", q(&e.label), q(&e.value)))
        .collect();
    format!("extra = [{}]\n", pairs.join(", "))
}
