//! `bug_family!`: a family of bugs declared once, each variant beside the
//! contract clause it breaks, so that the enum and its `ALL` table (which
//! the subjects are built from) cannot drift apart.

/// Declares `pub enum $name` with the control `None` (the default) first,
/// then every bug, and `$name::ALL`: every bug with its clause, in order.
macro_rules! bug_family {
    (
        $(#[$meta:meta])*
        pub enum $name:ident {
            $(#[$control:meta])*
            None,
            $(
                $(#[$doc:meta])*
                $bug:ident => $clause:literal,
            )*
        }
    ) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
        pub enum $name {
            $(#[$control])*
            #[default]
            None,
            $(
                $(#[$doc])*
                $bug,
            )*
        }

        impl $name {
            /// Every bug with the clause it breaks.
            pub const ALL: &[($name, &str)] = &[$(($name::$bug, $clause)),*];
        }
    };
}
