//! The seller's contacts, the 400 pre-sales extension and ticket reception hours.
//!
//! WHY validated here: KooGallery reaches the seller through these — review questions
//! and API-failure notices go to the customer-service and after-sales emails, which
//! must answer within 24 h or the product may be removed (reference §7, S-EU-1, S-CN-W);
//! the finance contact is part of business-information certification (S-CN-AH); the
//! business contact is the registration contact with name, mobile and email (S-EU-REG,
//! S-CN-AN). Each seller gets a 400 number extension bound to a phone with reception
//! days and hours (S-CN-AM1), and a seller who accepts tickets must receive them at
//! least 5 days × 8 hours (S-CN-AM2). `validate` returns every problem, in words.
//!
//! Where the reference is silent: it names no phone format, so the accepted forms are
//! the mainland ones (11-digit mobile, landline with area code, 400/800 numbers) and an
//! international number with + and the country code; it gives no time zone for the
//! reception hours, read here as UTC+8 (the 400 service is mainland); "5×8" is read as
//! at least 5 distinct weekdays with at least 8 hours each; the pre-sales extension has
//! no minimum hours; a reception window ends the same day (00:00 as the end means 24:00).

use chrono::{NaiveTime, TimeDelta, Weekday};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ContactRole {
    Business,
    Finance,
    CustomerService,
    AfterSales,
}

impl ContactRole {
    pub const ALL: [ContactRole; 4] = [
        ContactRole::Business,
        ContactRole::Finance,
        ContactRole::CustomerService,
        ContactRole::AfterSales,
    ];

    pub fn label_en(self) -> &'static str {
        match self {
            ContactRole::Business => "business contact",
            ContactRole::Finance => "finance contact",
            ContactRole::CustomerService => "customer-service contact",
            ContactRole::AfterSales => "after-sales contact",
        }
    }

    pub fn label_zh(self) -> &'static str {
        match self {
            ContactRole::Business => "商务联系人",
            ContactRole::Finance => "财务联系人",
            ContactRole::CustomerService => "客服联系人",
            ContactRole::AfterSales => "售后联系人",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Contact {
    pub role: ContactRole,
    pub name: String,
    pub email: String,
    /// Required for the business contact (the registration mobile), optional otherwise.
    pub phone: Option<String>,
}

/// Reception days and a daily window, in UTC+8.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reception {
    pub days: Vec<Weekday>,
    pub from: NaiveTime,
    /// 00:00 here means midnight at the end of the day.
    pub to: NaiveTime,
}

impl Reception {
    /// Distinct reception days.
    pub fn day_count(&self) -> usize {
        let mut days: Vec<u32> = self.days.iter().map(|d| d.num_days_from_monday()).collect();
        days.sort_unstable();
        days.dedup();
        days.len()
    }

