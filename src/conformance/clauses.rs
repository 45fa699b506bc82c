//! The contract clauses the checks cite, each with its rule in words.

/// One contract clause: the id a failure message cites and the rule it
/// names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Clause {
    /// The id, such as `BE-021`.
    pub id: &'static str,
    /// The rule, in one sentence or two.
    pub rule: &'static str,
}

macro_rules! clauses {
    ($($id:literal => $rule:literal,)+) => {
        /// Every clause id a check cites, with its rule. A failing check
        /// prints the rule next to the id.
        ///
        /// | Clause | Rule |
        /// |---|---|
        $(#[doc = concat!("| `", $id, "` | ", $rule, " |")])+
        pub const CLAUSES: &[Clause] = &[$(Clause { id: $id, rule: $rule }),+];
    };
}

clauses! {
    "AW-001" => "An atomic write is all or nothing: readers see the old content or the whole new content, never part of it.",
    "AW-004" => "A failed atomic write leaves nothing behind: no partial file and no temporary artefact in any listing.",
    "AW-005" => "An atomic write creates missing parent folders, like a plain write.",
    "BE-003" => "`capabilities()` is stable: the same set on every call and on every fresh instance, matching what the suite was told the backend lacks.",
    "BE-004" => "Every operation has its documented effect and answer: a write makes the file exist with its content and stamps its modification time, a delete removes it, a move or copy places it (an atomic move keeps the modification time), a probe answers truthfully, a listed `FileInfo` agrees with `get_file_info`, and `Debug` names the backend without dumping content.",
    "BE-008" => "A write checks in this order: `InvalidPath` for the root, an existing folder (even with overwrite) or a file-ancestor; then `AlreadyExists` for an existing file without overwrite; then I/O. A refused write changes nothing.",
    "BE-009" => "A write creates the missing intermediate folders of its path.",
    "BE-014" => "Listing a missing path, a file, or a path under a file yields nothing; it never fails with `NotFound`. Listings yield each entry once, with its full path and name.",
    "BE-020" => "After `close()`, a terminal backend (`close_is_terminal`) answers `BackendUnavailable` to every call; a reusable one keeps working. `close()` is idempotent.",
    "BE-021" => "Errors are the crate's typed kinds and name the path: a file operation on a folder (or a folder operation on a file) is `InvalidPath`, a missing path `NotFound`, a non-recursive `delete_folder` of a non-empty folder `DirectoryNotEmpty`; a type mismatch outranks not-found and `missing_ok`; only `exists`, `is_file` and `is_folder` answer `false` instead of failing.",
    "BE-023" => "`to_key` strips the backend's own root or prefix, passes plain keys through, never fails, and gives the same answer every time.",
    "BE-025" => "`native_path` and `to_key` round-trip, and both spellings of the root (`\"\"` and `\".\"`) map to the same native path.",
    "BE-027" => "The `Store` enforces capability gates: a method whose capability the backend does not declare is refused with `CapabilityNotSupported` before the backend is called.",
    "BE-028" => "A thread-safe backend can be shared across threads: each operation is atomic with respect to the others, and concurrent reads and writes see whole contents.",
    "BE-029" => "The root (`\"\"` or `\".\"`) is a folder that always exists; file operations on it (read, info, delete, move, copy, write) are `InvalidPath`.",
    "BK-192" => "`rename` and `copy` carry the source's user metadata to the destination (`None` stays `None`).",
    "CAP-002" => "`CapabilitySet::require` passes for a declared capability and refuses an undeclared one with `CapabilityNotSupported`.",
    "GLOB-003" => "A native `glob` yields the matching files only (no folders), with backend-relative paths; without `GLOB` declared it is refused with `CapabilityNotSupported`.",
    "GLOB-004" => "In a glob, `**` matches zero or more whole path segments.",
    "GLOB-017" => "A glob that matches nothing yields an empty result, not an error.",
    "ID-209" => "A path with a file-ancestor (some proper ancestor is a file) does not exist: probes answer `false`, reads and deletes are `NotFound`, writes are `InvalidPath`.",
    "ITER-004" => "`iter_children` yields each immediate file and folder exactly once, files as files and folders as folders; order and interleaving are unspecified.",
    "PING-008" => "`check_health` succeeds on a usable backend without changing anything.",
    "SAW-001" => "`open_atomic` gives a writer whose bytes appear at the path only on `commit()`; dropping it without commit leaves nothing, and `position()` counts the bytes written.",
    "SAW-012" => "`open_atomic` applies the write preconditions: `AlreadyExists` at open for an existing file without overwrite; the others at open or at commit.",
    "SIO-001" => "A read stream starts at byte 0, yields exactly the file's content in chunks of any size, returns empty reads at the end, and a seekable stream seeks.",
    "SIO-003" => "Write content given as a reader is consumed from its current position to its end; a reader that fails makes the write fail and leaves the backend unchanged.",
    "WR-001a" => "A write result agrees with `get_file_info` afterwards: the same size, and the same modification time when both are set.",
    "WR-004" => "A write result's source is `Native` if and only if the backend declares `WRITE_RESULT_NATIVE`.",
    "WR-005" => "A `Basic` write result has only path, size and metadata; digest, etag, version and time are `None`.",
    "WR-009" => "A native write result reports the modification time the backend stored.",
    "WR-012" => "A write result echoes the caller's metadata when the `USER_METADATA` gate passed, and `None` for none or an empty map.",
    "WR-013" => "Stored user metadata round-trips through `get_file_info` (and survives rename and copy); an overwrite replaces the whole map, even with none; without `USER_METADATA` it is `None`.",
}

/// The rule of clause `id`, when [`CLAUSES`] defines it.
pub fn rule_of(id: &str) -> Option<&'static str> {
    CLAUSES.iter().find(|c| c.id == id).map(|c| c.rule)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The string literals in `source` shaped like a clause id (`AB-123`,
    /// `ABCD-123a`).
    fn cited_ids(source: &str) -> Vec<String> {
        source
            .split('"')
            .skip(1)
            .step_by(2)
            .filter(|s| {
                let Some((prefix, number)) = s.split_once('-') else {
                    return false;
                };
                let digits = number.trim_end_matches(|c: char| c.is_ascii_lowercase());
                (2..=4).contains(&prefix.len())
                    && prefix.bytes().all(|b| b.is_ascii_uppercase())
                    && digits.len() == 3
                    && digits.bytes().all(|b| b.is_ascii_digit())
            })
            .map(str::to_owned)
            .collect()
    }

    #[test]
    fn every_clause_a_check_cites_is_defined() {
        let mut dirs = vec![std::path::PathBuf::from(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/src/conformance"
        ))];
        let mut files = Vec::new();
        while let Some(dir) = dirs.pop() {
            for entry in std::fs::read_dir(dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    dirs.push(path);
                } else {
                    files.push(path);
                }
            }
        }
        let mut undefined = Vec::new();
        let mut cited = 0;
        for path in files {
            if path.extension().is_some_and(|e| e == "rs") && !path.ends_with("clauses.rs") {
                for id in cited_ids(&std::fs::read_to_string(&path).unwrap()) {
                    cited += 1;
                    if rule_of(&id).is_none() {
                        undefined.push(format!("{id} ({})", path.display()));
                    }
                }
            }
        }
        assert!(
            cited > 100,
            "found only {cited} citations: is the scan broken?"
        );
        assert!(
            undefined.is_empty(),
            "clauses cited but not defined in CLAUSES: {undefined:?}"
        );
    }

    #[test]
    fn a_failure_quotes_the_rule_next_to_the_id() {
        let panic = std::panic::catch_unwind(|| {
            crate::conformance::support::fail("BE-009", "is_folder(\"a\")", true, false)
        })
        .unwrap_err();
        let message = panic.downcast_ref::<String>().unwrap();
        assert_eq!(
            message,
            "[BE-009] is_folder(\"a\")\n      rule: A write creates the missing intermediate \
             folders of its path.\n  expected: true\n     found: false"
        );
    }

    #[test]
    fn ids_are_unique_and_rules_are_sentences() {
        for (i, clause) in CLAUSES.iter().enumerate() {
            assert!(
                !CLAUSES[..i].iter().any(|c| c.id == clause.id),
                "{} twice",
                clause.id
            );
            assert!(clause.rule.ends_with('.'), "{}", clause.id);
        }
        assert_eq!(
            cited_ids(r#"x("BE-021", "a", "WR-001a", "no-001", "AB-12")"#),
            ["BE-021", "WR-001a"]
        );
    }
}
