//! `listing.toml` of a draft pack, read the way the pack loader reads it, then checked
//! against the rule pack and written back out the way `draft export` writes it; the
//! same bytes are also read as a listing-standards rule pack.
//!
//! Beyond "no panic": a draft that was read must export to a `listing.toml` that reads
//! back as the same draft, or a seller's export → import round trip would lose data.
#![no_main]

use gallerist_domain::listing::{Draft, Overrides, Pack};
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

fn rule_pack() -> &'static Pack {
    static PACK: OnceLock<Pack> = OnceLock::new();
    PACK.get_or_init(Pack::embedded)
}

fuzz_target!(
    init: {
        gallerist_fuzz::init(gallerist_fuzz::seeds::listing_toml());
        rule_pack();
    },
    |data: &[u8]| {
        let Ok(text) = std::str::from_utf8(data) else {
            return;
        };
        let _ = Pack::from_toml(text);
        let Ok(mut draft) = toml::from_str::<Draft>(text) else {
            return;
        };
        let _ = gallerist_api::draft_pack::asset_slots(&mut draft).len();
        let _ = rule_pack().check(&draft, &Overrides::default());
        let exported = toml::to_string_pretty(&draft).expect("a draft that was read can be written");
        let again: Draft = toml::from_str(&exported).expect("an exported listing.toml reads back");
        assert_eq!(again, draft, "export then import changed the draft");
    }
);
