//! Image facts (format, width, height) from the header bytes of an uploaded or packed
//! file, under each name a seller might give it.
#![no_main]

use gallerist_domain::listing::image;
use gallerist_domain::listing::model::Asset;
use libfuzzer_sys::fuzz_target;

fuzz_target!(
    init: gallerist_fuzz::init(gallerist_fuzz::seeds::image_header()),
    |data: &[u8]| {
        if let Ok(facts) = image::sniff(data) {
            assert!(facts.width > 0 && facts.height > 0, "a measured image has a size");
            assert!(facts.width <= image::MAX_SIDE && facts.height <= image::MAX_SIDE);
        }
        for name in ["logo.png", "photo.JPG", "anim.gif", "file.webp", "noext"] {
            let _ = image::inspect(name, data);
        }
        let _ = Asset::image("logo.png", data);
    }
);
