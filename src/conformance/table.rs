//! `table_checks!`: a family of checks of one shape written as one function
//! over a table of cases, each case still its own public check (so its own
//! generated test, under its own name).

/// Defines one public check per line `name => run(args);`: a function
/// `name(backend, settings)` that calls `run(backend, settings, args)`.
/// Doc comments above a line document the check.
macro_rules! table_checks {
    ($($(#[$doc:meta])* $name:ident => $run:ident($($arg:expr),* $(,)?);)*) => {
        $(
            $(#[$doc])*
            pub fn $name(
                backend: &dyn $crate::Backend,
                settings: &$crate::conformance::Settings,
            ) {
                $run(backend, settings, $($arg),*);
            }
        )*
    };
}
