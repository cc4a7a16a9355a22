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
fn a_catalogue_of_the_earlier_format_loads_and_is_refused_only_for_dhis2() {
    // Its units that reuse a code have no `dhis2_id` yet: `catalogue check` says so as errors that block the
    // DHIS2 export alone; every other problem would be a change of meaning.
    let old = root().join("tests/fixtures/catalogue/format-2026-12.toml");
    let out = plan().args(["catalogue", "check", "--format", "json"]).arg(&old).output().unwrap();
    let json: Value = serde_json::from_slice(&out.stdout).unwrap();
    let errors: Vec<&Value> =
        json["problems"].as_array().unwrap().iter().filter(|p| p["severity"] == "error").collect();
    assert_eq!(errors.len(), 7, "{json:#}");
    assert!(errors.iter().all(|p| p["only_dhis2"] == true), "{json:#}");
    for command in [&["catalogue", "--units"][..], &["template", "--all", "--year", "2024", "-o"]] {
        let dir = tempfile::tempdir().unwrap();
        let mut cmd = plan();
        cmd.arg("--catalogue").arg(&old).args(command);
        if command[0] == "template" {
            cmd.arg(dir.path());
        }
        let out = cmd.output().unwrap();
        assert!(out.status.success(), "{command:?}: {}", String::from_utf8_lossy(&out.stderr));
    }
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
