//! `plan mo`: the page of `plan` in the browser, served from this machine (see `src/web/`).

use super::{Globals, print};
use crate::web::{Options, Server, Stopped};
use anyhow::{Context, Result};
use plan::lang::Lang;
use std::process::ExitCode;
use std::time::Duration;

/// Examples printed under `plan mo --help`.
pub const AFTER_HELP: &str = "\
Ví dụ:
  plan mo                Mở trang trong trình duyệt (nhấp đúp plan.exe cũng vậy)
  plan mo --no-browser   Chỉ in địa chỉ trang, không mở trình duyệt
  plan mo --port 8080    Dùng cổng 8080 thay cho một cổng trống bất kỳ

Trang chỉ mở được trên máy này (127.0.0.1), bằng đúng địa chỉ có mã truy cập
mà plan in ra; không có gì được gửi ra ngoài. Tệp gửi lên trang nằm trong một
thư mục tạm, được xóa khi chương trình dừng: khi bấm «Đóng chương trình» trên
trang, khi nhấn Ctrl+C, hoặc sau một giờ không dùng.";

/// Arguments of `plan mo`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Cổng để nghe trên 127.0.0.1 (mặc định: một cổng trống bất kỳ)
    #[arg(
        long,
        value_name = "CỔNG",
        default_value_t = 0,
        hide_default_value = true,
        help_heading = "Tùy chọn"
    )]
    port: u16,

    /// Không mở trình duyệt; chỉ in địa chỉ trang (dòng đầu tiên của đầu ra)
    #[arg(long, help_heading = "Tùy chọn")]
    no_browser: bool,

    /// Dừng sau từng này phút không dùng
    #[arg(long, value_name = "PHÚT", default_value_t = 60, help_heading = "Tùy chọn")]
    idle_minutes: u64,
}

/// Runs `plan mo` (also what a double-click on `plan.exe` does).
pub fn run(globals: &Globals, args: Args) -> Result<ExitCode> {
    let catalogue = globals.load_catalogue()?;
    let lang = globals.lang;
    let idle = Duration::from_secs(args.idle_minutes.max(1) * 60);
    let options = Options { port: args.port, idle, lang, reader: crate::process::reader() };
    let server = Server::bind(&options, catalogue).with_context(|| match lang {
        Lang::Vi => format!("không mở được cổng {} trên 127.0.0.1", args.port),
        Lang::En => format!("cannot listen on 127.0.0.1 port {}", args.port),
    })?;
    let url = server.url();
    let stop = server.stopper();
    // Ctrl+C (or closing the console window) stops the server the same way the page's button does, so that
    // the temporary folder is removed.
    let _ = ctrlc::set_handler(move || stop.stop());
    let mut text = format!("{url}\n");
    text.push_str(lang.pick(
        "Trang plan đang chạy tại địa chỉ trên (chỉ trên máy này).\nĐể dừng: bấm «Đóng chương trình» trên trang, hoặc nhấn Ctrl+C ở đây.\n",
        "The plan page is running at the address above (this machine only).\nTo stop: «Close the program» on the page, or Ctrl+C here.\n",
    ));
    if !args.no_browser && open::that_detached(&url).is_err() {
        text.push_str(lang.pick(
            "Không mở được trình duyệt: hãy chép địa chỉ trên vào trình duyệt.\n",
            "Could not open the browser: copy the address above into one.\n",
        ));
    }
    print(&text)?;
    let stopped = server.run();
    let said = match stopped {
        Stopped::Asked => lang.pick("Đã dừng.", "Stopped."),
        Stopped::Idle => lang.pick("Đã dừng vì lâu không dùng.", "Stopped after being idle."),
        Stopped::Failed => lang.pick("Đã dừng vì lỗi mạng nội bộ.", "Stopped: the local connection failed."),
    };
    print(&format!("{said}\n"))?;
    Ok(if stopped == Stopped::Failed { ExitCode::from(2) } else { ExitCode::SUCCESS })
}
