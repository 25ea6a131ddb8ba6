//! A meeting's preparation read back from the file, as the import wrote it.

use super::*;

/// The preparation of meeting `meeting` as it stands in the file: what an import wrote,
/// with the earlier follow-ups' progress as updated since. Questions raised on the spot are
/// not part of the preparation.
pub fn from_store(store: &Store, meeting: Id) -> Result<Preparation, StorageError> {
    let header = store.meeting(meeting)?;
    // As prepared: an attendee's arrival and leaving are recorded at the meeting.
    let attendees = store
        .attendees(meeting)?
        .into_iter()
        .map(|a| crate::domain::Attendee {
            id: 0,
            arrived_at: None,
            left_at: None,
            ..a
        })
        .collect();
    let mut officials = Vec::new();
    for slot in store.agenda(meeting)? {
        let detail = store.slot_detail(slot.id)?;
        let earlier_follow_ups = store
            .prepared_follow_ups(slot.id)?
            .into_iter()
            .map(|f| crate::domain::FollowUp { id: 0, ..f })
            .collect();
        officials.push(PreparedOfficial {
            questions: detail
                .questions
                .iter()
                .filter(|q| q.prepared)
                .map(|q| PreparedQuestion {
                    asker: q.asker.clone(),
                    text: q.text.clone(),
                })
                .collect(),
            duty_items: detail
                .duty_items
                .into_iter()
                .map(|d| crate::domain::DutyItem { id: 0, ..d })
                .collect(),
            risk_points: detail
                .risk_points
                .into_iter()
                .map(|r| crate::domain::RiskPoint { id: 0, ..r })
                .collect(),
            earlier_follow_ups,
            portrait: store
                .portrait_of_slot(slot.id)?
                .into_iter()
                .map(|f| crate::domain::PortraitFinding { id: 0, ..f })
                .collect(),
            talks: store
                .talks_of_slot(slot.id)?
                .into_iter()
                .map(|t| crate::domain::ReminderTalk { id: 0, ..t })
                .collect(),
            slot: crate::domain::AgendaSlot {
                id: 0,
                stage: Default::default(),
                skip_reason: String::new(),
                ..slot
            },
        });
    }
    let office = store
        .setting(Setting::SummaryOffice(meeting))?
        .unwrap_or_default();
    let issue = store
        .setting(Setting::SummaryIssue(meeting))?
        .and_then(|i| i.parse().ok());
    let rating = store
        .setting(Setting::RatingScheme(meeting))?
        .and_then(|json| serde_json::from_str(&json).ok());
    Ok(Preparation {
        prepared: PreparedMeeting {
            meeting: crate::domain::Meeting {
                id: 0,
                finished_at: None,
                ..header
            },
            title_at: (1, 1),
            attendees,
            officials,
        },
        office,
        issue,
        mark: store.export_mark(meeting)?.unwrap_or_default(),
        rating,
        title_within: None,
        warnings: Vec::new(),
    })
}
