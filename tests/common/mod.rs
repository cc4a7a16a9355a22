//! What the end-to-end tests share: the project's folders and the `plan` binary with a clean environment.

#![allow(dead_code)] // each test file uses its own part

use assert_cmd::Command;
use std::path::PathBuf;

/// The project's root folder.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The workbooks `plan validate` is tested on.
pub fn fixtures() -> PathBuf {
    root().join("tests/fixtures/validate")
}

/// The `plan` binary, with no catalogue or language from the environment.
pub fn plan() -> Command {
    let mut cmd = Command::cargo_bin("plan").unwrap();
    cmd.env_remove("PLAN_CATALOGUE").env_remove("PLAN_LANG");
    cmd
}

/// [`plan`], run from the project's root folder.
pub fn plan_at_root() -> Command {
    let mut cmd = plan();
    cmd.current_dir(root());
    cmd
}
