//! Finding things in short seller text: terms, prices, phone numbers, versions.
//!
//! WHY hand-written scanners rather than regular expressions: the patterns are few
//! and small, the checks run on every keystroke of the editor and on 10,000 drafts in
//! the benchmark, and each scanner documents in one place what it treats as, say, a
//! price — which is what a seller disputing an issue needs to read.

/// Whether `term` occurs in `text`. ASCII letters compare case-insensitively, and a
/// term that starts or ends with an ASCII letter or digit must sit on a word boundary
/// there, so "Free" matches "Free trial" but not "FreeBSD"; CJK terms match anywhere.
pub fn contains_term(text: &str, term: &str) -> bool {
    contains_any(text, std::slice::from_ref(&term))
}

/// Whether any of `terms` occurs in `text`, by the rules of [`contains_term`]; the text
/// is lower-cased once for all terms.
pub fn contains_any<T: AsRef<str>>(text: &str, terms: &[T]) -> bool {
    find_any(text, terms).is_some()
}

/// The first of `terms` found in `text` (by the rules of [`contains_term`]), as it is
/// written in the text, so an issue can quote what it matched.
pub fn find_any<'t, T: AsRef<str>>(text: &'t str, terms: &[T]) -> Option<&'t str> {
    // ASCII lower-casing keeps every byte offset, so a match in `hay` is the same
    // range of `text`.
    let hay = text.to_ascii_lowercase();
    terms.iter().find_map(|term| {
        let needle = term.as_ref().to_ascii_lowercase();
        occurs(&hay, &needle).map(|at| &text[at..at + needle.len()])
    })
}

fn occurs(hay: &str, needle: &str) -> Option<usize> {
    if needle.is_empty() {
        return None;
    }
    let word = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
    let check_start = word(needle.chars().next());
    let check_end = word(needle.chars().next_back());
    hay.match_indices(needle)
        .find(|(at, _)| {
            let before = hay[..*at].chars().next_back();
            let after = hay[at + needle.len()..].chars().next();
            !(check_start && word(before) || check_end && word(after))
        })
        .map(|(at, _)| at)
}

/// A price: a currency sign before a digit (`¥99`, `$ 5`), or a digit followed by a
/// currency unit (`99元`, `5 USD`, `10/月`).
pub fn contains_price(text: &str, signs: &[String], units: &[String]) -> bool {
    find_price(text, signs, units).is_some()
}

/// The first price in `text` (see [`contains_price`]), as written: sign and number,
/// or number and unit.
pub fn find_price(text: &str, signs: &[String], units: &[String]) -> Option<String> {
    let chars: Vec<char> = text.chars().collect();
    for (i, c) in chars.iter().enumerate() {
        if !c.is_ascii_digit() {
            continue;
        }
        let number_end = i + chars[i..]
            .iter()
            .take_while(|c| c.is_ascii_digit() || **c == '.')
            .count();
        let number: String = chars[i..number_end].iter().collect();
        let before: String = chars[..i]
            .iter()
            .rev()
            .skip_while(|c| c.is_whitespace())
            .take(3)
            .collect();
        let before: String = before.chars().rev().collect();
        if let Some(sign) = signs.iter().find(|s| before.ends_with(s.as_str())) {
            return Some(format!("{sign}{number}"));
        }
        let after: String = chars[i + 1..]
            .iter()
            .skip_while(|c| c.is_ascii_digit() || **c == '.')
            .collect();
        let after = after.trim_start();
        if let Some(unit) = units
            .iter()
            .find(|u| after.starts_with(u.as_str()) || after.to_ascii_lowercase().starts_with(&u.to_ascii_lowercase()))
        {
            let spaced = if chars.get(number_end).is_some_and(|c| c.is_whitespace()) {
                " "
            } else {
                ""
            };
            return Some(format!("{number}{spaced}{unit}"));
        }
    }
    None
}

/// A phone number: `min_digits` or more digits in a run that may contain spaces,
/// hyphens, parentheses and a leading `+` (`400-123-4567`, `+86 10 1234 5678`).
pub fn contains_phone(text: &str, min_digits: usize) -> bool {
    find_phone(text, min_digits).is_some()
}

/// The first phone number in `text` (see [`contains_phone`]), as written.
pub fn find_phone(text: &str, min_digits: usize) -> Option<&str> {
    let mut digits = 0;
    let mut start = None;
    let mut best = None;
    for (at, c) in text.char_indices() {
        if c.is_ascii_digit() {
            start.get_or_insert(at);
            digits += 1;
            if digits >= min_digits {
                best = start.map(|s| (s, at + 1));
            }
        } else if !matches!(c, ' ' | '-' | '(' | ')' | '+') {
            if best.is_some() {
                break;
            }
            digits = 0;
            start = None;
        }
    }
    best.map(|(s, e)| &text[s..e])
}

/// A version inside a name: `V2`, `v1.0` on a word boundary, a dotted number `6.4`,
/// or one of the words given (`version`, `版本`).
pub fn contains_version(text: &str, words: &[String]) -> bool {
    find_version(text, words).is_some()
}

