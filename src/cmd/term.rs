//! The terminal: its width, whether to colour, tables that fit, English plurals and capped lists.

use comfy_table::{Cell, Color, ContentArrangement, Table, presets::UTF8_FULL_CONDENSED};
use plan::lang::Lang;
use std::io::IsTerminal;

/// Width used when standard output is not a terminal and `COLUMNS` does not say: Windows' default console.
const DEFAULT_WIDTH: u16 = 80;

/// The width to write for: the terminal's, else `COLUMNS`, else 80.
pub fn width() -> u16 {
    let stdout = std::io::stdout();
    if stdout.is_terminal()
        && let Some((terminal_size::Width(w), _)) = terminal_size::terminal_size_of(&stdout)
        && w > 20
    {
        return w;
    }
    std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.trim().parse().ok())
        .filter(|w| *w > 20)
        .unwrap_or(DEFAULT_WIDTH)
}

/// Whether to colour standard output: a terminal, and `NO_COLOR` not set (https://no-color.org).
pub fn colour() -> bool {
    std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

/// A tone of text on the terminal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    /// An error: red.
    Error,
    /// A warning: yellow.
    Warning,
    /// Good news ("Đạt", "hợp lệ"): green.
    Good,
}

impl Tone {
    fn style(self) -> anstyle::Style {
        let colour = match self {
            Tone::Error => anstyle::AnsiColor::Red,
            Tone::Warning => anstyle::AnsiColor::Yellow,
            Tone::Good => anstyle::AnsiColor::Green,
        };
        anstyle::Style::new().fg_color(Some(colour.into())).bold()
    }

    fn cell_colour(self) -> Color {
        match self {
            Tone::Error => Color::Red,
            Tone::Warning => Color::Yellow,
            Tone::Good => Color::Green,
        }
    }
}

/// The text in this tone when colouring, else as it is.
pub fn paint(text: &str, tone: Tone) -> String {
    if colour() {
        let style = tone.style();
        format!("{style}{text}{style:#}")
    } else {
        text.to_string()
    }
}

/// A table cell in this tone (coloured only when the table styles, see [`table`]).
pub fn cell(text: impl Into<String>, tone: Option<Tone>) -> Cell {
    let cell = Cell::new(text.into());
    match tone {
        Some(tone) => cell.fg(tone.cell_colour()),
        None => cell,
    }
}

