//! Objections of the sandbox's reviewer that the local rule pack does not have.
//!
//! WHY rules the pack lacks on purpose: real KooGallery reviewers reject things no
//! written standard names, and Gallerist's parity log exists to collect exactly those
//! surprises. If the sandbox reviewed with the pack alone, the client's "rejections
//! the pack did not predict" path would never run outside production. Every rule id
//! here starts with `reviewer.`; none of them exists in `rules/listing-standards.toml`
//! (the pack deliberately has no name-length or highlight-count rule: the published
//! standards give no number).

use gallerist_domain::listing::text::char_count;
use gallerist_domain::listing::Draft;

/// One objection: rule id, the field it points at, and its words in English and zh-CN.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Objection {
    pub rule_id: &'static str,
    pub field: String,
    pub en: String,
    pub zh: String,
}

/// Names of other clouds a KooGallery listing may not promote. Latin names match as
/// whole words, ignoring case ("AWS" but not "laws").
const CJK_VENDORS: [&str; 5] = ["阿里云", "腾讯云", "百度智能云", "京东云", "亚马逊云"];
const LATIN_VENDORS: [&str; 8] = [
    "aws",
    "amazon web services",
    "azure",
    "alibaba cloud",
    "aliyun",
    "tencent cloud",
    "google cloud",
    "gcp",
];

/// A reviewer may not accept a name longer than this (characters, whitespace not counted).
pub(crate) const MAX_NAME_CHARS: usize = 60;

fn latin_word_at(text: &str, word: &str) -> bool {
    let lower = text.to_lowercase();
    lower.match_indices(word).any(|(i, _)| {
        let before = lower[..i].chars().next_back();
        let after = lower[i + word.len()..].chars().next();
        !before.is_some_and(|c| c.is_ascii_alphanumeric()) && !after.is_some_and(|c| c.is_ascii_alphanumeric())
    })
}

fn vendor_in(text: &str) -> Option<String> {
    if let Some(v) = CJK_VENDORS.iter().find(|v| text.contains(*v)) {
        return Some((*v).to_string());
    }
    LATIN_VENDORS
        .iter()
        .find(|v| latin_word_at(text, v))
        .map(|v| v.to_string())
}

/// Letters and digits only, lower-cased: "Acme 备份！" and "acme备份" are the same text.
fn normalized(text: &str) -> String {
    text.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Everything the reviewer objects to beyond the pack.
pub(crate) fn objections(d: &Draft) -> Vec<Objection> {
    let mut out = Vec::new();
    let mut texts: Vec<(String, &str)> = vec![
        ("name".into(), d.name.as_str()),
        ("overview".into(), d.overview.as_str()),
        ("description".into(), d.description.as_str()),
    ];
    texts.extend(
        d.highlights
            .iter()
            .enumerate()
            .map(|(i, h)| (format!("highlights[{i}]"), h.as_str())),
    );
    for (field, text) in texts {
        if let Some(vendor) = vendor_in(text) {
            out.push(Objection {
                rule_id: "reviewer.other-cloud-vendor",
                en: format!(
                    "The {field} mentions another cloud vendor ({vendor}); KooGallery listings may not promote other cloud platforms."
                ),
                zh: format!("{field} 提及其他云厂商（{vendor}），云商店商品不得宣传其他云平台。"),
                field,
            });
        }
    }
    let overview = normalized(&d.overview);
    if !overview.is_empty() && overview == normalized(&d.name) {
        out.push(Objection {
            rule_id: "reviewer.overview-repeats-name",
            field: "overview".into(),
            en: "The overview only repeats the product name; say in one sentence what the product does.".into(),
            zh: "商品简介只是重复商品名称，请用一句话说明商品的用途。".into(),
        });
    }
    let length = char_count(&d.name);
    if length > MAX_NAME_CHARS {
        out.push(Objection {
            rule_id: "reviewer.name-length",
            field: "name".into(),
            en: format!("The name has {length} characters; reviewers accept at most {MAX_NAME_CHARS}."),
            zh: format!("商品名称有 {length} 个字符，审核最多接受 {MAX_NAME_CHARS} 个。"),
        });
    }
    let mut seen: Vec<String> = Vec::new();
    for (i, h) in d.highlights.iter().enumerate() {
        let n = normalized(h);
        if n.is_empty() {
            continue;
        }
        if seen.contains(&n) {
            out.push(Objection {
                rule_id: "reviewer.highlight-repeated",
                field: format!("highlights[{i}]"),
                en: format!(
                    "Highlight {} repeats an earlier one; each highlight should say something new.",
                    i + 1
                ),
                zh: format!("第 {} 条商品亮点与前面的重复，每条亮点应说明不同的内容。", i + 1),
            });
        }
        seen.push(n);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use gallerist_domain::listing::example::clean_draft;
    use gallerist_domain::listing::Delivery;

    fn draft() -> Draft {
        clean_draft(Delivery::Image)
    }

    fn ids(d: &Draft) -> Vec<&'static str> {
        objections(d).iter().map(|o| o.rule_id).collect()
    }

    #[test]
    fn a_clean_example_draft_draws_no_objection() {
        assert!(ids(&draft()).is_empty(), "{:?}", objections(&draft()));
    }

    #[test]
    fn each_rule_objects_to_its_own_problem_only() {
        let mut d = draft();
        d.description.push_str("也可部署在 AWS 上。");
        assert_eq!(ids(&d), ["reviewer.other-cloud-vendor"]);
        let mut d = draft();
        d.description.push_str("Our laws are strict.");
        assert!(ids(&d).is_empty(), "'laws' is not AWS");
        let mut d = draft();
        d.overview = format!("{}！", d.name);
        assert_eq!(ids(&d), ["reviewer.overview-repeats-name"]);
        let mut d = draft();
        d.name = "备".repeat(61);
        assert_eq!(ids(&d), ["reviewer.name-length"]);
        let mut d = draft();
        d.highlights.push("一键恢复。".into());
        let found = objections(&d);
        assert_eq!(
            (found.len(), found[0].field.as_str()),
            (1, "highlights[2]"),
            "{found:?}"
        );
    }
}
