//! Every text of the minutes made fit for a document (`clean::for_document`), once, as the
//! minutes are built: no export can then carry an `ESC`, a `BEL`, a NUL or a character XML
//! forbids, whatever an older version or another tool left in the database.
//!
//! Each type is unpacked field by field, without `..`: a new field that nobody scrubs does
//! not compile.

use super::minutes::{Minutes, OfficialMinutes, QuestionMinutes};
use crate::clean::for_document;
use crate::domain::{
    AgendaSlot, Attendee, DutyItem, FollowUp, Meeting, Question, Revision, RiskPoint,
};
use crate::view::{Correction, FollowUpBefore};
use std::borrow::Cow;

/// Removes from every text what may not go into a document.
pub(super) trait Scrub {
    fn scrub(&mut self);
}

impl Scrub for String {
    fn scrub(&mut self) {
        if let Cow::Owned(clean) = for_document(self) {
            *self = clean;
        }
    }
}

impl<T: Scrub> Scrub for Vec<T> {
    fn scrub(&mut self) {
        self.iter_mut().for_each(Scrub::scrub);
    }
}

impl<T: Scrub> Scrub for Option<T> {
    fn scrub(&mut self) {
        if let Some(value) = self {
            value.scrub();
        }
    }
}

impl Scrub for Minutes {
    fn scrub(&mut self) {
        let Minutes {
            format_version: _,
            generated_at: _,
            meeting,
            started_at: _,
            ended_at: _,
            attendees,
            attendees_at_end,
            attendees_added_at: _,
            officials,
            closing_remarks,
            follow_ups_before,
            corrections,
            notes_included: _,
            notices,
            mark,
            chain: _,
            rating_scheme,
        } = self;
        notices.scrub();
        mark.scrub();
        for text in rating_scheme
            .grades
            .iter_mut()
            .chain(rating_scheme.groups.iter_mut())
        {
            text.scrub();
        }
        for rule in &mut rating_scheme.rules {
            for text in [&mut rule.when, &mut rule.result, &mut rule.consequence] {
                text.scrub();
            }
        }
        corrections.scrub();
        meeting.scrub();
        attendees.scrub();
        attendees_at_end.scrub();
        officials.scrub();
        closing_remarks.scrub();
        follow_ups_before.scrub();
    }
}

impl Scrub for FollowUpBefore {
    fn scrub(&mut self) {
        let FollowUpBefore {
            follow_up: _,
            state,
        } = self;
        state.scrub();
    }
}

impl Scrub for OfficialMinutes {
    fn scrub(&mut self) {
        let OfficialMinutes {
            slot,
            timings: _,
            duty_items,
            risk_points,
            counts: _,
            questions,
            remarks,
            rating: _,
            follow_ups,
            earlier_follow_ups,
            checks,
            meeting_day: _,
            tallies,
            rating_rounds: _,
            mentioned: _,
            notes,
            ended_at: _,
            rating_at_end: _,
            rating_recorded_at: _,
            follow_ups_raised_at: _,
        } = self;
        slot.scrub();
        duty_items.scrub();
        risk_points.scrub();
        questions.scrub();
        remarks.scrub();
        follow_ups.scrub();
        earlier_follow_ups.scrub();
        for check in checks {
            check.comment.scrub();
        }
        for tally in tallies {
            tally.group.scrub();
        }
        notes.scrub();
    }
}

impl Scrub for QuestionMinutes {
    fn scrub(&mut self) {
        let QuestionMinutes {
            question,
            answer_revisions,
            at_end,
            written_at: _,
        } = self;
        question.scrub();
        answer_revisions.scrub();
        at_end.scrub();
    }
}

impl Scrub for Meeting {
    fn scrub(&mut self) {
        let Meeting {
            id: _,
            title,
            held_on: _,
            starts_at: _,
            place,
            chair,
            chair_post,
            recorder,
            scrutineers,
            allotments: _,
            finished_at: _,
        } = self;
        for text in [title, place, chair, chair_post, recorder] {
            text.scrub();
        }
        scrutineers.scrub();
    }
}

impl Scrub for Attendee {
    fn scrub(&mut self) {
        let Attendee {
            id: _,
            arrived_at: _,
            left_at: _,
            name,
            post,
            attendance: _,
            reason,
        } = self;
        for text in [name, post, reason] {
            text.scrub();
        }
    }
}

impl Scrub for AgendaSlot {
    fn scrub(&mut self) {
        let AgendaSlot {
            id: _,
            position: _,
            name,
            unit,
            post,
            supervisor,
            report_minutes: _,
            written_only: _,
            stage: _,
            skip_reason,
        } = self;
        for text in [name, unit, post, supervisor, skip_reason] {
            text.scrub();
        }
    }
}

impl Scrub for DutyItem {
    fn scrub(&mut self) {
        let DutyItem {
            id: _,
            source: _,
            quarter,
            text,
            progress,
            status: _,
            extra,
        } = self;
        for text in [quarter, text, progress] {
            text.scrub();
        }
        extra.scrub();
    }
}

impl Scrub for Vec<crate::domain::Extra> {
    fn scrub(&mut self) {
        for field in self {
            field.label.scrub();
            field.value.scrub();
        }
    }
}

impl Scrub for RiskPoint {
    fn scrub(&mut self) {
        let RiskPoint {
            id: _,
            text,
            level: _,
            measures,
            rules,
            extra,
        } = self;
        text.scrub();
        measures.scrub();
        rules.scrub();
        extra.scrub();
    }
}

impl Scrub for Revision {
    fn scrub(&mut self) {
        let Revision {
            body,
            saved_at: _,
            draft: _,
        } = self;
        body.scrub();
    }
}

impl Scrub for Question {
    fn scrub(&mut self) {
        let Question {
            id: _,
            position: _,
            asker,
            text,
            prepared: _,
            asked_at: _,
            needs_written_reply: _,
            written_reason,
            answer,
        } = self;
        asker.scrub();
        text.scrub();
        written_reason.scrub();
        answer.scrub();
    }
}

impl Scrub for FollowUp {
    fn scrub(&mut self) {
        let FollowUp {
            id: _,
            source: _,
            category,
            problem,
            task,
            measure,
            lead,
            owner,
            deadline: _,
            deadline_workdays: _,
            mode: _,
            progress,
            status: _,
            copied_to,
            raised_on: _,
            question: _,
            key: _,
            extra,
        } = self;
        for text in [
            category, problem, task, measure, lead, owner, progress, copied_to,
        ] {
            text.scrub();
        }
        extra.scrub();
    }
}

impl Scrub for Correction {
    fn scrub(&mut self) {
        let Correction {
            kind: _,
            target: _,
            changed_at: _,
            state,
            before,
            origin: _,
        } = self;
        state.scrub();
        before.scrub();
    }
}

impl Scrub for serde_json::Value {
    fn scrub(&mut self) {
        match self {
            serde_json::Value::String(text) => text.scrub(),
            serde_json::Value::Array(items) => items.iter_mut().for_each(Scrub::scrub),
            serde_json::Value::Object(fields) => fields.values_mut().for_each(Scrub::scrub),
            serde_json::Value::Null | serde_json::Value::Bool(_) | serde_json::Value::Number(_) => {
            }
        }
    }
}
