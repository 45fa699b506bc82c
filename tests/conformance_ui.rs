//! Misuse of `conformance_suite!` fails to compile with a clear message that
//! points at the offending tokens (trybuild UI tests; `.stderr` checked in).

#[test]
fn misuse_of_conformance_suite_is_reported_at_compile_time() {
    trybuild::TestCases::new().compile_fail("tests/ui/*.rs");
}
