# RENAMES.sed: the console's fields split by who owns it (issue 20, item 4).
# The meeting as the file says it now -> console.snapshot.X; the recorder's own state
# -> console.recorder.X; save health -> console.saving.X (save_problem -> problem,
# save_waiting -> waiting). console.lang, .room, .now, .quit stay where they were.
# Run over Rust files outside src/storage (whose SQL says c.mode):
#   git ls-files 'src/*.rs' 'tests/*.rs' 'benches/*.rs' | grep -v '^src/storage/' | xargs sed -i -E -f RENAMES.sed
# Receivers: console.X (also s.console.X, session.console.X) and c.X (tests name a console c).
# Idempotent: a second run changes nothing.
s/\bconsole\.meeting\b/console.snapshot.meeting/g
s/\bconsole\.agenda\b/console.snapshot.agenda/g
s/\bconsole\.timings\b/console.snapshot.timings/g
s/\bconsole\.voters\b/console.snapshot.voters/g
s/\bconsole\.attendees\b/console.snapshot.attendees/g
s/\bconsole\.current\b/console.snapshot.current/g
s/\bconsole\.detail\b/console.snapshot.detail/g
s/\bconsole\.closing\b/console.snapshot.closing/g
s/\bconsole\.rating_scheme\b/console.snapshot.rating_scheme/g
s/\bconsole\.issuing_office\b/console.snapshot.issuing_office/g
s/\bconsole\.focus\b/console.recorder.focus/g
s/\bconsole\.chosen_focus\b/console.recorder.chosen_focus/g
s/\bconsole\.selected\b/console.recorder.selected/g
s/\bconsole\.mode\b/console.recorder.mode/g
s/\bconsole\.theme\b/console.recorder.theme/g
s/\bconsole\.theme_names\b/console.recorder.theme_names/g
s/\bconsole\.projecting\b/console.recorder.projecting/g
s/\bconsole\.message\b/console.recorder.message/g
s/\bconsole\.told_late\b/console.recorder.told_late/g
s/\bconsole\.save_problem\b/console.saving.problem/g
s/\bconsole\.save_waiting\b/console.saving.waiting/g
s/\bconsole\.leave_unsaved\b/console.saving.leave_unsaved/g
s/\bconsole\.last_form\b/console.saving.last_form/g
s/\bconsole\.left_unsaved\b/console.saving.left_unsaved/g
s/\bconsole\.left_retry_at\b/console.saving.left_retry_at/g
s/\bconsole\.retry_at\b/console.saving.retry_at/g
s/\bconsole\.rescues\b/console.saving.rescues/g
s/\bc\.meeting\b/c.snapshot.meeting/g
s/\bc\.agenda\b/c.snapshot.agenda/g
s/\bc\.timings\b/c.snapshot.timings/g
s/\bc\.voters\b/c.snapshot.voters/g
s/\bc\.attendees\b/c.snapshot.attendees/g
s/\bc\.current\b/c.snapshot.current/g
s/\bc\.detail\b/c.snapshot.detail/g
s/\bc\.closing\b/c.snapshot.closing/g
s/\bc\.rating_scheme\b/c.snapshot.rating_scheme/g
s/\bc\.issuing_office\b/c.snapshot.issuing_office/g
s/\bc\.focus\b/c.recorder.focus/g
s/\bc\.chosen_focus\b/c.recorder.chosen_focus/g
s/\bc\.selected\b/c.recorder.selected/g
s/\bc\.mode\b/c.recorder.mode/g
s/\bc\.theme\b/c.recorder.theme/g
s/\bc\.theme_names\b/c.recorder.theme_names/g
s/\bc\.projecting\b/c.recorder.projecting/g
s/\bc\.message\b/c.recorder.message/g
s/\bc\.told_late\b/c.recorder.told_late/g
s/\bc\.save_problem\b/c.saving.problem/g
s/\bc\.save_waiting\b/c.saving.waiting/g
s/\bc\.leave_unsaved\b/c.saving.leave_unsaved/g
s/\bc\.last_form\b/c.saving.last_form/g
s/\bc\.left_unsaved\b/c.saving.left_unsaved/g
s/\bc\.left_retry_at\b/c.saving.left_retry_at/g
s/\bc\.retry_at\b/c.saving.retry_at/g
s/\bc\.rescues\b/c.saving.rescues/g
# A chain that rustfmt split (`console` on one line, `.agenda` on the next) is not caught
# by a line's script: the compiler names each (no field `agenda` on type `&Console`).
# The room's picture is built from the snapshot and the room's view, not a Console.
s/([a-z_]+::)*Projection::of\(&?([A-Za-z0-9_.]*console), /\2.projection(/g
s/projection::shown\(console, /projection::shown(\&console.snapshot, /g
# The audience view holds a snapshot, the room's record and its own theme and clock.
s/\b(audience|fresh)\.console\.recorder\.theme\b/\1.theme/g
s/\b(audience|fresh)\.console\.snapshot\./\1.snapshot./g
s/\b(audience|fresh)\.console\.now\b/\1.now/g
s/\b(audience|fresh)\.console\.slot\(\)/\1.snapshot.slot()/g
s/\b(audience|fresh)\.console\.room\b/\1.shown.room/g
# Settings by what they are (storage::Setting): the key functions are gone. `use` lines
# naming them need a hand edit (the compiler names each).
s/setting\(&(crate::storage::|super::|prep::)?rating_scheme_key\(([A-Za-z0-9_.]+)\)/setting(Setting::RatingScheme(\2)/g
s/setting\(&(crate::storage::|super::|prep::)?(summary_office_key|office_key)\(([A-Za-z0-9_.]+)\)/setting(Setting::SummaryOffice(\3)/g
s/setting\(&(crate::storage::|super::|prep::)?(summary_issue_key|issue_key)\(([A-Za-z0-9_.]+)\)/setting(Setting::SummaryIssue(\3)/g
s/setting\(&(crate::storage::|super::|prep::)?export_mark_key\(([A-Za-z0-9_.]+)\)/setting(Setting::ExportMark(\2)/g
s/setting\("theme"\)/setting(Setting::Theme)/g
s/Effect::SaveSetting \{ key: "theme", value \}/Effect::SaveTheme { name: value }/g
#
# Changes the compiler points out, with no line to map:
# - Console::new(lang, snapshot, theme, now) takes a Snapshot (session::load::snapshot reads
#   it whole); Console::show_room is gone (the audience view keeps its own RoomView).
# - Projection::of(&snapshot, &room_view, typing, lang, now); at the console
#   console.projection(&room). projection::shown(&snapshot, &room).
# - present::Audience has no .console: .snapshot, .shown (the room's RoomView), .theme, .now.
# - Store::setting / set_setting take a storage::Setting; Effect::SaveSetting is
#   Effect::SaveTheme { name }.
# - FormPoint.values is Vec<SavedValue> (Text, Number, Choice(place)); Form::restore returns
#   how many saved values did not fit. ResumePoint has a `format` (RESUME_FORMAT) and
#   ResumePoint::read / write.
