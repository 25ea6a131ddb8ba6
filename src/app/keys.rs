//! The key map: which key does what in each mode. The help overlay and the footer are drawn
//! from the same table, so they cannot disagree with what the keys do.

use super::key::{KeyCode, KeyEvent, KeyModifiers};
use super::{Action, Command, Mode};

/// A browsing key: what is shown for it, the keys that trigger it, and its command.
pub struct Binding {
    pub shown: &'static str,
    pub codes: &'static [KeyCode],
    pub command: Command,
}

const fn bind(shown: &'static str, codes: &'static [KeyCode], command: Command) -> Binding {
    Binding {
        shown,
        codes,
        command,
    }
}

/// Every browsing key, in the order the help lists them.
pub const BROWSE_KEYS: &[Binding] = &[
    bind("s", &[KeyCode::Char('s')], Command::NextStage),
    bind("S", &[KeyCode::Char('S')], Command::PreviousStage),
    bind("Space", &[KeyCode::Char(' ')], Command::ToggleTimer),
    bind("Enter", &[KeyCode::Enter], Command::EditAnswer),
    bind("a", &[KeyCode::Char('a')], Command::AddQuestion),
    bind("w", &[KeyCode::Char('w')], Command::ToggleWrittenReply),
    bind("r", &[KeyCode::Char('r')], Command::EditRemarks),
    bind("t", &[KeyCode::Char('t')], Command::RecordRating),
    bind("f", &[KeyCode::Char('f')], Command::AddFollowUp),
    bind("C", &[KeyCode::Char('C')], Command::CheckFollowUp),
    bind("o", &[KeyCode::Char('o')], Command::ToggleMentioned),
    bind("Q", &[KeyCode::Char('Q')], Command::AskFromPortrait),
    bind("m", &[KeyCode::Char('m')], Command::EditNote),
    bind("R", &[KeyCode::Char('R')], Command::EditClosing),
    bind("x", &[KeyCode::Char('x')], Command::Skip),
    bind("y", &[KeyCode::Char('y')], Command::MarkAsked),
    bind("u", &[KeyCode::Char('u')], Command::EditSelected),
    bind("i", &[KeyCode::Char('i')], Command::AddItem),
    bind("d", &[KeyCode::Char('d')], Command::Withdraw),
    bind("K", &[KeyCode::Char('K')], Command::MoveOfficialUp),
    bind("J", &[KeyCode::Char('J')], Command::MoveOfficialDown),
    bind("G", &[KeyCode::Char('G')], Command::MoveOfficialToEnd),
    bind("M", &[KeyCode::Char('M')], Command::ChangeAllotment),
    bind("A", &[KeyCode::Char('A')], Command::Attendance),
    bind("E", &[KeyCode::Char('E')], Command::FinishMeeting),
    bind(
        "j/Down",
        &[KeyCode::Char('j'), KeyCode::Down],
        Command::MoveDown,
    ),
    bind("k/Up", &[KeyCode::Char('k'), KeyCode::Up], Command::MoveUp),
    bind("Tab", &[KeyCode::Tab, KeyCode::Right], Command::NextPane),
    bind(
        "Shift-Tab",
        &[KeyCode::BackTab, KeyCode::Left],
        Command::PreviousPane,
    ),
    bind("n", &[KeyCode::Char('n')], Command::NextOfficial),
    bind("p", &[KeyCode::Char('p')], Command::PreviousOfficial),
    bind("g", &[KeyCode::Char('g')], Command::Jump),
    bind("e", &[KeyCode::Char('e')], Command::Export),
    bind("c", &[KeyCode::Char('c')], Command::CycleTheme),
    bind("P", &[KeyCode::Char('P')], Command::ToggleProjection),
    bind(
        "b/F2",
        &[KeyCode::Char('b'), KeyCode::F(2)],
        Command::ToggleBlank,
    ),
    bind("z", &[KeyCode::Char('z')], Command::ToggleSpotlight),
    bind("v", &[KeyCode::Char('v')], Command::ToggleProjectedAnswers),
    // The pictures: a digit while browsing, a function key from anywhere (an editor too).
    bind(
        "1/F3",
        &[KeyCode::Char('1'), KeyCode::F(3)],
        Command::ShowCard,
    ),
    bind(
        "2/F4",
        &[KeyCode::Char('2'), KeyCode::F(4)],
        Command::ShowRating,
    ),
    bind(
        "3/F5",
        &[KeyCode::Char('3'), KeyCode::F(5)],
        Command::ShowFollowUps,
    ),
    bind(
        "4/F6",
        &[KeyCode::Char('4'), KeyCode::F(6)],
        Command::ShowAgenda,
    ),
    bind(
        "5/F7",
        &[KeyCode::Char('5'), KeyCode::F(7)],
        Command::ShowPause,
    ),
    bind(
        "6/F8",
        &[KeyCode::Char('6'), KeyCode::F(8)],
        Command::ShowTitle,
    ),
    bind("+", &[KeyCode::Char('+')], Command::PauseLonger),
    bind("-", &[KeyCode::Char('-')], Command::PauseShorter),
    bind("/", &[KeyCode::Char('/')], Command::Search),
    bind("H", &[KeyCode::Char('H')], Command::History),
    bind("?", &[KeyCode::Char('?')], Command::Help),
    bind("q", &[KeyCode::Char('q')], Command::Quit),
];

