//! The bounds of what the page accepts, and how a size is said to people.

/// The largest file accepted: the largest workbook `plan` reads (a larger one could not be read anyway).
pub const MAX_FILE_BYTES: u64 = plan::submission::MAX_FILE_BYTES;
/// The largest zip archive accepted.
pub const MAX_ZIP_BYTES: u64 = 512 << 20;
/// The most bytes one batch may hold.
pub const MAX_BATCH_BYTES: u64 = 2 << 30;
/// The most files one batch may hold.
pub const MAX_BATCH_FILES: usize = 5000;

/// A size as people read it: "2 GB", "64 MB", "512 MB".
pub fn size_text(bytes: u64) -> String {
    if bytes >= 1 << 30 && bytes.is_multiple_of(1 << 30) {
        format!("{} GB", bytes >> 30)
    } else {
        format!("{} MB", bytes.div_ceil(1 << 20))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // Regression (issue 21): limits were shown as "2048 MB".
    #[test]
    fn sizes_read_as_people_say_them() {
        assert_eq!(size_text(MAX_BATCH_BYTES), "2 GB");
        assert_eq!(size_text(64 << 20), "64 MB");
        assert_eq!(size_text(MAX_ZIP_BYTES), "512 MB");
    }
}
