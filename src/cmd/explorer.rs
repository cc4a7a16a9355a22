//! Started from Windows Explorer rather than typed in a console: a double-click (no arguments, a console
//! window of its own that closes when `plan` ends) opens the page (`plan mo`), or shows a short guide when
//! it cannot start; workbooks dragged onto `plan.exe`
//! arrive as arguments and are validated, with the annotated copies beside them. Either way the window
//! waits for Enter, so that the clerk can read it.

use super::Cli;
use clap::CommandFactory;
use plan::lang::Lang;
use std::ffi::OsString;
use std::io::{BufRead, IsTerminal, Write};
use std::path::{Path, PathBuf};

/// How `plan` was started.
#[derive(Debug, PartialEq, Eq)]
pub enum Start {
    /// No arguments at all.
    Bare,
    /// Only paths of existing files or folders, no command: workbooks dropped on the program.
    Dropped(Vec<PathBuf>),
    /// A command line to parse.
    Command,
}

/// Tells how `plan` was started from its arguments (the program's name first).
pub fn start(args: &[OsString]) -> Start {
    let rest = args.get(1..).unwrap_or_default();
    if rest.is_empty() {
        return Start::Bare;
    }
    let command = Cli::command();
    let is_command = |arg: &OsString| {
        let text = arg.to_string_lossy();
        text.starts_with('-') || command.get_subcommands().any(|c| c.get_name() == text)
    };
    if is_command(&rest[0]) || !rest.iter().all(|arg| !arg.is_empty() && Path::new(arg).exists()) {
        return Start::Command;
    }
    Start::Dropped(rest.iter().map(PathBuf::from).collect())
}

/// The guide shown on a double-click when the page cannot start.
pub fn guide(lang: Lang) -> &'static str {
    lang.pick(
        "\
plan — báo cáo hằng năm Kế hoạch hành động vì trẻ em 2021–2030 từ các bảng tính

Cách dùng nhanh:
  • Nhấp đúp plan.exe: trang plan mở trong trình duyệt (biểu mẫu, kiểm tra, tổng hợp, tiến độ).
  • Kéo thả một hay nhiều tệp báo cáo Excel (hoặc cả thư mục) lên biểu tượng plan.exe:
    chương trình kiểm tra từng tệp và ghi bản có chú thích lỗi (…_can-sua.xlsx) ngay cạnh tệp.
  • Hoặc mở cửa sổ lệnh trong thư mục chứa plan.exe (gõ cmd vào thanh địa chỉ của thư mục,
    nhấn Enter) rồi gõ một lệnh, ví dụ:
      plan template --all -o bieu-mau
                        Tạo biểu mẫu trống cho các cơ quan vào thư mục bieu-mau
      plan validate \"D:\\Báo cáo 2024\"
                        Kiểm tra mọi tệp đã nộp trong thư mục, chỉ ra ô cần sửa
      plan aggregate \"D:\\Báo cáo 2024\" --year 2024 -o bao-cao-2024.xlsx
                        Tổng hợp báo cáo của cả địa bàn năm 2024
      plan --help       Xem mọi lệnh

Xem thêm tệp HUONG-DAN.txt đi kèm.
",
        "\
plan — yearly reporting of the children's action plan 2021–2030 from spreadsheets

Quick start:
  • Double-click plan.exe: the plan page opens in the browser (templates, checks, report, progress).
  • Drag one or more Excel workbooks (or a folder) onto the plan.exe icon: each is checked and an
    annotated copy (…_to-fix.xlsx) is written beside it.
  • Or open a console in the folder of plan.exe (type cmd in the folder's address bar, press Enter)
    and type a command, for example:
      plan template --all -o bieu-mau
      plan validate \"D:\\Reports 2024\"
      plan aggregate \"D:\\Reports 2024\" --year 2024 -o report-2024.xlsx
      plan --help       Every command

See also HUONG-DAN.txt.
",
    )
}

/// Whether `plan` has a console window of its own (started from Explorer: the window closes when `plan`
/// ends) and a person at it.
pub fn own_console() -> bool {
    std::io::stdin().is_terminal() && alone_on_console()
}

#[cfg(windows)]
fn alone_on_console() -> bool {
    let mut processes = [0u32; 2];
    // SAFETY: the buffer's length is passed; the call writes at most that many process ids.
    let count =
        unsafe { windows_sys::Win32::System::Console::GetConsoleProcessList(processes.as_mut_ptr(), 2) };
    count == 1
}

#[cfg(not(windows))]
fn alone_on_console() -> bool {
    false // a terminal outlives the programs it runs
}

/// Asks for Enter before the window closes.
pub fn wait_for_enter(lang: Lang) {
    eprint!("\n{}", lang.pick("Nhấn Enter để đóng cửa sổ…", "Press Enter to close this window…"));
    let _ = std::io::stderr().flush();
    let _ = std::io::stdin().lock().read_line(&mut String::new());
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(list: &[&str]) -> Vec<OsString> {
        std::iter::once("plan").chain(list.iter().copied()).map(OsString::from).collect()
    }

    #[test]
    fn dropped_files_are_told_from_a_command_line() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("Báo cáo Lộc Yên.xlsx");
        std::fs::write(&file, b"x").unwrap();
        let (file_arg, dir_arg) = (file.to_str().unwrap(), dir.path().to_str().unwrap());
        assert_eq!(start(&args(&[])), Start::Bare);
        assert_eq!(start(&args(&[file_arg, dir_arg])), Start::Dropped(vec![file.clone(), dir.path().into()]));
        assert_eq!(start(&args(&["validate", file_arg])), Start::Command);
        assert_eq!(start(&args(&["--lang", "en"])), Start::Command);
        assert_eq!(start(&args(&[file_arg, "không có.xlsx"])), Start::Command, "a missing path is a typo");
    }
}