/// The binding of a command, for the footer.
pub fn binding(command: Command) -> Option<&'static Binding> {
    BROWSE_KEYS.iter().find(|b| b.command == command)
}

/// Turns a key press into an action for the current mode; `None` for keys that do nothing.
pub fn action_for(mode: &Mode, key: KeyEvent) -> Option<Action> {
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    if ctrl && key.code == KeyCode::Char('c') {
        return Some(Action::Command(Command::Quit));
    }
    if key.code == KeyCode::F(2) {
        return Some(Action::Command(Command::ToggleBlank));
    }
    // A function key that chooses a picture does so from every mode: it is never text.
    if let KeyCode::F(_) = key.code
        && let Some(binding) = BROWSE_KEYS
            .iter()
            .find(|b| b.codes.contains(&key.code) && b.command.changes_picture())
    {
        return Some(Action::Command(binding.command));
    }
    match mode {
        Mode::Help | Mode::Notice(_) => Some(Action::CloseOverlay),
        Mode::Browse => {
            if ctrl || key.modifiers.contains(KeyModifiers::ALT) {
                return None;
            }
            BROWSE_KEYS
                .iter()
                .find(|b| b.codes.contains(&key.code))
                .map(|b| Action::Command(b.command))
        }
        Mode::Editor(_) => match key.code {
            KeyCode::Esc => Some(Action::Cancel),
            // Ctrl-J and Ctrl-M are line feed and carriage return: a new line, as Enter.
            KeyCode::Char('j' | 'm') if ctrl => Some(Action::Input(KeyEvent::new(
                KeyCode::Enter,
                KeyModifiers::NONE,
            ))),
            _ => Some(Action::Input(key)),
        },
        Mode::Rescue(_) => match key.code {
            KeyCode::Esc => Some(Action::Cancel),
            KeyCode::Enter => Some(Action::Confirm),
            _ => None,
        },
        Mode::Confirm(_) => match key.code {
            KeyCode::Esc | KeyCode::Char('n' | 'N') => Some(Action::Cancel),
            KeyCode::Enter | KeyCode::Char('y' | 'Y') => Some(Action::Confirm),
            // Other typing: kept where the confirmation leads into text (`confirm.rs`).
            KeyCode::Char(_) if !ctrl => Some(Action::Input(key)),
            _ => None,
        },
        // Nothing in the history writes: its keys move and search (`app::history`).
        Mode::History(view) => match key.code {
            KeyCode::Esc => Some(Action::Cancel),
            KeyCode::Enter if view.typing => Some(Action::Confirm),
            _ if ctrl => None,
            _ => Some(Action::Input(key)),
        },
        Mode::Form(_) | Mode::Search(_) => match key.code {
            KeyCode::Esc => Some(Action::Cancel),
            KeyCode::Enter => Some(Action::Confirm),
            _ => Some(Action::Input(key)),
        },
    }
}

/// The keys a terminal's key event stands for. No key of this program uses Alt, so an
/// Alt+letter is what a terminal reports for Esc followed at once by the letter (both
/// arrived in one read): it is taken as those two keys, so Esc leaves the editor and the
/// letter is not lost.
pub fn split_escape(key: KeyEvent) -> Vec<KeyEvent> {
    let KeyModifiers { ctrl, alt, shift } = key.modifiers;
    match key.code {
        // An uppercase letter comes with Shift as well (Esc then `R`).
        KeyCode::Char(_) if alt && !ctrl => vec![
            KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE),
            KeyEvent::new(
                key.code,
                KeyModifiers {
                    shift,
                    ..KeyModifiers::NONE
                },
            ),
        ],
        _ => vec![key],
    }
}