    /// The daily window's length, `None` when it ends before it starts.
    pub fn daily(&self) -> Option<TimeDelta> {
        let end = if self.to == NaiveTime::MIN {
            TimeDelta::hours(24)
        } else {
            self.to - NaiveTime::MIN
        };
        let length = end - (self.from - NaiveTime::MIN);
        (length > TimeDelta::zero()).then_some(length)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PreSalesExtension {
    /// The extension Huawei assigned.
    pub extension: String,
    pub bound_phone: String,
    pub reception: Reception,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContactSettings {
    pub contacts: Vec<Contact>,
    pub pre_sales: Option<PreSalesExtension>,
    /// `None` when the seller does not accept tickets.
    pub tickets: Option<Reception>,
}

/// Where a reception window belongs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Channel {
    PreSales,
    Tickets,
}

/// Whose phone number is meant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PhoneOf {
    Contact(ContactRole),
    PreSalesBinding,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    MissingRole(ContactRole),
    MissingName(ContactRole),
    BadEmail { role: ContactRole, email: String },
    MissingPhone(PhoneOf),
    BadPhone { of: PhoneOf, phone: String },
    BadExtension(String),
    NoReceptionDays(Channel),
    EndsBeforeStart(Channel),
    TicketsUnderFiveByEight { days: usize, daily: TimeDelta },
}

/// Every problem with the settings, in the order of the form.
pub fn validate(settings: &ContactSettings) -> Vec<Problem> {
    let mut problems = Vec::new();
    for role in ContactRole::ALL {
        if !settings.contacts.iter().any(|c| c.role == role) {
            problems.push(Problem::MissingRole(role));
        }
    }
    for c in &settings.contacts {
        if c.name.trim().is_empty() {
            problems.push(Problem::MissingName(c.role));
        }
        if !is_email(&c.email) {
            problems.push(Problem::BadEmail {
                role: c.role,
                email: c.email.clone(),
            });
        }
        match c.phone.as_deref().filter(|p| !p.trim().is_empty()) {
            None if c.role == ContactRole::Business => problems.push(Problem::MissingPhone(PhoneOf::Contact(c.role))),
            None => {}
            Some(p) => check_phone(&mut problems, PhoneOf::Contact(c.role), p),
        }
    }
    if let Some(ext) = &settings.pre_sales {
        let digits = !ext.extension.is_empty() && ext.extension.chars().all(|c| c.is_ascii_digit());
        if !digits {
            problems.push(Problem::BadExtension(ext.extension.clone()));
        }
        if ext.bound_phone.trim().is_empty() {
            problems.push(Problem::MissingPhone(PhoneOf::PreSalesBinding));
        } else {
            check_phone(&mut problems, PhoneOf::PreSalesBinding, &ext.bound_phone);
        }
        check_reception(&mut problems, Channel::PreSales, &ext.reception);
    }
    if let Some(tickets) = &settings.tickets {
        if check_reception(&mut problems, Channel::Tickets, tickets) {
            let (days, daily) = (tickets.day_count(), tickets.daily().unwrap_or_default());
            if days < 5 || daily < TimeDelta::hours(8) {
                problems.push(Problem::TicketsUnderFiveByEight { days, daily });
            }
        }
    }
    problems
}

/// Pushes what is wrong with a window; true when it is well-formed.
fn check_reception(problems: &mut Vec<Problem>, channel: Channel, r: &Reception) -> bool {
    let before = problems.len();
    if r.days.is_empty() {
        problems.push(Problem::NoReceptionDays(channel));
    }
    if r.daily().is_none() {
        problems.push(Problem::EndsBeforeStart(channel));
    }
    problems.len() == before
}

fn check_phone(problems: &mut Vec<Problem>, of: PhoneOf, phone: &str) {
    if !is_phone(phone) {
        problems.push(Problem::BadPhone {
            of,
            phone: phone.to_owned(),
        });
    }
}

fn is_email(email: &str) -> bool {
    let Some((local, domain)) = email.split_once('@') else {
        return false;
    };
    let labels_ok = domain.split('.').count() >= 2 && domain.split('.').all(|l| !l.is_empty());
    !local.is_empty() && !domain.contains('@') && !email.chars().any(char::is_whitespace) && labels_ok
}

/// A mainland mobile (optionally +86), a landline with area code, a 400/800 number, or
/// an international number with + and country code (8–15 digits).
pub fn is_phone(phone: &str) -> bool {
    let trimmed = phone.trim();
    if trimmed.chars().any(|c| !(c.is_ascii_digit() || " -+()".contains(c))) || trimmed.rfind('+').unwrap_or(0) != 0 {
        return false;
    }
    let digits: String = trimmed.chars().filter(char::is_ascii_digit).collect();
    if trimmed.starts_with('+') {
        return match digits.strip_prefix("86") {
            Some(national) => is_mainland_mobile(national) || is_landline(&format!("0{national}")),
            None => (8..=15).contains(&digits.len()),
        };
    }
    let service = (digits.starts_with("400") || digits.starts_with("800")) && digits.len() == 10;
    is_mainland_mobile(&digits) || is_landline(&digits) || service
}

/// 11 digits, 1 then 3–9.
fn is_mainland_mobile(d: &str) -> bool {
    d.len() == 11 && d.starts_with('1') && matches!(d.as_bytes()[1], b'3'..=b'9')
}

/// 0, an area code (010 for Beijing, otherwise starting 2–9), the number: 10–12 digits.
fn is_landline(d: &str) -> bool {
    let area_ok = d.starts_with("010") || matches!(d.as_bytes().get(1), Some(b'2'..=b'9'));
    d.starts_with('0') && area_ok && (10..=12).contains(&d.len())
}

const PHONE_FORMS_EN: &str = "use a mainland mobile (11 digits starting with 1, e.g. 13800138000), a landline with area code (e.g. 010-12345678), a 400/800 number, or an international number starting with + and the country code (e.g. +65 6123 4567)";
const PHONE_FORMS_ZH: &str = "请使用大陆手机号（1开头的11位数字，如13800138000）、带区号的座机（如010-12345678）、400/800号码，或以+和国家码开头的国际号码（如+65 6123 4567）";

impl PhoneOf {
    fn label_en(self) -> String {
        match self {
            PhoneOf::Contact(role) => format!("the {}'s phone", role.label_en()),
            PhoneOf::PreSalesBinding => "the phone bound to the 400 pre-sales extension".into(),
        }
    }

    fn label_zh(self) -> String {
        match self {
            PhoneOf::Contact(role) => format!("{}的电话", role.label_zh()),
            PhoneOf::PreSalesBinding => "400售前分机绑定的电话".into(),
        }
    }
}

impl Channel {
    fn label_en(self) -> &'static str {
        match self {
            Channel::PreSales => "the 400 pre-sales extension",
            Channel::Tickets => "ticket reception",
        }
    }

