//! Catalogue files written for an earlier release keep loading and mean the same: users have edited copies
//! of `indicators.toml`. `tests/fixtures/catalogue/format-2026-12.toml` is the built-in catalogue as it was
//! on 3 December 2026 (commit 53372db), before offices, area words and unit kinds gained their new keys.

mod common;

use common::{plan, root};
use serde_json::Value;

fn parts(catalogue: Option<&std::path::Path>) -> Vec<Value> {
    let mut cmd = plan();
    cmd.args(["aggregate", "examples/2024", "--format", "json"]).current_dir(root());
    if let Some(path) = catalogue {
        cmd.arg("--catalogue").arg(path);
    }
    let out = cmd.output().unwrap();
    let json: Value = serde_json::from_slice(&out.stdout).unwrap();
    json["parts"].as_array().unwrap().clone()
}

#[test]
fn a_catalogue_of_the_earlier_format_loads_without_error() {
    let old = root().join("tests/fixtures/catalogue/format-2026-12.toml");
    let out = plan().args(["catalogue", "check"]).arg(&old).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stdout));
}

#[test]
fn a_catalogue_of_the_earlier_format_gives_the_same_figures() {
    let old = root().join("tests/fixtures/catalogue/format-2026-12.toml");
    let (before, now) = (parts(Some(&old)), parts(None));
    assert_eq!(before.len(), 35);
    for (a, b) in before.iter().zip(&now) {
        for key in ["id", "numerator", "denominator", "value", "status", "target_used", "coverage"] {
            assert_eq!(a[key], b[key], "{} {key}", a["id"]);
        }
    }
}
