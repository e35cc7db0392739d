#![no_main]

#[path = "../harness_c.rs"]
mod harness_c;

libfuzzer_sys::fuzz_target!(|data: &[u8]| harness_c::c_api(data));
