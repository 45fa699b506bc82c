//! [`FaultRule`]: which calls a [`FaultyBackend`](super::FaultyBackend)
//! alters, and how ([`Fault`]).

use std::time::Duration;

use crate::ErrorKind;
use crate::Result;
use crate::ext::glob::GlobPattern;
use crate::testing::Operation;

/// What happens to a call a rule selects.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub enum Fault {
    /// The call fails with an error of this kind, naming the call's path
    /// (built by [`Error::of_kind`](crate::Error::of_kind)); the inner
    /// backend is not called.
    Error(ErrorKind),
    /// The call waits this long, then runs normally.
    Delay(Duration),
    /// The content stream delivers this many bytes, then fails with an I/O
    /// error where the next byte would come; content no longer than that
    /// reads normally. Applies to reads (`read`, `read_bytes`,
    /// `read_seekable`) and writes (`write`, `write_atomic`: the content
    /// the backend drains; `open_atomic`: the writer).
    StreamFailsAfter(u64),
    /// The listing yields this many items, then one error where the next
    /// item would come; a shorter listing ends normally. Applies to
    /// `list_files`, `list_folders`, `iter_children` and `glob`.
    ListingFailsAfter(usize),
}

impl Fault {
    /// Whether this fault can alter `operation`.
    pub fn applies_to(&self, operation: Operation) -> bool {
        match self {
            Fault::Error(_) | Fault::Delay(_) => true,
            Fault::StreamFailsAfter(_) => matches!(
                operation,
                Operation::Read
                    | Operation::ReadBytes
                    | Operation::ReadSeekable
                    | Operation::Write
                    | Operation::WriteAtomic
                    | Operation::OpenAtomic
            ),
            Fault::ListingFailsAfter(_) => operation.is_listing(),
        }
    }
}

/// Selects calls and says which [`Fault`] they get.
///
/// A call is selected when its operation is one of the rule's (any the
/// fault applies to, when none is named), one of its paths matches the
/// rule's glob (any path, the root included, when none is given), and then
/// its number among the calls selected so far is in
/// [`calls`](FaultRule::calls) and the seeded
/// [`probability`](FaultRule::probability) draw says yes (each check only
/// when set). Rename and copy match on the source or the destination, and
/// `glob` on its pattern.
///
/// ```
/// use std::time::Duration;
/// use remote_store::testing::{FaultRule, Operation};
/// use remote_store::ErrorKind;
///
/// // The second and third reads under `data/` fail.
/// let flaky = FaultRule::error(ErrorKind::BackendUnavailable)
///     .on_any(Operation::READS)
///     .paths("data/**")?
///     .calls([2, 3]);
/// // One write in ten, chosen by a seeded draw, is slow.
/// let slow = FaultRule::delay(Duration::from_millis(5)).on(Operation::Write).probability(0.1, 42);
/// # Ok::<(), remote_store::Error>(())
/// ```
#[derive(Clone, Debug)]
pub struct FaultRule {
    pub(super) fault: Fault,
    operations: Vec<Operation>,
    paths: Option<GlobPattern>,
    calls: Option<Vec<u64>>,
    probability: Option<(f64, u64)>,
}

impl FaultRule {
    /// A rule giving `fault` to every call it applies to.
    pub fn new(fault: Fault) -> Self {
        FaultRule {
            fault,
            operations: Vec::new(),
            paths: None,
            calls: None,
            probability: None,
        }
    }

    /// A rule failing calls with an error of `kind`.
    pub fn error(kind: ErrorKind) -> Self {
        Self::new(Fault::Error(kind))
    }

    /// A rule delaying calls by `delay`.
    pub fn delay(delay: Duration) -> Self {
        Self::new(Fault::Delay(delay))
    }

    /// A rule whose content streams fail after `bytes` bytes.
    pub fn stream_fails_after(bytes: u64) -> Self {
        Self::new(Fault::StreamFailsAfter(bytes))
    }

    /// A rule whose listings fail after `items` items.
    pub fn listing_fails_after(items: usize) -> Self {
        Self::new(Fault::ListingFailsAfter(items))
    }

    /// Also selects `operation`.
    pub fn on(mut self, operation: Operation) -> Self {
        self.operations.push(operation);
        self
    }

    /// Also selects each of `operations`.
    pub fn on_any(mut self, operations: impl IntoIterator<Item = Operation>) -> Self {
        self.operations.extend(operations);
        self
    }

    /// Selects only calls with a path matching the glob `pattern` (`*`, `?`,
    /// `[...]` within a segment, `**` across segments). A malformed pattern
    /// is [`Error::InvalidArgument`](crate::Error::InvalidArgument).
    pub fn paths(mut self, pattern: &str) -> Result<Self> {
        self.paths = Some(GlobPattern::new(pattern)?);
        Ok(self)
    }

    /// Alters only the selected calls with these numbers (1 for the first
    /// call the operation and path filters let through).
    pub fn calls(mut self, numbers: impl IntoIterator<Item = u64>) -> Self {
        self.calls = Some(numbers.into_iter().collect());
        self
    }

    /// Alters each selected call with probability `p` (clamped to 0..=1),
    /// drawn from a generator seeded with `seed`: the same seed alters the
    /// same calls in every run.
    pub fn probability(mut self, p: f64, seed: u64) -> Self {
        self.probability = Some((p.clamp(0.0, 1.0), seed));
        self
    }

    /// The fault this rule injects.
    pub fn fault(&self) -> &Fault {
        &self.fault
    }

    /// Whether the operation and path filters let this call through.
    pub(super) fn selects(&self, operation: Operation, paths: &[&str]) -> bool {
        let operation_ok = if self.operations.is_empty() {
            self.fault.applies_to(operation)
        } else {
            self.operations.contains(&operation) && self.fault.applies_to(operation)
        };
        operation_ok
            && self
                .paths
                .as_ref()
                .is_none_or(|glob| paths.iter().any(|path| glob.matches(path)))
    }

    /// Whether the `number`th selected call is altered; `draw` is consumed
    /// only when a probability is set.
    pub(super) fn fires(&self, number: u64, draw: &mut SplitMix) -> bool {
        let call_ok = self
            .calls
            .as_ref()
            .is_none_or(|numbers| numbers.contains(&number));
        let chance_ok = self.probability.is_none_or(|(p, _)| draw.next_unit() < p);
        call_ok && chance_ok
    }

    /// The generator for this rule's probability draws.
    pub(super) fn generator(&self) -> SplitMix {
        SplitMix(self.probability.map_or(0, |(_, seed)| seed))
    }
}

/// SplitMix64: a tiny, well-known seeded generator, enough for choosing
/// which calls fail.
#[derive(Clone, Debug)]
pub(super) struct SplitMix(u64);

impl SplitMix {
    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A uniform draw in `0.0..1.0`.
    fn next_unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }
}
