//! Operating-system errors in the officer's words: a Vietnamese sentence for each kind, the original
//! detail only in English.

use plan::lang::Lang;
use std::io::ErrorKind;

/// A Vietnamese sentence for an I/O error kind.
pub fn vietnamese(kind: ErrorKind) -> &'static str {
    match kind {
        ErrorKind::NotFound => "không có tệp hoặc thư mục này",
        ErrorKind::PermissionDenied => {
            "không có quyền truy cập (tệp đang mở trong Excel, hoặc chỉ được đọc?)"
        }
        ErrorKind::AlreadyExists => "đã có tệp hoặc thư mục trùng tên",
        ErrorKind::IsADirectory => "đây là một thư mục, không phải tệp",
        ErrorKind::NotADirectory => "một phần của đường dẫn là tệp, không phải thư mục",
        ErrorKind::DirectoryNotEmpty => "thư mục không trống",
        ErrorKind::InvalidFilename => "tên tệp quá dài hoặc có ký tự không dùng được",
        ErrorKind::StorageFull | ErrorKind::QuotaExceeded => "ổ đĩa đã đầy",
        ErrorKind::ReadOnlyFilesystem => "ổ đĩa chỉ cho phép đọc",
        ErrorKind::FileTooLarge => "tệp quá lớn",
        ErrorKind::ResourceBusy | ErrorKind::ExecutableFileBusy => "tệp đang được chương trình khác dùng",
        ErrorKind::CrossesDevices => "không chuyển được tệp sang ổ đĩa khác",
        ErrorKind::InvalidData | ErrorKind::UnexpectedEof => "nội dung tệp bị hỏng",
        ErrorKind::Interrupted | ErrorKind::TimedOut => "thao tác bị gián đoạn, hãy chạy lại",
        ErrorKind::OutOfMemory => "không đủ bộ nhớ",
        _ => "lỗi của hệ điều hành khi đọc hoặc ghi tệp",
    }
}

/// One cause of an error for display: an I/O error as a sentence in Vietnamese, as it is in English.
pub fn describe(cause: &(dyn std::error::Error + 'static), lang: Lang) -> String {
    match (cause.downcast_ref::<std::io::Error>(), lang) {
        (Some(io), Lang::Vi) => vietnamese(io.kind()).to_string(),
        _ => cause.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn io_errors_read_in_vietnamese_and_keep_detail_in_english() {
        let error = std::io::Error::from(ErrorKind::NotFound);
        assert_eq!(describe(&error, Lang::Vi), "không có tệp hoặc thư mục này");
        assert_eq!(describe(&error, Lang::En), error.to_string());
        let too_long = std::io::Error::from(ErrorKind::InvalidFilename);
        assert!(describe(&too_long, Lang::Vi).contains("tên tệp quá dài"));
    }
}
