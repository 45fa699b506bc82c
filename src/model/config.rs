//! [`OracleConfig`]: how many sequences, how long, and what a backend
//! promises beyond the contract.

/// What `check_against_oracle` (feature `model`) and [`run_ops`](super::run_ops)
/// run and compare.
///
/// ```
/// use remote_store::model::OracleConfig;
///
/// let config = OracleConfig::new().cases(64).max_ops(32).ordered_listings(true);
/// assert_eq!(config.cases, 64);
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct OracleConfig {
    /// Random op sequences to run (default `PROPTEST_CASES`, else 256).
    pub cases: u32,
    /// The longest sequence (default 64 ops); lengths are drawn from
    /// `1..=max_ops`.
    pub max_ops: usize,
    /// Listings must come in the documented order (entries of a folder
    /// sorted by name, recursive listings depth-first pre-order) instead of
    /// being compared as sets. Default off.
    pub ordered_listings: bool,
    /// Folders are implied by keys (object stores): an empty folder does not
    /// exist, so the oracle drops its empty folders after every op. Default off.
    pub implied_folders: bool,
    /// A write, copy or rename under a file is refused with `InvalidPath`.
    /// Default on; [`implied_folders`](OracleConfig::implied_folders) turns
    /// it off, and such ops are then not compared.
    pub rejects_write_under_file_ancestor: bool,
    /// `max_depth` of `list_files` must prune exactly. Default off: the
    /// contract makes it a hint (a `Store` filters again), so the subject's
    /// listing is filtered to `max_depth` before it is compared, and a
    /// backend that ignores the hint passes.
    pub exact_max_depth: bool,
    /// User-metadata keys are case-insensitive and come back lower-cased, as
    /// S3's `x-amz-meta-*` headers do. Default off; when on, every generated
    /// write's keys are lower-cased before it reaches the oracle and the
    /// subject alike (the contract leaves key case to the store).
    pub lowercase_metadata_keys: bool,
    /// The seed of the random sequences, so a run is repeatable. Default:
    /// [`SEED_VAR`] when set, else random (a failure prints it).
    pub seed: u64,
}

/// The environment variable that fixes the default seed of the model and
/// concurrency tests, to replay a failure: `REMOTE_STORE_MODEL_SEED=1234`.
pub const SEED_VAR: &str = "REMOTE_STORE_MODEL_SEED";

/// The default seed: [`SEED_VAR`] if set (and a number), else a random one.
///
/// # Panics
///
/// If [`SEED_VAR`] is set to something that is not a `u64`: a typo must
/// not silently run another seed.
pub fn default_seed() -> u64 {
    use std::hash::{BuildHasher, Hasher};
    match std::env::var(SEED_VAR) {
        Ok(text) => text
            .trim()
            .parse()
            .unwrap_or_else(|_| panic!("{SEED_VAR}={text:?} is not a u64 seed")),
        Err(_) => {
            let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
            hasher.write_u128(
                std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)
                    .map_or(0, |d| d.as_nanos()),
            );
            hasher.finish()
        }
    }
}

/// The default number of sequences: `PROPTEST_CASES` if set (and a
/// number), else 256.
fn default_cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|text| text.trim().parse().ok())
        .unwrap_or(256)
}

impl Default for OracleConfig {
    fn default() -> Self {
        OracleConfig {
            cases: default_cases(),
            max_ops: 64,
            ordered_listings: false,
            implied_folders: false,
            rejects_write_under_file_ancestor: true,
            exact_max_depth: false,
            lowercase_metadata_keys: false,
            seed: default_seed(),
        }
    }
}

impl OracleConfig {
    /// 256 sequences (or `PROPTEST_CASES`) of up to 64 ops from a random
    /// seed (or [`SEED_VAR`]), listings compared as sets, explicit folders,
    /// `max_depth` a hint.
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets [`cases`](OracleConfig::cases).
    pub fn cases(mut self, cases: u32) -> Self {
        self.cases = cases;
        self
    }

    /// Sets [`max_ops`](OracleConfig::max_ops) (at least 1).
    pub fn max_ops(mut self, max_ops: usize) -> Self {
        self.max_ops = max_ops.max(1);
        self
    }

    /// Sets [`ordered_listings`](OracleConfig::ordered_listings).
    pub fn ordered_listings(mut self, ordered: bool) -> Self {
        self.ordered_listings = ordered;
        self
    }

    /// Sets [`implied_folders`](OracleConfig::implied_folders); on, it also
    /// turns [`rejects_write_under_file_ancestor`](OracleConfig::rejects_write_under_file_ancestor) off.
    pub fn implied_folders(mut self, implied: bool) -> Self {
        self.implied_folders = implied;
        if implied {
            self.rejects_write_under_file_ancestor = false;
        }
        self
    }

    /// Sets [`rejects_write_under_file_ancestor`](OracleConfig::rejects_write_under_file_ancestor).
    pub fn rejects_write_under_file_ancestor(mut self, rejects: bool) -> Self {
        self.rejects_write_under_file_ancestor = rejects;
        self
    }

    /// Sets [`exact_max_depth`](OracleConfig::exact_max_depth).
    pub fn exact_max_depth(mut self, exact: bool) -> Self {
        self.exact_max_depth = exact;
        self
    }

    /// Sets [`lowercase_metadata_keys`](OracleConfig::lowercase_metadata_keys).
    pub fn lowercase_metadata_keys(mut self, lowercase: bool) -> Self {
        self.lowercase_metadata_keys = lowercase;
        self
    }

    /// Sets [`seed`](OracleConfig::seed).
    pub fn seed(mut self, seed: u64) -> Self {
        self.seed = seed;
        self
    }
}
