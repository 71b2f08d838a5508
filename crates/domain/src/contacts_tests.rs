//! Contact and reception settings validated as the seller types them.

use super::*;
use Weekday::{Fri, Mon, Sat, Thu, Tue, Wed};

fn time(h: u32, m: u32) -> NaiveTime {
    NaiveTime::from_hms_opt(h, m, 0).unwrap()
}

fn contact(role: ContactRole, email: &str, phone: Option<&str>) -> Contact {
    Contact {
        role,
        name: "Li Lei".into(),
        email: email.into(),
        phone: phone.map(Into::into),
    }
}

fn reception(days: &[Weekday], from: NaiveTime, to: NaiveTime) -> Reception {
    Reception {
        days: days.to_vec(),
        from,
        to,
    }
}

fn good() -> ContactSettings {
    ContactSettings {
        contacts: vec![
            contact(ContactRole::Business, "bd@example.cn", Some("138 0013 8000")),
            contact(ContactRole::Finance, "finance@example.cn", Some("0571-88886666")),
            contact(ContactRole::CustomerService, "service@example.cn", None),
            contact(ContactRole::AfterSales, "support@example.cn", Some("+65 6123 4567")),
        ],
        pre_sales: Some(PreSalesExtension {
            extension: "1234".into(),
            bound_phone: "+86 139-0013-9000".into(),
            reception: reception(&[Mon, Tue, Wed], time(9, 0), time(12, 0)),
        }),
        tickets: Some(reception(&[Mon, Tue, Wed, Thu, Fri], time(9, 0), time(17, 0))),
    }
}

#[test]
fn complete_settings_with_five_by_eight_tickets_pass() {
    assert_eq!(
        validate(&good()),
        vec![],
        "all roles, valid phones and 5 × 8 tickets pass"
    );
    let mut no_tickets = good();
    no_tickets.tickets = None;
    assert_eq!(validate(&no_tickets), vec![], "a seller need not accept tickets");
}

#[test]
fn ticket_reception_needs_five_days_of_eight_hours() {
    let cases = [
        (
            reception(&[Mon, Tue, Wed, Thu, Fri], time(9, 0), time(16, 59)),
            false,
            "5 days of 7:59 h",
        ),
        (
            reception(&[Mon, Tue, Wed, Thu, Thu], time(9, 0), time(18, 0)),
            false,
            "Thursday twice is 4 days",
        ),
        (
            reception(&[Mon, Tue, Wed, Thu, Fri, Sat], time(16, 0), time(0, 0)),
            true,
            "6 days to midnight",
        ),
    ];
    for (tickets, ok, what) in cases {
        let mut s = good();
        s.tickets = Some(tickets);
        let problems = validate(&s);
        assert_eq!(
            problems.is_empty(),
            ok,
            "{what} should {}pass: {problems:?}",
            if ok { "" } else { "not " }
        );
    }
    let mut short = good();
    short.tickets = Some(reception(&[Mon, Tue, Wed, Thu], time(9, 0), time(13, 30)));
    let msg = validate(&short)[0].message_en();
    assert!(
        msg.contains("4 days × 4.50 hours"),
        "the problem states what was set: {msg}"
    );
}

#[test]
fn every_problem_is_reported_and_bad_phones_are_named() {
    let s = ContactSettings {
        contacts: vec![
            contact(ContactRole::Business, "bd@example", None),
            Contact {
                name: " ".into(),
                ..contact(ContactRole::Finance, "finance@@example.cn", Some("12345"))
            },
        ],
        pre_sales: Some(PreSalesExtension {
            extension: "ext-1".into(),
            bound_phone: "138-0013-800".into(),
            reception: reception(&[], time(18, 0), time(9, 0)),
        }),
        tickets: Some(reception(&[Mon], time(9, 0), time(8, 0))),
    };
    let problems = validate(&s);
    let expected = vec![
        Problem::MissingRole(ContactRole::CustomerService),
        Problem::MissingRole(ContactRole::AfterSales),
        Problem::BadEmail {
            role: ContactRole::Business,
            email: "bd@example".into(),
        },
        Problem::MissingPhone(PhoneOf::Contact(ContactRole::Business)),
        Problem::MissingName(ContactRole::Finance),
        Problem::BadEmail {
            role: ContactRole::Finance,
            email: "finance@@example.cn".into(),
        },
        Problem::BadPhone {
            of: PhoneOf::Contact(ContactRole::Finance),
            phone: "12345".into(),
        },
        Problem::BadExtension("ext-1".into()),
        Problem::BadPhone {
            of: PhoneOf::PreSalesBinding,
            phone: "138-0013-800".into(),
        },
        Problem::NoReceptionDays(Channel::PreSales),
        Problem::EndsBeforeStart(Channel::PreSales),
        Problem::EndsBeforeStart(Channel::Tickets),
    ];
    assert_eq!(problems, expected, "every problem is listed, in the order of the form");
    let phone = problems[6].message_en();
    assert!(
        phone.contains("finance contact's phone \"12345\"") && phone.contains("11 digits starting with 1"),
        "a bad phone is named with the forms that work: {phone}"
    );
    assert!(problems[8]
        .message_zh()
        .contains("400售前分机绑定的电话“138-0013-800”格式不正确"));
    for p in &problems {
        assert!(p.message_en().len() > 10, "{p:?} has English words");
        assert!(
            p.message_zh().chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
            "{p:?} has zh-CN words"
        );
    }
}

#[test]
fn phone_forms() {
    let good = [
        "13800138000",
        "+86 138 0013 8000",
        "010-12345678",
        "0571 8888 6666",
        "+86 10 1234 5678",
        "400-820-1234",
        "+44 20 7946 0958",
    ];
    for ok in good {
        assert!(is_phone(ok), "{ok} is a callable number");
    }
    let bad = [
        "12345",
        "1380013800",
        "+86 010 1234",
        "12800138000",
        "01380013800",
        "138-0013-8000x",
        "400 820 12345",
        "86+13800138000",
        "",
    ];
    for bad in bad {
        assert!(!is_phone(bad), "{bad:?} must be named as a wrong form");
    }
}
