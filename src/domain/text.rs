//! Bilingual text. Domain messages and enum labels are data of the domain (shared/domain.md §3:
//! "all enums carry a stable ASCII code plus zh/en labels"), so they live here rather than in the UI
//! locale files.

use serde::{Deserialize, Serialize};

/// The two languages of the product. Simplified Chinese comes first.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Lang {
    #[default]
    #[serde(rename = "zh")]
    Zh,
    #[serde(rename = "en")]
    En,
}

impl Lang {
    pub fn code(self) -> &'static str {
        match self {
            Lang::Zh => "zh",
            Lang::En => "en",
        }
    }
}

/// A message in both languages.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Text {
    pub zh: String,
    pub en: String,
}

impl Text {
    pub fn new(zh: impl Into<String>, en: impl Into<String>) -> Self {
        Text {
            zh: zh.into(),
            en: en.into(),
        }
    }

    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Zh => &self.zh,
            Lang::En => &self.en,
        }
    }
}

impl std::fmt::Display for Text {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} / {}", self.zh, self.en)
    }
}

/// Declares an enum whose variants carry a stable JSON code and zh/en labels.
#[macro_export]
macro_rules! coded_enum {
    ($(#[$m:meta])* pub enum $name:ident { $($(#[$vm:meta])* $var:ident => ($code:literal, $zh:literal, $en:literal)),+ $(,)? }) => {
        $(#[$m])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
        pub enum $name { $($(#[$vm])* #[serde(rename = $code)] $var),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$var),+];
            pub fn code(self) -> &'static str { match self { $($name::$var => $code),+ } }
            pub fn zh(self) -> &'static str { match self { $($name::$var => $zh),+ } }
            pub fn en(self) -> &'static str { match self { $($name::$var => $en),+ } }
            pub fn label(self, lang: $crate::domain::text::Lang) -> &'static str {
                match lang { $crate::domain::text::Lang::Zh => self.zh(), $crate::domain::text::Lang::En => self.en() }
            }
            pub fn from_code(code: &str) -> Option<Self> {
                $name::ALL.iter().copied().find(|v| v.code() == code)
            }
        }
    };
}

/// Nothing a reader can see: white space, control and zero-width or other format characters.
pub fn blank(s: &str) -> bool {
    s.chars()
        .all(|c| c.is_whitespace() || c.is_control() || invisible(c))
}

/// Zero-width, bidirectional and other format characters (Unicode category Cf and the fillers
/// that render as nothing): text made only of them looks empty to a reader.
pub fn invisible(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}'
            | '\u{034F}'
            | '\u{061C}'
            | '\u{115F}'
            | '\u{1160}'
            | '\u{180E}'
            | '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{206F}'
            | '\u{3164}'
            | '\u{FE00}'..='\u{FE0F}'
            | '\u{FEFF}'
            | '\u{FFA0}'
            | '\u{FFF9}'..='\u{FFFB}'
            | '\u{E0000}'..='\u{E007F}'
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    crate::coded_enum! {
        pub enum Colour { Red => ("RED", "红", "Red"), Blue => ("BLUE", "蓝", "Blue") }
    }

    #[test]
    fn coded_enum_round_trips_codes_and_labels() {
        assert_eq!(Colour::from_code("BLUE"), Some(Colour::Blue));
        assert_eq!(Colour::from_code("GREEN"), None);
        assert_eq!(Colour::Red.label(Lang::Zh), "红");
        assert_eq!(serde_json::to_string(&Colour::Red).unwrap(), "\"RED\"");
        let back: Colour = serde_json::from_str("\"BLUE\"").unwrap();
        assert_eq!(back, Colour::Blue);
    }

    #[test]
    fn text_picks_language() {
        let t = Text::new("保存", "Save");
        assert_eq!(t.get(Lang::En), "Save");
        assert_eq!(t.to_string(), "保存 / Save");
    }
}
