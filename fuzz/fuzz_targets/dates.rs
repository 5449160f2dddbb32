//! Date and period parsing on arbitrary text: never panics; every mention's span is in the text
//! and its period is well formed.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let reference = time::Date::from_calendar_date(2024, time::Month::January, 16).ok();
    for m in kizuna_text::dates::find(text, reference) {
        assert!(text.get(m.span.clone()).is_some());
        assert!(m.period.start() <= m.period.end());
        let _ = m.period.to_string().parse::<kizuna_core::Period>().expect("periods round-trip");
    }
    let _ = text.parse::<kizuna_core::Period>();
});