    fn label_zh(self) -> &'static str {
        match self {
            Channel::PreSales => "400售前分机",
            Channel::Tickets => "工单接待",
        }
    }
}

fn hours(d: TimeDelta) -> String {
    match d.num_minutes() % 60 {
        0 => format!("{}", d.num_hours()),
        m => format!("{}.{:02}", d.num_hours(), m * 100 / 60),
    }
}

impl Problem {
    /// The form field the problem belongs to, e.g. `contacts.finance.email`,
    /// `pre_sales.bound_phone`, `tickets.hours`; the UI shows the message there.
    pub fn field(&self) -> String {
        let role = |r: &ContactRole| match r {
            ContactRole::Business => "business",
            ContactRole::Finance => "finance",
            ContactRole::CustomerService => "customer_service",
            ContactRole::AfterSales => "after_sales",
        };
        let channel = |c: &Channel| match c {
            Channel::PreSales => "pre_sales.reception",
            Channel::Tickets => "tickets",
        };
        match self {
            Problem::MissingRole(r) => format!("contacts.{}", role(r)),
            Problem::MissingName(r) => format!("contacts.{}.name", role(r)),
            Problem::BadEmail { role: r, .. } => format!("contacts.{}.email", role(r)),
            Problem::MissingPhone(PhoneOf::Contact(r))
            | Problem::BadPhone {
                of: PhoneOf::Contact(r),
                ..
            } => {
                format!("contacts.{}.phone", role(r))
            }
            Problem::MissingPhone(PhoneOf::PreSalesBinding)
            | Problem::BadPhone {
                of: PhoneOf::PreSalesBinding,
                ..
            } => "pre_sales.bound_phone".into(),
            Problem::BadExtension(_) => "pre_sales.extension".into(),
            Problem::NoReceptionDays(c) => format!("{}.days", channel(c)),
            Problem::EndsBeforeStart(c) => format!("{}.hours", channel(c)),
            Problem::TicketsUnderFiveByEight { .. } => "tickets.hours".into(),
        }
    }

    pub fn message_en(&self) -> String {
        match self {
            Problem::MissingRole(role) => format!("A {} with an email is required.", role.label_en()),
            Problem::MissingName(role) => format!("The {} needs a name.", role.label_en()),
            Problem::BadEmail { role, email } => {
                format!(
                    "The {}'s email \"{email}\" is not an email address (name@example.com).",
                    role.label_en()
                )
            }
            Problem::MissingPhone(of) => format!("{} is missing.", capitalise(&of.label_en())),
            Problem::BadPhone { of, phone } => {
                format!(
                    "{} \"{phone}\" is not a phone number in a form KooGallery can call: {PHONE_FORMS_EN}.",
                    capitalise(&of.label_en())
                )
            }
            Problem::BadExtension(ext) => format!("The 400 extension \"{ext}\" should be the digits Huawei assigned."),
            Problem::NoReceptionDays(channel) => format!("Choose the reception days of {}.", channel.label_en()),
            Problem::EndsBeforeStart(channel) => {
                format!("The reception hours of {} end before they start.", channel.label_en())
            }
            Problem::TicketsUnderFiveByEight { days, daily } => format!(
                "Ticket reception must be at least 5 days × 8 hours; this is {days} days × {} hours.",
                hours(*daily)
            ),
        }
    }

    pub fn message_zh(&self) -> String {
        match self {
            Problem::MissingRole(role) => format!("需要填写{}及其邮箱。", role.label_zh()),
            Problem::MissingName(role) => format!("{}需要填写姓名。", role.label_zh()),
            Problem::BadEmail { role, email } => format!("{}的邮箱“{email}”不是有效的邮箱地址。", role.label_zh()),
            Problem::MissingPhone(of) => format!("缺少{}。", of.label_zh()),
            Problem::BadPhone { of, phone } => format!("{}“{phone}”格式不正确：{PHONE_FORMS_ZH}。", of.label_zh()),
            Problem::BadExtension(ext) => format!("400分机号“{ext}”应为华为分配的数字。"),
            Problem::NoReceptionDays(channel) => format!("请选择{}的接待日。", channel.label_zh()),
            Problem::EndsBeforeStart(channel) => format!("{}的接待结束时间早于开始时间。", channel.label_zh()),
            Problem::TicketsUnderFiveByEight { days, daily } => {
                format!("工单接待时间至少为5×8小时；当前为{days}天×{}小时。", hours(*daily))
            }
        }
    }
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map_or_else(String::new, |c| c.to_uppercase().chain(chars).collect())
}

#[cfg(test)]
#[path = "contacts_tests.rs"]
mod tests;