/// A table that fits the width ([`width`]), coloured only when [`colour`] says so.
pub fn table() -> Table {
    let mut table = Table::new();
    table
        .load_style(UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .force_no_tty()
        .set_width(width());
    if colour() {
        table.enforce_styling();
    }
    table
}

/// Keeps these columns as wide as their widest cell (header aside, up to 12), so that short values such as
/// "✓ 18/10" are never broken: the other columns take what is left and wrap.
pub fn keep_columns(table: &mut Table, columns: std::ops::Range<usize>) {
    let widths: Vec<u16> = columns
        .clone()
        .map(|index| {
            table
                .column_cells_iter(index)
                .flatten()
                .map(|cell| display_width(&cell.content()))
                .max()
                .unwrap_or(1)
                .min(12) as u16
        })
        .collect();
    for (index, width) in columns.zip(widths) {
        if let Some(column) = table.column_mut(index) {
            let width = comfy_table::Width::Fixed(width + 2);
            column.set_constraint(comfy_table::ColumnConstraint::LowerBoundary(width));
        }
    }
}

pub use plan::lang::{count, en};

/// `first` then `text` wrapped at the terminal's width ([`width`]), next lines indented by `indent`; ends
/// with a newline. See [`wrap_at`].
pub fn wrap(first: &str, text: &str, indent: usize) -> String {
    let width = usize::from(width()).saturating_sub(1).max(indent + 20);
    wrap_at(first, text, indent, width)
}

/// `first` then the words of `text` in lines of at most `width` columns, next lines indented by `indent`;
/// ends with a newline. Widths are display widths (colour codes in `first` take none); after a `first` that
/// does not end in a space the text goes on after one; words are never broken, a word wider than a line
/// has a line of its own.
pub fn wrap_at(first: &str, text: &str, indent: usize, width: usize) -> String {
    let words = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if words.is_empty() {
        return format!("{first}\n");
    }
    let first =
        if first.is_empty() || first.ends_with(' ') { first.to_string() } else { format!("{first} ") };
    let indent = " ".repeat(indent);
    let options = textwrap::Options::new(width)
        .initial_indent(&first)
        .subsequent_indent(&indent)
        .break_words(false)
        .word_separator(textwrap::WordSeparator::AsciiSpace)
        .word_splitter(textwrap::WordSplitter::NoHyphenation)
        .wrap_algorithm(textwrap::WrapAlgorithm::FirstFit);
    let mut out = textwrap::fill(&words, options);
    out.push('\n');
    out
}

/// The columns `text` takes on a terminal (colour codes take none, a combining accent none, a wide
/// character two).
pub fn display_width(text: &str) -> usize {
    textwrap::core::display_width(text)
}

/// At most `cap` lines of a list, each "  - item" wrapped at the width, then "  … và N … khác" naming
/// where the rest is.
pub fn capped(items: &[String], cap: usize, rest: &str, lang: Lang) -> String {
    let mut text = String::new();
    for item in items.iter().take(cap) {
        text.push_str(&wrap("  - ", item, 4));
    }
    if items.len() > cap {
        let more = items.len() - cap;
        text.push_str(&match lang {
            Lang::Vi => format!("  … và {more} mục khác{rest}\n"),
            Lang::En => format!("  … and {more} more{rest}\n"),
        });
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_plurals() {
        assert_eq!(count(1, "cảnh báo", "warning", "warnings", Lang::En), "1 warning");
        assert_eq!(count(2, "cảnh báo", "warning", "warnings", Lang::En), "2 warnings");
        assert_eq!(count(0, "cảnh báo", "warning", "warnings", Lang::En), "0 warnings");
        assert_eq!(count(1, "cảnh báo", "warning", "warnings", Lang::Vi), "1 cảnh báo");
    }

    #[test]
    fn wrapped_text_keeps_its_first_part_and_indents_the_rest() {
        let text = "một hai ba bốn năm sáu bảy tám chín mười ".repeat(4);
        let wrapped = wrap("  - ", &text, 4);
        assert!(wrapped.starts_with("  - một hai"));
        assert!(wrapped.lines().skip(1).all(|l| l.starts_with("    ") && !l.starts_with("     ")));
        assert!(wrapped.lines().all(|l| display_width(l) < usize::from(width())));
        assert_eq!(wrap("Đạt", "· mục tiêu", 5), "Đạt · mục tiêu\n");
    }

    // Regression: lines were measured in chars, so colour codes and wide characters made them overflow.
    #[test]
    fn wrapping_counts_display_columns() {
        let first = "\u{1b}[1m\u{1b}[31mLỗi\u{1b}[0m: ";
        let wrapped = wrap_at(first, "một hai ba bốn năm sáu", 4, 16);
        assert_eq!(wrapped, format!("{first}một hai ba\n    bốn năm sáu\n"));
        assert_eq!(wrap_at("", "表表 表表 表表", 0, 9), "表表 表表\n表表\n");
        assert_eq!(wrap_at("  - ", "", 4, 30), "  - \n");
    }

    #[test]
    fn capped_lists_say_how_many_are_left() {
        let items: Vec<String> = (1..=5).map(|i| format!("x{i}")).collect();
        let text = capped(&items, 3, ", xem sheet «Tiến độ nộp»", Lang::Vi);
        assert_eq!(text, "  - x1\n  - x2\n  - x3\n  … và 2 mục khác, xem sheet «Tiến độ nộp»\n");
        assert_eq!(capped(&items[..2], 3, "", Lang::En), "  - x1\n  - x2\n");
    }
}
