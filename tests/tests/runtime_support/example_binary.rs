//! Where `cargo test` puts the examples: `target/<profile>/examples/`.

use std::path::PathBuf;

/// `target/<profile>/examples/<name>`, next to the running test's `deps/`
/// folder; fails the test when `cargo test` did not build it.
pub fn example_binary(name: &str) -> PathBuf {
    let exe = std::env::current_exe().unwrap();
    let profile_dir = exe.parent().and_then(|deps| deps.parent()).unwrap();
    let binary = profile_dir
        .join("examples")
        .join(format!("{name}{}", std::env::consts::EXE_SUFFIX));
    assert!(
        binary.exists(),
        "cargo test builds the examples; {} is missing",
        binary.display()
    );
    binary
}
