//! The TOML reader's errors in Vietnamese: the `toml` crate says what is wrong in English only, so its
//! common messages are recognised by their words and said again. The tests feed real broken TOML, so that
//! a `toml` whose English changes fails them rather than falling back to the general sentence unnoticed.

/// Messages of an unclosed string, of each kind of TOML string.
const UNCLOSED_STRINGS: [&str; 4] = [
    "invalid basic string",
    "invalid literal string",
    "invalid multi-line basic string",
    "invalid multi-line literal string",
];

/// The TOML reader's `message` in Vietnamese (the English one stays in the English text), `at` the text it
/// points at: the common mistakes by name, any other as a sentence pointing at the line.
pub(super) fn vietnamese(message: &str, at: &str) -> String {
    // The name the message quotes (`name`), else the text it points at.
    let named = || message.split('`').nth(1).unwrap_or(at).to_string();
    if message.starts_with("key with no value") {
        "khóa không có giá trị: thiếu dấu «=» và giá trị sau tên khóa".into()
    } else if message.starts_with("duplicate key") {
        format!("khóa «{}» được ghi hai lần", named())
    } else if message.starts_with("missing field") {
        format!("thiếu mục «{}»", named())
    } else if message.starts_with("unknown field") {
        format!("mục «{}» không có trong mẫu danh mục (viết sai tên?)", named())
    } else if message.starts_with("invalid type") || message.starts_with("invalid value") {
        "giá trị sai kiểu (ví dụ chữ ở chỗ cần số, hoặc thiếu dấu ngoặc kép)".into()
    } else if message.starts_with("unclosed") {
        "thiếu dấu đóng ngoặc hoặc đóng ngoặc kép".into()
    } else if UNCLOSED_STRINGS.iter().any(|s| message.starts_with(s)) {
        "chuỗi ký tự không hợp lệ (kiểm tra dấu ngoặc kép)".into()
    } else {
        "sai cú pháp TOML ở dòng này (chi tiết bằng tiếng Anh: --lang en)".into()
    }
}

#[cfg(test)]
mod tests {
    use crate::catalogue::load;

    const SMALL: &str = include_str!("../../../tests/fixtures/catalogue/small.toml");

    /// Asserts that `text` does not parse and that its one problem says `vietnamese` after the preamble.
    fn assert_said(text: &str, vietnamese: &str) {
        let problems = load(text).expect_err("broken TOML");
        assert_eq!(problems.len(), 1, "{problems:?}");
        let english = &problems[0].message_en;
        assert_eq!(
            problems[0].message,
            format!("tệp TOML không đọc được: {vietnamese}"),
            "English: {english}"
        );
    }

    // Regression: toml's English messages are matched by their words, so an upgrade of `toml` that changed
    // them made the Vietnamese fall back to the general sentence unnoticed.
    #[test]
    fn a_key_without_value_is_named() {
        assert_said("schema\n", "khóa không có giá trị: thiếu dấu «=» và giá trị sau tên khóa");
    }

    // Regression: toml 1 no longer names the key in «duplicate key», and the message said «khóa «» được
    // ghi hai lần»; the key is now the text the error points at.
    #[test]
    fn a_duplicate_key_is_named() {
        assert_said("schema = 1\nschema = 1\n", "khóa «schema» được ghi hai lần");
        assert_said("[plan]\nx = 1\n[plan]\n", "khóa «plan» được ghi hai lần");
    }

    // Regression: a toml upgrade could make a missing field fall back to the general sentence unnoticed.
    #[test]
    fn a_missing_field_is_named() {
        assert_said("schema = 1\n", "thiếu mục «version»");
    }

    // Regression: a toml upgrade could make a misspelt field fall back to the general sentence unnoticed.
    #[test]
    fn an_unknown_field_is_named() {
        let text = format!("numerater = 1\n{SMALL}");
        assert_said(&text, "mục «numerater» không có trong mẫu danh mục (viết sai tên?)");
    }

    // Regression: a toml upgrade could make a value of the wrong type or out of range fall back to the
    // general sentence unnoticed.
    #[test]
    fn a_value_of_the_wrong_type_is_said() {
        let said = "giá trị sai kiểu (ví dụ chữ ở chỗ cần số, hoặc thiếu dấu ngoặc kép)";
        assert_said(&SMALL.replacen("schema = 1", "schema = \"1\"", 1), said);
        assert_said(&SMALL.replacen("schema = 1", "schema = -1", 1), said);
    }

    // Regression: a toml upgrade could make an unclosed bracket of any kind fall back to the general
    // sentence unnoticed.
    #[test]
    fn an_unclosed_bracket_is_said() {
        for text in ["a = [1, 2\n", "a = { b = 1\n", "[a\n", "[[a]\n"] {
            assert_said(text, "thiếu dấu đóng ngoặc hoặc đóng ngoặc kép");
        }
    }

    // Regression: only basic strings were recognised; an unclosed literal or multi-line string fell back
    // to the general sentence.
    #[test]
    fn an_unclosed_string_is_said() {
        for text in ["a = \"abc\n", "a = 'abc\n", "a = \"\"\"abc\n", "a = '''abc\n"] {
            assert_said(text, "chuỗi ký tự không hợp lệ (kiểm tra dấu ngoặc kép)");
        }
    }

    #[test]
    fn any_other_mistake_points_at_its_line() {
        assert_said(
            "a = {b = 1 c = 2}\n",
            "sai cú pháp TOML ở dòng này (chi tiết bằng tiếng Anh: --lang en)",
        );
    }
}
