//! Scale benchmark: `cargo bench --bench scale -- [N…]` (default 1000 10000).
//!
//! For each N it makes a synthetic catalogue of N/5 units (the embedded plan with its units replaced),
//! writes N valid single-unit workbooks (5 offices × N/5 units, year 2024), then times whole processes and
//! reads their peak memory (Linux: `wait4` rusage):
//! - `plan aggregate` on the N workbooks, then on 2N (every workbook sent twice: same units, same figures);
//! - the floor: a bare parallel calamine read of every workbook's values, no checks (`scale bare DIR`);
//! - `plan validate` on one workbook (median of 10 runs);
//! - `plan template --all --all-units` for the N/5 units (N workbooks);
//! - with `--openpyxl`, the Python script `benches/openpyxl_sum.py` (openpyxl, read-only, data-only) that sums
//!   the same values — what a user would write instead.
//!
//! Figures are printed as a table; BENCHMARKS.md records them. No figure is asserted anywhere.

use plan::catalogue::{Catalogue, DEFAULT_TOML, ReportLevel, load};
use plan::submission::{Field, Raw};
use plan::template::{self, Annotations, Layout, Reporter, Scope, Spec};
use rayon::prelude::*;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

const OFFICES: [&str; 5] = ["ldtbxh", "tu-phap", "gd-dt", "y-te", "vh-tt"];

/// The embedded catalogue with `units` synthetic xã reporting 2021–2030.
fn synthetic_catalogue(units: usize) -> String {
    let start = DEFAULT_TOML.find("\n[[units]]").expect("units");
    let end = DEFAULT_TOML.find("\n# ---------------------------------------------------------------------------------------------------------\n# Data elements").expect("elements");
    let mut text = String::from(&DEFAULT_TOML[..start]);
    for i in 0..units {
        text.push_str(&format!(
            "\n[[units]]\ncode = \"{}\"\nname = \"Đơn vị thử {}\"\nkind = \"xa\"\nfrom = 2021\nto = 2030\n",
            100_000 + i,
            i + 1
        ));
    }
    text.push_str(&DEFAULT_TOML[end..]);
    text
}

