//! Windows: the child reader runs in a Job Object that caps the memory it may commit and kills it when the
//! job is closed (on the timeout, or when `plan` itself ends).

use std::io;
use std::os::windows::io::AsRawHandle;
use std::process::Child;
use windows_sys::Win32::Foundation::{CloseHandle, HANDLE};
use windows_sys::Win32::System::JobObjects::{
    AssignProcessToJobObject, CreateJobObjectW, JOB_OBJECT_LIMIT_DIE_ON_UNHANDLED_EXCEPTION,
    JOB_OBJECT_LIMIT_KILL_ON_JOB_CLOSE, JOB_OBJECT_LIMIT_PROCESS_MEMORY,
    JOBOBJECT_EXTENDED_LIMIT_INFORMATION, JobObjectExtendedLimitInformation, SetInformationJobObject,
};

/// A job holding one child process; closing it (on drop) kills whatever still runs in it.
pub struct Job(HANDLE);

// SAFETY: a job handle may be used and closed from any thread.
unsafe impl Send for Job {}

impl Job {
    /// Puts `child` in a new job whose processes may commit at most `bytes` each. The child starts running
    /// before it is assigned; what it allocates in that moment (process start-up, before it opens the file)
    /// is not counted against the cap.
    pub fn cap(child: &Child, bytes: u64) -> io::Result<Job> {
        // SAFETY: plain Win32 calls on handles owned here or by `child`; the structure is fully initialised.
        unsafe {
            let handle = CreateJobObjectW(std::ptr::null(), std::ptr::null());
            if handle.is_null() {
                return Err(io::Error::last_os_error());
            }
            let job = Job(handle);
            let mut info: JOBOBJECT_EXTENDED_LIMIT_INFORMATION = std::mem::zeroed();
            info.BasicLimitInformation.LimitFlags = JOB_OBJECT_LIMIT_PROCESS_MEMORY
                | JOB_OBJECT_LIMIT_KILL_ON_JOB_CLOSE
                | JOB_OBJECT_LIMIT_DIE_ON_UNHANDLED_EXCEPTION;
            info.ProcessMemoryLimit = usize::try_from(bytes).unwrap_or(usize::MAX);
            let size = std::mem::size_of_val(&info) as u32;
            let info_ptr = (&raw const info).cast();
            if SetInformationJobObject(job.0, JobObjectExtendedLimitInformation, info_ptr, size) == 0 {
                return Err(io::Error::last_os_error());
            }
            if AssignProcessToJobObject(job.0, child.as_raw_handle() as HANDLE) == 0 {
                return Err(io::Error::last_os_error());
            }
            Ok(job)
        }
    }
}

impl Drop for Job {
    fn drop(&mut self) {
        // SAFETY: the handle is owned by this value and closed once.
        unsafe {
            CloseHandle(self.0);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::process::{Command, Stdio};

    #[test]
    fn closing_the_job_kills_the_child() {
        let mut child =
            Command::new("cmd").args(["/c", "ping -n 60 127.0.0.1"]).stdout(Stdio::null()).spawn().unwrap();
        let job = Job::cap(&child, 256 << 20).unwrap();
        assert!(child.try_wait().unwrap().is_none(), "still running");
        drop(job);
        let started = std::time::Instant::now();
        while child.try_wait().unwrap().is_none() {
            assert!(started.elapsed().as_secs() < 20, "the child outlived its job");
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
    }
}