/// The first version in `text` (see [`contains_version`]), as written.
pub fn find_version(text: &str, words: &[String]) -> Option<String> {
    if let Some(word) = find_any(text, words) {
        return Some(word.to_string());
    }
    let chars: Vec<char> = text.chars().collect();
    let token = |from: usize| -> String {
        chars[from..]
            .iter()
            .enumerate()
            .take_while(|(k, c)| *k == 0 || c.is_ascii_digit() || **c == '.')
            .map(|(_, c)| c)
            .collect::<String>()
            .trim_end_matches('.')
            .to_string()
    };
    let v = chars.windows(2).enumerate().find(|(i, w)| {
        let boundary = *i == 0 || !chars[i - 1].is_ascii_alphanumeric();
        (w[0] == 'v' || w[0] == 'V') && w[1].is_ascii_digit() && boundary
    });
    if let Some((i, _)) = v {
        return Some(token(i));
    }
    let dotted = chars
        .windows(3)
        .position(|w| w[0].is_ascii_digit() && w[1] == '.' && w[2].is_ascii_digit())?;
    let start = dotted - chars[..dotted].iter().rev().take_while(|c| c.is_ascii_digit()).count();
    Some(token(start))
}

/// KooGallery's version style: `V` then numbers joined by dots, e.g. `V1.0`, `V2.3.1`.
pub fn is_standard_version(text: &str) -> bool {
    let Some(rest) = text.strip_prefix('V') else {
        return false;
    };
    let parts: Vec<&str> = rest.split('.').collect();
    parts.len() >= 2
        && parts
            .iter()
            .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
}

/// A version in a form KooGallery's page gives as wrong: `v` + digit (`v0.1`), or no
/// digit at all (`First Version`, `Initial Version`, `初始版本`). Anything else that is
/// not V1.0 style (`V1`, `1.0`) is left to the style rule: the page does not refuse it.
pub fn is_refused_version(text: &str) -> bool {
    if text.is_empty() {
        return false;
    }
    let lower_v = text.starts_with('v') && text[1..].starts_with(|c: char| c.is_ascii_digit());
    lower_v || !text.chars().any(|c| c.is_ascii_digit())
}

/// A time zone written as a GMT/UTC offset: `GMT+08:00`, `UTC-5`, `(GMT+08:00)`.
pub fn is_utc_offset(text: &str) -> bool {
    let t = text.trim().trim_start_matches('(').trim_end_matches(')');
    let Some(rest) = t.strip_prefix("GMT").or_else(|| t.strip_prefix("UTC")) else {
        return false;
    };
    if rest.is_empty() {
        return true;
    }
    let Some(offset) = rest.strip_prefix('+').or_else(|| rest.strip_prefix('-')) else {
        return false;
    };
    let (h, m) = offset.split_once(':').unwrap_or((offset, "00"));
    let num = |s: &str, max: u32| !s.is_empty() && s.len() <= 2 && s.parse::<u32>().is_ok_and(|n| n <= max);
    num(h, 14) && num(m, 59)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(items: &[&str]) -> Vec<String> {
        items.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn terms_respect_ascii_word_boundaries_and_ignore_case() {
        assert!(contains_term("Free trial", "free"), "Free at a boundary matches");
        assert!(
            !contains_term("FreeBSD toolkit", "Free"),
            "FreeBSD is not the word Free"
        );
        assert!(contains_term("华为云数据库镜像", "华为云"), "CJK matches anywhere");
    }

    #[test]
    fn prices_phones_versions_and_zones_are_recognised() {
        let (signs, units) = (v(&["¥", "$"]), v(&["元", "USD", "/月"]));
        assert!(contains_price("特惠 99元", &signs, &units), "digit + 元");
        assert!(contains_price("only $ 5", &signs, &units), "$ + digit");
        assert!(!contains_price("3D 建模", &signs, &units), "a digit alone is no price");
        assert!(contains_phone("热线 400-123-4567", 7), "hyphenated hotline");
        assert!(!contains_phone("(HCS Version) 2024", 7), "a year is not a phone");
        assert!(
            contains_version("WordPress v6", &[]) && contains_version("WordPress 6.4", &[]),
            "v6 and 6.4"
        );
        assert!(
            !contains_version("DevOps Suite", &[]),
            "'v' inside a word is no version"
        );
        assert!(
            is_standard_version("V1.0") && is_standard_version("V2.3.1"),
            "V1.0 style"
        );
        for bad in ["v0.1", "V1", "First Version", "1.0", "V1.x"] {
            assert!(!is_standard_version(bad), "{bad} is not V1.0 style");
        }
        assert!(
            is_utc_offset("(GMT+08:00)") && is_utc_offset("UTC-5") && !is_utc_offset("Beijing"),
            "offsets"
        );
    }

    #[test]
    fn finders_return_the_match_as_written() {
        let (signs, units) = (v(&["¥", "$"]), v(&["元", "USD"]));
        assert_eq!(find_price("特惠 99元 起", &signs, &units).as_deref(), Some("99元"));
        assert_eq!(find_price("only $ 5.5 today", &signs, &units).as_deref(), Some("$5.5"));
        assert_eq!(find_price("5 USD", &signs, &units).as_deref(), Some("5 USD"));
        assert_eq!(find_phone("热线 400-123-4567 全天", 7), Some("400-123-4567"));
        assert_eq!(find_phone("2024 年 12 月", 7), None);
        assert_eq!(find_version("WordPress v6.4 镜像", &[]).as_deref(), Some("v6.4"));
        assert_eq!(find_version("Nginx 1.25. 镜像", &[]).as_deref(), Some("1.25"));
        assert_eq!(find_version("Acme 版本二", &v(&["版本"])).as_deref(), Some("版本"));
        assert_eq!(find_any("Try it FREE now", &["free"]), Some("FREE"));
    }
}