/// Consistent counts for one unit, scaled by `k` (1.0–2.0).
fn values(k: f64) -> Vec<(&'static str, Raw)> {
    let n = |v: f64| Raw::Number((v * k).round());
    let base = [
        ("tre_em", 1500.0),
        ("tre_0_8", 780.0),
        ("tre_0_8_tiep_can_dv", 600.0),
        ("tre_hcdb", 25.0),
        ("tre_hcdb_duoc_tro_giup", 24.0),
        ("tre_5_17", 1300.0),
        ("lao_dong_tre_em", 60.0),
        ("tre_bi_tntt", 8.0),
        ("tre_tu_vong_tntt", 0.0),
        ("tre_gap_thien_tai", 0.0),
        ("tre_gap_thien_tai_duoc_ho_tro", 0.0),
        ("tre_7_15", 840.0),
        ("tre_duoc_hoi_y_kien", 230.0),
        ("tre_biet_quyen_tham_gia", 1150.0),
        ("tre_11_15", 460.0),
        ("tre_tham_gia_mo_hinh", 130.0),
        ("tre_de_song", 110.0),
        ("tu_vong_so_sinh", 0.0),
        ("tu_vong_duoi_1", 1.0),
        ("tu_vong_duoi_5", 1.0),
        ("tre_duoi_1", 108.0),
        ("tre_duoi_1_tcdd", 104.0),
        ("tre_duoi_5", 540.0),
        ("tre_duoi_5_tcdd", 500.0),
        ("can_do_nong_thon", 500.0),
        ("can_do_thanh_thi", 0.0),
        ("suy_dd_can_nang", 40.0),
        ("suy_dd_chieu_cao", 75.0),
        ("beo_phi_nong_thon", 22.0),
        ("beo_phi_thanh_thi", 0.0),
        ("co_so_giao_duc", 3.0),
        ("co_so_co_cong_trinh_vs", 3.0),
        ("truong_ho_tro_tam_ly", 2.0),
        ("truong_phu_hop_khuyet_tat", 1.0),
        ("tre_duoi_5_phat_trien_phu_hop", 360.0),
        ("tre_5_tuoi", 110.0),
        ("tre_5_tuoi_di_mau_giao", 110.0),
        ("hs_lop_5", 115.0),
        ("hs_hoan_thanh_tieu_hoc", 115.0),
        ("hs_lop_9", 110.0),
        ("hs_hoan_thanh_thcs", 108.0),
        ("hs_thcs", 440.0),
        ("hs_thcs_bo_hoc", 0.0),
        ("tre_kt_co_nhu_cau_hoc", 12.0),
        ("tre_kt_duoc_tiep_can_gd", 8.0),
        ("ket_hon_dung_tuoi", 18.0),
        ("tao_hon", 0.0),
        ("tre_duoi_5_dang_ky_khai_sinh", 535.0),
    ];
    let mut out: Vec<(&'static str, Raw)> = base.iter().map(|(c, v)| (*c, n(*v))).collect();
    out.push(("xa_dat_chuan_ptte", Raw::Text("Có".into())));
    out.push(("xa_co_diem_vui_choi", Raw::Text("Có".into())));
    out
}

/// Writes N workbooks for the synthetic catalogue into `dir`.
fn write_submissions(catalogue: &Catalogue, dir: &Path) {
    let units: Vec<_> = catalogue.units_in(2024).collect();
    let jobs: Vec<(usize, &str)> =
        (0..units.len()).flat_map(|u| OFFICES.iter().map(move |o| (u, *o))).collect();
    jobs.par_iter().for_each(|(u, office_id)| {
        let unit = units[*u];
        let office = catalogue.office(office_id).expect("office");
        let spec = Spec {
            scope: Scope::Office(office),
            layout: Layout::Unit,
            reporter: Some(Reporter::Unit(unit)),
            year: Some(2024),
        };
        let mut notes = Annotations::default();
        notes.fields.insert(Field::Unit, Raw::Text(format!("{} ({})", unit.full_name(), unit.code)));
        notes.fields.insert(Field::Year, Raw::Number(2024.0));
        notes.fields.insert(
            Field::Date,
            Raw::Date(plan::catalogue::Date::new(2024, 10, 20).unwrap().excel_serial() as f64),
        );
        let k = 1.0 + (*u % 97) as f64 / 97.0;
        for (code, value) in values(k) {
            if catalogue.element(code).is_some_and(|e| e.office == *office_id && e.level == ReportLevel::Unit)
            {
                notes.values.insert((None, code.to_string()), value);
            }
        }
        let bytes = template::build_annotated(catalogue, &spec, &notes).expect("workbook");
        std::fs::write(dir.join(spec.file_name(catalogue)), bytes).expect("write");
    });
}

/// Wall time and peak resident memory (KiB; 0 where unknown) of a whole child process, which must exit
/// with 0 or 1 (`plan aggregate` exits 1 when a workbook is missing): 2 means it failed.
fn run(command: &mut Command) -> (Duration, u64) {
    command.stdout(std::process::Stdio::null()).stderr(std::process::Stdio::inherit());
    let start = Instant::now();
    let child = command.spawn().expect("spawn");
    let (code, rss) = wait_rss(child);
    assert!(code == 0 || code == 1, "{command:?} failed with exit code {code}");
    (start.elapsed(), rss)
}

/// Runs a command three times and keeps the median by wall time (the first run of a data set also pays
/// for reading it from disk).
fn median3(mut make: impl FnMut() -> Command) -> (Duration, u64) {
    let mut runs: Vec<(Duration, u64)> = (0..3).map(|_| run(&mut make())).collect();
    runs.sort();
    runs[1]
}

#[cfg(unix)]
fn wait_rss(child: std::process::Child) -> (i32, u64) {
    let mut status = 0;
    // SAFETY: rusage is plain data, filled by wait4 for this child.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    unsafe { libc::wait4(child.id() as libc::pid_t, &mut status, 0, &mut usage) };
    (libc::WEXITSTATUS(status), usage.ru_maxrss as u64)
}

#[cfg(not(unix))]
fn wait_rss(mut child: std::process::Child) -> (i32, u64) {
    (child.wait().ok().and_then(|s| s.code()).unwrap_or(2), 0)
}

/// The floor: read every workbook's cells in parallel with calamine and sum the numbers. No checks.
fn bare(dir: &Path) {
    use calamine::{Data, Reader, open_workbook_auto};
    let files: Vec<PathBuf> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).collect();
    let total: f64 = files
        .par_iter()
        .map(|f| {
            let mut workbook = open_workbook_auto(f).unwrap();
            let mut sum = 0.0;
            for name in workbook.sheet_names() {
                if let Ok(range) = workbook.worksheet_range(&name) {
                    sum += range
                        .used_cells()
                        .filter_map(|(_, _, d)| match d {
                            Data::Float(v) => Some(*v),
                            Data::Int(v) => Some(*v as f64),
                            _ => None,
                        })
                        .sum::<f64>();
                }
            }
            sum
        })
        .sum();
    println!("{total}");
}

/// The `plan` binary the runs time: `PLAN_BIN` when set (to compare another build on the same data set),
/// else the release binary beside this bench.
fn plan_binary() -> PathBuf {
    if let Some(bin) = std::env::var_os("PLAN_BIN") {
        return PathBuf::from(bin);
    }
    let exe = std::env::current_exe().unwrap();
    let dir = exe.parent().unwrap().parent().unwrap();
    let plan = dir.join(if cfg!(windows) { "plan.exe" } else { "plan" });
    assert!(plan.exists(), "build the release binary first: cargo build --release ({})", plan.display());
    plan
}

