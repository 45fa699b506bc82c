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
    /// Random op sequences to run (default 256).
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
    /// The seed of the random sequences, so a run is repeatable (default 0).
    pub seed: u64,
}

impl Default for OracleConfig {
    fn default() -> Self {
        OracleConfig {
            cases: 256,
            max_ops: 64,
            ordered_listings: false,
            implied_folders: false,
            rejects_write_under_file_ancestor: true,
            seed: 0,
        }
    }
}

impl OracleConfig {
    /// 256 sequences of up to 64 ops, listings compared as sets, explicit
    /// folders.
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

    /// Sets [`seed`](OracleConfig::seed).
    pub fn seed(mut self, seed: u64) -> Self {
        self.seed = seed;
        self
    }
}
