//! What the end-to-end tests share: the project's folders and the `plan` binary with a clean environment.

#![allow(dead_code)] // each test file uses its own part

pub mod docx;

use assert_cmd::Command;
use std::io::Read;
use std::path::{Path, PathBuf};

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

/// The `plan` binary as a plain process (no catalogue or language from the environment) whose address space
/// is capped at `bytes` on Linux, so that a test shows reading stays within a memory bound; elsewhere uncapped.
pub fn plan_capped(bytes: u64) -> std::process::Command {
    let mut command = std::process::Command::new(assert_cmd::cargo::cargo_bin("plan"));
    command.env_remove("PLAN_CATALOGUE").env_remove("PLAN_LANG");
    #[cfg(target_os = "linux")]
    {
        use std::os::unix::process::CommandExt;
        // SAFETY: setrlimit only touches the child between fork and exec.
        unsafe {
            command.pre_exec(move || {
                let limit = libc::rlimit { rlim_cur: bytes, rlim_max: bytes };
                if libc::setrlimit(libc::RLIMIT_AS, &limit) != 0 {
                    return Err(std::io::Error::last_os_error());
                }
                Ok(())
            });
        }
    }
    #[cfg(not(target_os = "linux"))]
    let _ = bytes;
    command
}

/// The health office's one-unit form for Lộc Yên (18520), 2024: the form the tests fill as a clerk would.
pub fn loc_yen_health_form(catalogue: &plan::catalogue::Catalogue) -> plan::template::Spec<'_> {
    loc_yen_form(catalogue, "y-te")
}

/// An office's one-unit form for Lộc Yên (18520), 2024.
pub fn loc_yen_form<'c>(catalogue: &'c plan::catalogue::Catalogue, office: &str) -> plan::template::Spec<'c> {
    use plan::template::{Layout, Reporter, Scope, Spec};
    Spec {
        scope: Scope::Office(catalogue.office(office).unwrap()),
        layout: Layout::Unit,
        reporter: Some(Reporter::Unit(catalogue.unit("18520", 2024).unwrap())),
        year: Some(2024),
    }
}

/// Every XML part of a .xlsx or .docx, concatenated.
pub fn xml_of(bytes: &[u8]) -> String {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut all = String::new();
    for i in 0..zip.len() {
        let mut part = zip.by_index(i).unwrap();
        if part.name().is_ok_and(|n| n.ends_with(".xml")) {
            part.read_to_string(&mut all).unwrap();
        }
    }
    all
}

/// Every XML part of every .xlsx/.docx under `dir` (and its folders), concatenated.
pub fn xml_under(dir: &Path) -> String {
    let mut all = String::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            all.push_str(&xml_under(&path));
        } else if matches!(path.extension().and_then(|e| e.to_str()), Some("xlsx" | "docx")) {
            all.push_str(&xml_of(&std::fs::read(&path).unwrap()));
        }
    }
    all
}

/// Lộc Yên's workbook of `office` for 2024 filled in as a clerk would (every count 10, no deaths, every
/// yes/no «Có»), with `value` for `code`: the name `plan template` gives it, and its bytes.
pub fn loc_yen_filled(
    catalogue: &plan::catalogue::Catalogue,
    office: &str,
    code: &str,
    value: f64,
) -> (String, Vec<u8>) {
    use plan::catalogue::ElementType;
    use plan::submission::{Field, Raw};
    let spec = loc_yen_form(catalogue, office);
    let mut notes = plan::template::Annotations::default();
    notes.fields.insert(Field::Date, Raw::Date(45_580.0));
    notes.fields.insert(Field::Preparer, Raw::Text("Nguyễn Thị Hoa".into()));
    for element in spec.elements(catalogue) {
        let raw = match (element.kind, element.code.as_str()) {
            (_, c) if c == code => Raw::Number(value),
            (ElementType::YesNo, _) => Raw::Text("Có".into()),
            (_, c) if c.contains("tu_vong") => Raw::Number(0.0),
            _ => Raw::Number(10.0),
        };
        notes.values.insert((None, element.code.clone()), raw);
    }
    (spec.file_name(catalogue), plan::template::build_annotated(catalogue, &spec, &notes).unwrap())
}

/// Which of `words` (lower case) `text` holds, ignoring case.
pub fn words_in(text: &str, words: &[&'static str]) -> Vec<&'static str> {
    let lower = text.to_lowercase();
    words.iter().copied().filter(|w| lower.contains(w)).collect()
}

/// `plan --catalogue CATALOGUE ARGS`, run in `dir`: exit code, stdout, and stdout with stderr with every run
/// of white space one space (words wrapped at the terminal's width read whole).
pub fn run_with_catalogue(dir: &Path, catalogue: &Path, args: &[&str]) -> (Option<i32>, String, String) {
    let out = plan().current_dir(dir).arg("--catalogue").arg(catalogue).args(args).output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    let all = format!("{stdout}{}", String::from_utf8_lossy(&out.stderr));
    (out.status.code(), stdout, all.split_whitespace().collect::<Vec<_>>().join(" "))
}

/// Copies the files of folder `from` whose names `keep` accepts into `to` (made if needed), in name order.
pub fn copy_files(from: &Path, to: &Path, keep: impl Fn(&str) -> bool) {
    std::fs::create_dir_all(to).unwrap();
    let mut files: Vec<PathBuf> = std::fs::read_dir(from).unwrap().map(|e| e.unwrap().path()).collect();
    files.sort();
    for path in files {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if keep(&name) {
            std::fs::copy(&path, to.join(&name)).unwrap();
        }
    }
}

/// The first file name of folder `dir`, in name order.
pub fn first_file_name(dir: &Path) -> String {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names.swap_remove(0)
}