fn row(name: &str, n: usize, (wall, rss): (Duration, u64)) {
    let s = wall.as_secs_f64();
    let wall = if s < 1.0 { format!("{:.1} ms", s * 1000.0) } else { format!("{s:.2} s") };
    println!("| {name} | {n} | {wall} | {:.0} files/s | {:.1} MB |", n as f64 / s, rss as f64 / 1024.0);
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).filter(|a| a != "--bench").collect();
    if args.first().map(String::as_str) == Some("bare") {
        bare(Path::new(&args[1]));
        return;
    }
    let openpyxl = args.iter().any(|a| a == "--openpyxl");
    let sizes: Vec<usize> = args.iter().filter_map(|a| a.parse().ok()).collect();
    let sizes = if sizes.is_empty() { vec![1000, 10_000] } else { sizes };
    let plan = plan_binary();
    let me = std::env::current_exe().unwrap();
    println!("| what | N | wall | rate | peak memory |\n|---|---|---|---|---|");
    // `--keep DIR`: write the data set into DIR/N and keep it (for profiling); reuse it when it is there.
    let keep = args.iter().position(|a| a == "--keep").and_then(|i| args.get(i + 1)).map(PathBuf::from);
    for n in sizes {
        let temp = tempfile::tempdir().unwrap();
        let work_dir = keep.as_ref().map_or_else(|| temp.path().to_path_buf(), |k| k.join(n.to_string()));
        std::fs::create_dir_all(&work_dir).unwrap();
        let work = work_dir.as_path();
        let catalogue_path = work.join("catalogue.toml");
        std::fs::write(&catalogue_path, synthetic_catalogue(n / OFFICES.len())).unwrap();
        let (catalogue, _) =
            load(&std::fs::read_to_string(&catalogue_path).unwrap()).expect("synthetic catalogue");
        let inputs = work.join("nop");
        if !inputs.exists() {
            std::fs::create_dir(&inputs).unwrap();
            let start = Instant::now();
            write_submissions(&catalogue, &inputs);
            eprintln!("generated {n} workbooks in {:.1} s", start.elapsed().as_secs_f64());
        }
        let report = work.join("bao-cao.xlsx");
        // Untimed: the files into the page cache, as for every timed run after it.
        run(Command::new(&me).arg("bare").arg(&inputs));
        let aggregate = |dirs: &[&Path]| {
            let mut command = Command::new(&plan);
            command.arg("--catalogue").arg(&catalogue_path).args([
                "aggregate",
                "--year",
                "2024",
                "--force",
                "-o",
            ]);
            command.arg(&report).args(dirs);
            command
        };
        row("plan aggregate (median of 3)", n, median3(|| aggregate(&[&inputs])));
        // The same units and figures from twice the files (every workbook sent a second time, as a copy):
        // what memory holds per file beyond the figures.
        let again = work.join("nop-lan-2");
        if !again.exists() {
            std::fs::create_dir(&again).unwrap();
            for entry in std::fs::read_dir(&inputs).unwrap() {
                let path = entry.unwrap().path();
                let copy = again.join(format!("lan-2_{}", path.file_name().unwrap().to_string_lossy()));
                std::fs::hard_link(&path, &copy).or_else(|_| std::fs::copy(&path, &copy).map(drop)).unwrap();
            }
        }
        row(
            "plan aggregate, each workbook sent twice (same figures; median of 3)",
            2 * n,
            median3(|| aggregate(&[&inputs, &again])),
        );
        row(
            "bare calamine read (rayon; median of 3)",
            n,
            median3(|| {
                let mut command = Command::new(&me);
                command.arg("bare").arg(&inputs);
                command
            }),
        );
        if openpyxl {
            row(
                "openpyxl script",
                n,
                run(Command::new("python3").arg("benches/openpyxl_sum.py").arg(&inputs)),
            );
        }
        let one = std::fs::read_dir(&inputs).unwrap().next().unwrap().unwrap().path();
        let mut single: Vec<(Duration, u64)> = (0..10)
            .map(|_| {
                run(Command::new(&plan).arg("--catalogue").arg(&catalogue_path).arg("validate").arg(&one))
            })
            .collect();
        single.sort();
        row("plan validate, one workbook (median of 10)", 1, single[5]);
        let templates = work.join("bieu");
        let _ = std::fs::remove_dir_all(&templates);
        row(
            "plan template --all-units",
            n,
            run(Command::new(&plan)
                .arg("--catalogue")
                .arg(&catalogue_path)
                .args(["template", "--all", "--all-units", "--year", "2024", "-o"])
                .arg(&templates)),
        );
    }
}
