//! The catalogue: every conformance case, listed once.
//!
//! Each line is `group::check: kind [capabilities] [requirements];` where
//! `kind` says whether the check takes one backend (`backend`) or a factory
//! of fresh backends (`factory`), `capabilities` are the ones the case needs
//! declared, and `requirements` are the suite settings it needs
//! ([`Requirement`](super::Requirement), in snake case).
//!
//! `__conformance_for_each_case!` hands this list to a callback macro: the
//! crate's runtime registry ([`CASES`](super::CASES)) and the generated tests
//! of `conformance_suite!` are both built from it. It hands over, too, why a
//! case is skipped when a requirement is unmet (the one definition of each
//! reason), and whatever follows the config (`conformance_suite!` passes the
//! capability names of `__for_each_capability!` there).

/// Invokes `callback! { config capabilities { extra } lacking = "...";
/// requirements { ... } case; case; ... }` with every case. Hidden: an
/// implementation detail of `conformance_suite!`.
#[doc(hidden)]
#[macro_export]
macro_rules! __conformance_for_each_case {
    ([$($callback:tt)*] $config:tt $($capabilities:tt)*) => {
        $($callback)* ! {
            $config
            capabilities { $($capabilities)* }
            // A case needing capabilities the backend lacks is skipped with
            // this, then their names.
            lacking = "backend lacks";
            requirements {
                hierarchical = "backend has a flat namespace";
                self_operations = "backend does not support self-operations";
                rejects_write_under_file_ancestor = "backend does not reject writes under a file ancestor";
                documented_order = "backend promises no listing order";
                thread_safe = "backend is single-connection, not thread-safe";
            }

            identity::name_is_not_empty_and_stable: backend [] [];
            identity::capabilities_are_stable: backend [] [];
            identity::fresh_instances_declare_the_same_capabilities: factory [] [];
            identity::declared_lacks_match_capabilities: factory [] [];
            identity::require_refuses_exactly_the_undeclared: backend [] [];
            identity::store_refuses_undeclared_capabilities: factory [] [];
            identity::debug_names_the_backend: backend [] [];
            identity::debug_does_not_dump_content: backend [WRITE] [];
            identity::glob_answers_according_to_the_declaration: backend [] [];
            identity::native_path_round_trips_through_to_key: backend [] [];
            identity::native_path_of_the_root_spellings_agree: backend [] [];
            identity::to_key_is_deterministic: backend [] [];
            identity::to_key_passes_plain_keys_through: backend [] [];
            identity::to_key_round_trips_listed_paths: backend [WRITE LIST READ] [];

            io::exists_is_false_for_a_missing_path: backend [] [];
            io::exists_is_true_after_a_write: backend [WRITE] [];
            io::exists_is_false_after_a_delete: backend [WRITE DELETE] [];
            io::a_written_file_is_a_file_not_a_folder: backend [WRITE] [];
            io::the_parent_of_a_written_file_is_a_folder: backend [WRITE] [];
            io::is_file_is_false_for_a_missing_path: backend [] [];
            io::is_folder_is_false_for_a_missing_path: backend [] [];
            io::exists_is_false_under_a_file: backend [WRITE] [];
            io::is_file_is_false_under_a_file: backend [WRITE] [];
            io::is_folder_is_false_under_a_file: backend [WRITE] [];
            io::probes_treat_type_conflicts_like_missing_paths: backend [WRITE] [];
            io::read_returns_a_stream_of_the_content: backend [WRITE READ] [];
            io::read_bytes_returns_the_content: backend [WRITE READ] [];
            io::read_of_a_missing_path_is_not_found: backend [READ] [];
            io::read_bytes_of_a_missing_path_is_not_found: backend [READ] [];
            io::write_creates_a_file: backend [WRITE READ] [];
            io::write_without_overwrite_is_already_exists: backend [WRITE READ] [];
            io::write_with_overwrite_replaces_the_content: backend [WRITE READ] [];
            io::write_creates_intermediate_folders: backend [WRITE] [];
            io::delete_removes_the_file: backend [WRITE DELETE] [];
            io::delete_keeps_the_siblings: backend [WRITE DELETE READ] [];
            io::delete_folder_removes_an_emptied_folder: backend [WRITE DELETE] [hierarchical];
            io::delete_folder_recursive_removes_the_tree: backend [WRITE DELETE] [];
            io::delete_of_a_missing_file_is_not_found: backend [DELETE] [];
            io::delete_of_a_missing_file_with_missing_ok_passes: backend [DELETE] [];
            io::delete_folder_of_a_missing_folder_is_not_found: backend [DELETE] [];
            io::delete_folder_of_a_missing_folder_with_missing_ok_passes: backend [DELETE] [];
            io::round_trip_empty: backend [WRITE READ] [];
            io::round_trip_binary: backend [WRITE READ] [];
            io::round_trip_text: backend [WRITE READ] [];
            io::round_trip_large: backend [WRITE READ] [];
            io::listed_files_carry_their_name: backend [WRITE LIST] [];
            io::file_info_size_is_the_written_length: backend [WRITE METADATA] [];

            root::the_root_is_a_folder: backend [LIST] [];
            root::the_root_is_a_folder_with_content: backend [LIST WRITE] [];
            root::folder_info_of_the_root_aggregates_everything: backend [LIST WRITE METADATA] [];
            root::folder_info_of_an_empty_root_is_zero: backend [LIST METADATA] [];
            root::read_of_the_root_is_invalid_path: backend [LIST READ] [];
            root::read_bytes_of_the_root_is_invalid_path: backend [LIST READ] [];
            root::read_seekable_of_the_root_is_invalid_path: backend [LIST READ] [];
            root::file_info_of_the_root_is_invalid_path: backend [LIST METADATA] [];
            root::delete_of_the_root_is_invalid_path: backend [LIST DELETE] [];
            root::rename_from_the_root_is_invalid_path: backend [LIST MOVE] [];
            root::copy_from_the_root_is_invalid_path: backend [LIST COPY] [];
            root::delete_of_the_root_with_missing_ok_still_fails: backend [LIST DELETE WRITE READ] [];
            root::write_to_the_root_is_refused: backend [LIST WRITE READ] [];
            root::write_atomic_to_the_root_is_refused: backend [LIST ATOMIC_WRITE WRITE READ] [];
            root::open_atomic_to_the_root_is_refused: backend [LIST ATOMIC_WRITE WRITE READ] [];
            root::write_to_the_root_outranks_a_failing_reader: backend [LIST WRITE READ] [];
            root::write_atomic_to_the_root_outranks_a_failing_reader: backend [LIST ATOMIC_WRITE WRITE READ] [];
            root::rename_to_the_root_is_refused: backend [LIST MOVE WRITE] [];
            root::copy_to_the_root_is_refused: backend [LIST COPY WRITE] [];

            listing::list_files_non_recursive: backend [LIST WRITE] [];
            listing::list_files_recursive: backend [LIST WRITE] [];
            listing::list_folders_yields_immediate_folders: backend [LIST WRITE] [];
            listing::iter_children_yields_files_and_folders: backend [LIST WRITE] [];
            listing::iter_children_of_a_missing_path_is_empty: backend [LIST] [];
            listing::iter_children_with_only_files: backend [LIST WRITE] [];
            listing::iter_children_with_only_folders: backend [LIST WRITE] [];
            listing::list_files_max_depth_0: backend [LIST WRITE] [];
            listing::list_files_max_depth_1: backend [LIST WRITE] [];
            listing::list_files_max_depth_2: backend [LIST WRITE] [];
            listing::list_files_max_depth_3: backend [LIST WRITE] [];
            listing::list_files_unlimited_depth: backend [LIST WRITE] [];
            listing::list_files_non_recursive_skips_subfolders: backend [LIST WRITE] [];
            listing::list_files_of_the_root: backend [LIST WRITE] [];
            listing::list_files_of_a_missing_path_is_empty: backend [LIST] [];
            listing::list_files_yields_only_children: backend [LIST WRITE] [];
            listing::list_files_under_a_file_is_empty: backend [LIST WRITE] [];
            listing::list_folders_of_a_missing_path_is_empty: backend [LIST] [];
            listing::list_folders_completeness: backend [LIST WRITE] [];
            listing::list_folders_under_a_file_is_empty: backend [LIST WRITE] [];
            listing::glob_matches_within_a_segment: backend [GLOB WRITE] [];
            listing::glob_double_star_matches_zero_segments: backend [GLOB WRITE] [];
            listing::glob_double_star_matches_one_segment: backend [GLOB WRITE] [];
            listing::glob_yields_files_only: backend [GLOB WRITE] [];

            metadata::file_info_describes_the_file: backend [WRITE METADATA] [];
            metadata::folder_info_counts_files_and_bytes: backend [WRITE METADATA] [];
            metadata::folder_info_counts_the_subtree_not_the_folders: backend [WRITE METADATA] [];
            metadata::file_info_of_a_missing_path_is_not_found: backend [METADATA] [];
            metadata::folder_info_of_a_missing_path_is_not_found: backend [METADATA] [];
            metadata::rename_keeps_the_modification_time: backend [WRITE MOVE METADATA ATOMIC_MOVE] [];
            metadata::an_overwrite_does_not_move_the_modification_time_backwards: backend [WRITE METADATA] [];
            metadata::listed_file_info_matches_get_file_info: backend [WRITE LIST METADATA] [];
            metadata::an_overwrite_replaces_the_whole_metadata: backend [WRITE USER_METADATA METADATA] [];

            errors::read_of_a_folder_is_invalid_path: backend [WRITE READ] [hierarchical];
            errors::read_bytes_of_a_folder_is_invalid_path: backend [WRITE READ] [hierarchical];
            errors::read_under_a_file_is_not_found: backend [WRITE READ] [];
            errors::read_bytes_under_a_file_is_not_found: backend [WRITE READ] [];
            errors::write_onto_a_folder_is_invalid_path: backend [WRITE READ] [];
            errors::write_onto_a_folder_with_overwrite_is_invalid_path: backend [WRITE READ] [];
            errors::write_atomic_onto_a_folder_is_invalid_path: backend [ATOMIC_WRITE WRITE READ] [];
            errors::write_under_a_file_is_invalid_path: backend [WRITE READ] [rejects_write_under_file_ancestor];
            errors::write_atomic_under_a_file_is_invalid_path: backend [ATOMIC_WRITE WRITE READ] [rejects_write_under_file_ancestor];
            errors::open_atomic_under_a_file_is_invalid_path: backend [ATOMIC_WRITE WRITE LIST READ] [rejects_write_under_file_ancestor];
            errors::delete_of_a_folder_is_invalid_path: backend [WRITE DELETE READ] [];
            errors::delete_of_a_folder_with_missing_ok_is_invalid_path: backend [WRITE DELETE READ] [];
            errors::delete_under_a_file_is_not_found: backend [WRITE DELETE READ] [];
            errors::delete_folder_of_a_file_is_invalid_path: backend [WRITE DELETE READ] [];
            errors::delete_folder_of_a_file_with_missing_ok_is_invalid_path: backend [WRITE DELETE READ] [];
            errors::delete_folder_of_a_non_empty_folder_is_directory_not_empty: backend [WRITE DELETE READ] [];
            errors::delete_folder_under_a_file_is_not_found: backend [WRITE DELETE READ] [];
            errors::delete_folder_of_a_folder_with_an_empty_subfolder_is_directory_not_empty: backend [WRITE DELETE] [hierarchical];
            errors::delete_folder_recursive_leaves_no_child: backend [WRITE DELETE LIST] [];
            errors::file_info_of_a_folder_is_invalid_path: backend [WRITE METADATA] [];
            errors::file_info_under_a_file_is_not_found: backend [WRITE METADATA] [];
            errors::folder_info_of_a_file_is_invalid_path: backend [WRITE METADATA] [];
            errors::folder_info_under_a_file_is_not_found: backend [WRITE METADATA] [];
            errors::rename_of_a_folder_is_invalid_path: backend [WRITE MOVE] [];
            errors::copy_of_a_folder_is_invalid_path: backend [WRITE COPY] [];
            errors::rename_onto_a_folder_is_invalid_path: backend [WRITE MOVE READ] [];
            errors::copy_onto_a_folder_is_invalid_path: backend [WRITE COPY READ] [];
            errors::rename_under_a_file_is_invalid_path: backend [WRITE MOVE LIST READ] [rejects_write_under_file_ancestor];
            errors::copy_under_a_file_is_invalid_path: backend [WRITE COPY LIST READ] [rejects_write_under_file_ancestor];
            errors::rename_of_a_missing_source_outranks_the_destination: backend [WRITE MOVE] [];
            errors::copy_of_a_missing_source_outranks_the_destination: backend [WRITE COPY] [];

            atomic::write_atomic_creates_a_file: backend [ATOMIC_WRITE READ] [];
            atomic::write_atomic_creates_intermediate_folders: backend [ATOMIC_WRITE] [];
            atomic::write_atomic_with_overwrite_replaces: backend [ATOMIC_WRITE WRITE READ] [];
            atomic::write_atomic_without_overwrite_is_already_exists: backend [ATOMIC_WRITE WRITE READ] [];
            atomic::write_atomic_failing_content_leaves_nothing: backend [ATOMIC_WRITE LIST] [];
            atomic::write_failing_content_leaves_nothing: backend [WRITE LIST] [];
            atomic::open_atomic_publishes_on_commit: backend [ATOMIC_WRITE READ] [];
            atomic::open_atomic_with_overwrite_replaces: backend [ATOMIC_WRITE WRITE READ] [];
            atomic::open_atomic_without_overwrite_is_already_exists: backend [ATOMIC_WRITE WRITE READ] [];
            atomic::open_atomic_dropped_leaves_nothing: backend [ATOMIC_WRITE LIST] [];
            atomic::open_atomic_dropped_keeps_the_old_content: backend [ATOMIC_WRITE WRITE READ] [];
            atomic::open_atomic_commit_rechecks_the_target: backend [ATOMIC_WRITE WRITE READ] [];
            atomic::a_concurrent_reader_never_sees_a_partial_write_atomic: backend [ATOMIC_WRITE WRITE READ] [thread_safe];
            atomic::concurrent_creates_without_overwrite_let_exactly_one_win: backend [ATOMIC_WRITE WRITE READ] [thread_safe];

            write_result::write_result_has_path_and_size: backend [WRITE] [];
            write_result::write_atomic_result_has_path_and_size: backend [ATOMIC_WRITE] [];
            write_result::streamed_write_result_counts_every_byte: backend [ATOMIC_WRITE] [];
            write_result::write_result_source_matches_the_declaration: backend [WRITE] [];
            write_result::write_atomic_result_source_matches_the_declaration: backend [ATOMIC_WRITE] [];
            write_result::write_result_fields_imply_their_capability: backend [WRITE] [];
            write_result::write_atomic_result_fields_imply_their_capability: backend [ATOMIC_WRITE] [];
            write_result::write_result_matches_file_info: backend [WRITE METADATA] [];
            write_result::write_atomic_result_matches_file_info: backend [ATOMIC_WRITE METADATA] [];
            write_result::large_write_result_matches_file_info: backend [WRITE METADATA] [];
            write_result::large_write_atomic_result_matches_file_info: backend [ATOMIC_WRITE METADATA] [];
            write_result::write_result_echoes_metadata: backend [WRITE USER_METADATA] [];
            write_result::write_atomic_result_echoes_metadata: backend [ATOMIC_WRITE USER_METADATA] [];
            write_result::write_result_metadata_is_none_when_not_passed: backend [WRITE] [];
            write_result::write_atomic_result_metadata_is_none_when_not_passed: backend [ATOMIC_WRITE] [];
            write_result::metadata_round_trips_through_file_info: backend [WRITE USER_METADATA METADATA] [];
            write_result::metadata_round_trips_through_file_info_atomically: backend [ATOMIC_WRITE USER_METADATA METADATA] [];
            write_result::file_info_metadata_is_none_without_metadata: backend [WRITE METADATA] [];
            write_result::metadata_survives_rename: backend [WRITE MOVE USER_METADATA METADATA] [];
            write_result::metadata_survives_copy: backend [WRITE COPY USER_METADATA METADATA] [];

            move_copy::rename_moves_the_content: backend [WRITE MOVE READ] [];
            move_copy::copy_copies_the_content: backend [WRITE COPY READ] [];
            move_copy::rename_of_a_missing_source_is_not_found: backend [MOVE] [];
            move_copy::copy_of_a_missing_source_is_not_found: backend [COPY] [];
            move_copy::rename_without_overwrite_is_already_exists: backend [WRITE MOVE READ] [];
            move_copy::copy_without_overwrite_is_already_exists: backend [WRITE COPY READ] [];
            move_copy::rename_with_overwrite_replaces_the_destination: backend [WRITE MOVE READ] [];
            move_copy::copy_with_overwrite_replaces_the_destination: backend [WRITE COPY READ] [];
            move_copy::rename_creates_destination_parents: backend [WRITE MOVE READ] [];
            move_copy::copy_creates_destination_parents: backend [WRITE COPY READ] [];
            move_copy::rename_keeps_the_source_folder: backend [WRITE MOVE] [hierarchical];
            move_copy::rename_onto_itself_keeps_the_data: backend [WRITE MOVE READ] [self_operations];
            move_copy::copy_onto_itself_keeps_the_data: backend [WRITE COPY READ] [self_operations];
            move_copy::rename_of_a_missing_path_onto_itself_is_not_found: backend [MOVE] [self_operations];
            move_copy::copy_of_a_missing_path_onto_itself_is_not_found: backend [COPY] [self_operations];
            move_copy::rename_of_a_folder_onto_itself_is_invalid_path: backend [WRITE MOVE READ] [hierarchical self_operations];
            move_copy::copy_of_a_folder_onto_itself_is_invalid_path: backend [WRITE COPY READ] [hierarchical self_operations];

            streaming::read_stream_supports_chunked_reads: backend [WRITE READ] [];
            streaming::read_stream_at_eof_returns_nothing: backend [WRITE READ] [];
            streaming::read_stream_starts_at_zero: backend [WRITE READ] [];
            streaming::dropped_read_stream_releases_the_file: backend [WRITE READ DELETE] [];
            streaming::write_from_a_reader_streams_the_content: backend [WRITE READ] [];
            streaming::write_reads_from_the_current_position: backend [WRITE READ] [];
            streaming::read_is_seekable_when_declared: backend [SEEKABLE_READ WRITE READ] [];
            streaming::read_seekable_seeks: backend [WRITE READ] [];
            streaming::read_streams_a_large_file_in_chunks: backend [WRITE READ] [];
            streaming::read_seekable_seeks_from_current_and_end: backend [WRITE READ] [];

            concurrency::concurrent_reads_are_consistent: backend [WRITE READ] [thread_safe];
            concurrency::concurrent_writes_to_distinct_keys_all_land: backend [WRITE READ] [thread_safe];
            concurrency::concurrent_read_after_write_is_consistent: backend [WRITE READ] [thread_safe];
            concurrency::concurrent_large_streamed_uploads: backend [ATOMIC_WRITE READ] [thread_safe];
            concurrency::one_instance_per_thread_works: factory [WRITE READ] [];

            close::close_is_idempotent: backend [] [];
            close::close_posture_of_a_probe: backend [] [];
            close::close_posture_outranks_root_read_rejection: backend [READ] [];
            close::close_posture_outranks_root_write_rejection: backend [WRITE] [];
            close::close_posture_outranks_the_root_probes: backend [LIST] [];
            close::a_reusable_backend_keeps_working_after_close: backend [WRITE READ] [];

            health::check_health_is_ok_or_a_typed_error: backend [] [];

            traps::listing_a_file_path_is_empty: backend [WRITE LIST] [];
            traps::prefix_siblings_do_not_leak_into_a_listing: backend [WRITE LIST] [];
            traps::prefix_siblings_do_not_leak_into_folder_info: backend [WRITE METADATA] [];
            traps::prefix_siblings_survive_a_recursive_delete: backend [WRITE DELETE READ] [];
            traps::a_name_prefix_is_not_a_folder: backend [WRITE LIST] [];
            traps::an_empty_folder_survives: backend [WRITE DELETE LIST METADATA] [hierarchical];
            traps::a_file_over_a_folder_is_refused: backend [WRITE LIST READ] [];
            traps::a_folder_over_a_file_is_refused: backend [WRITE LIST READ] [rejects_write_under_file_ancestor];
            traps::the_root_is_never_a_file: backend [WRITE DELETE LIST] [];
            traps::listings_have_no_duplicates: backend [WRITE LIST] [];
            traps::implied_folders_appear_level_by_level: backend [WRITE LIST] [];

            inputs::names_with_spaces_and_leading_dots_round_trip: backend [WRITE READ LIST] [];
            inputs::unicode_normalization_forms_are_distinct_names: backend [WRITE READ LIST] [];
            inputs::case_only_differences_are_distinct_names: backend [WRITE READ LIST] [];
            inputs::prefix_names_stay_distinct_at_every_depth: backend [WRITE READ LIST] [];
            inputs::files_4_to_6_levels_deep_are_listed_and_deleted: backend [WRITE LIST] [];
            inputs::streamed_writes_across_64_kib_boundaries_round_trip: backend [WRITE READ] [];
            inputs::write_atomic_streams_across_64_kib_boundaries: backend [ATOMIC_WRITE READ] [];
            inputs::open_atomic_payloads_across_64_kib_boundaries_round_trip: backend [ATOMIC_WRITE READ] [];

            order::list_files_is_sorted_by_name: backend [LIST WRITE] [documented_order];
            order::recursive_list_files_is_depth_first_pre_order: backend [LIST WRITE] [documented_order];
            order::list_folders_is_sorted_by_name: backend [LIST WRITE] [documented_order];
            order::iter_children_is_sorted_by_name: backend [LIST WRITE] [documented_order];

            atomic::write_of_failing_content_to_a_refused_path_changes_nothing: backend [WRITE LIST READ] [];
            atomic::write_atomic_of_failing_content_to_a_refused_path_changes_nothing: backend [ATOMIC_WRITE WRITE LIST READ] [];
            move_copy::store_self_transfer_of_a_folder_is_invalid_path: factory [WRITE MOVE COPY READ] [];
        }
    };
}
