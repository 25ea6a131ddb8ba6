//! Keys as the console understands them. The terminal's key events are turned into these at
//! the edge (`tui.rs`, `present.rs`), so nothing in the app depends on the terminal library
//! and `update` can be driven by tests with plain values.

/// Which key was pressed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum KeyCode {
    Char(char),
    Enter,
    Esc,
    Backspace,
    Delete,
    Tab,
    BackTab,
    Up,
    Down,
    Left,
    Right,
    Home,
    End,
    PageUp,
    PageDown,
    /// F1 to F12.
    F(u8),
    /// Any other key (media keys, Insert, …): does nothing.
    Other,
}

/// Ctrl, Alt and Shift, held with a key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct KeyModifiers {
    pub ctrl: bool,
    pub alt: bool,
    pub shift: bool,
}

impl KeyModifiers {
    pub const NONE: KeyModifiers = KeyModifiers {
        ctrl: false,
        alt: false,
        shift: false,
    };
    pub const CONTROL: KeyModifiers = KeyModifiers {
        ctrl: true,
        alt: false,
        shift: false,
    };
    pub const ALT: KeyModifiers = KeyModifiers {
        ctrl: false,
        alt: true,
        shift: false,
    };
    pub const SHIFT: KeyModifiers = KeyModifiers {
        ctrl: false,
        alt: false,
        shift: true,
    };

    /// Whether every modifier held in `other` is held here too.
    pub fn contains(self, other: KeyModifiers) -> bool {
        (self.ctrl || !other.ctrl) && (self.alt || !other.alt) && (self.shift || !other.shift)
    }
}

/// A key with its modifiers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct KeyEvent {
    pub code: KeyCode,
    pub modifiers: KeyModifiers,
}

impl KeyEvent {
    pub const fn new(code: KeyCode, modifiers: KeyModifiers) -> KeyEvent {
        KeyEvent { code, modifiers }
    }

    pub fn ctrl(&self) -> bool {
        self.modifiers.ctrl
    }
}

impl From<KeyCode> for KeyEvent {
    fn from(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }
}

/// The editor widget's own key type.
impl From<KeyEvent> for ratatui_textarea::Input {
    fn from(key: KeyEvent) -> ratatui_textarea::Input {
        use ratatui_textarea::Key;
        let code = match key.code {
            KeyCode::Char(c) => Key::Char(c),
            KeyCode::Enter => Key::Enter,
            KeyCode::Esc => Key::Esc,
            KeyCode::Backspace => Key::Backspace,
            KeyCode::Delete => Key::Delete,
            KeyCode::Tab => Key::Tab,
            KeyCode::BackTab | KeyCode::Other => Key::Null,
            KeyCode::Up => Key::Up,
            KeyCode::Down => Key::Down,
            KeyCode::Left => Key::Left,
            KeyCode::Right => Key::Right,
            KeyCode::Home => Key::Home,
            KeyCode::End => Key::End,
            KeyCode::PageUp => Key::PageUp,
            KeyCode::PageDown => Key::PageDown,
            KeyCode::F(n) => Key::F(n),
        };
        ratatui_textarea::Input {
            key: code,
            ctrl: key.modifiers.ctrl,
            alt: key.modifiers.alt,
            shift: key.modifiers.shift,
        }
    }
}
