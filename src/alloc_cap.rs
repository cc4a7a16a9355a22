//! A global allocator that can be given a ceiling: the child reader sets one for itself, so that a damaged
//! workbook that asks for gigabytes gets an allocation failure (the child aborts, and that file is
//! reported as crashing the reader) on every system, including those where the parent's cap (a job object
//! on Windows, an address-space limit on Unix) is not enforced, as under Wine.
//!
//! Without a ceiling (the `plan` process itself) nothing is counted: one relaxed load per allocation.

use std::alloc::{GlobalAlloc, Layout};
use std::sync::atomic::{AtomicIsize, AtomicUsize, Ordering};

/// An allocator over `A` that refuses to hold more than its ceiling once one is set.
pub struct Capped<A> {
    inner: A,
    ceiling: AtomicUsize,
    held: AtomicIsize,
    peak: AtomicIsize,
}

impl<A> Capped<A> {
    /// `inner` without a ceiling.
    pub const fn new(inner: A) -> Self {
        Capped {
            inner,
            ceiling: AtomicUsize::new(usize::MAX),
            held: AtomicIsize::new(0),
            peak: AtomicIsize::new(0),
        }
    }

    /// Sets the ceiling in bytes; counting starts now (what was allocated before is not counted).
    pub fn set_ceiling(&self, bytes: usize) {
        self.ceiling.store(bytes, Ordering::Relaxed);
    }

    /// The most bytes held at once since the ceiling was set.
    #[cfg(test)]
    pub fn peak(&self) -> usize {
        self.peak.load(Ordering::Relaxed).max(0) as usize
    }

    /// Counts `grow` more bytes, unless that would pass the ceiling.
    fn take(&self, ceiling: usize, grow: usize) -> bool {
        let grow = grow as isize;
        let held = self.held.fetch_add(grow, Ordering::Relaxed) + grow;
        if held > 0 && held as usize > ceiling {
            self.held.fetch_sub(grow, Ordering::Relaxed);
            return false;
        }
        self.peak.fetch_max(held, Ordering::Relaxed);
        true
    }

    fn give_back(&self, bytes: usize) {
        self.held.fetch_sub(bytes as isize, Ordering::Relaxed);
    }
}

// SAFETY: every call is forwarded to `inner` with the same arguments; a refusal returns null, as allowed.
unsafe impl<A: GlobalAlloc> GlobalAlloc for Capped<A> {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let ceiling = self.ceiling.load(Ordering::Relaxed);
        if ceiling == usize::MAX {
            return unsafe { self.inner.alloc(layout) };
        }
        if !self.take(ceiling, layout.size()) {
            return std::ptr::null_mut();
        }
        let block = unsafe { self.inner.alloc(layout) };
        if block.is_null() {
            self.give_back(layout.size());
        }
        block
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        let ceiling = self.ceiling.load(Ordering::Relaxed);
        if ceiling == usize::MAX {
            return unsafe { self.inner.alloc_zeroed(layout) };
        }
        if !self.take(ceiling, layout.size()) {
            return std::ptr::null_mut();
        }
        let block = unsafe { self.inner.alloc_zeroed(layout) };
        if block.is_null() {
            self.give_back(layout.size());
        }
        block
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { self.inner.dealloc(ptr, layout) };
        if self.ceiling.load(Ordering::Relaxed) != usize::MAX {
            self.give_back(layout.size());
        }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let ceiling = self.ceiling.load(Ordering::Relaxed);
        if ceiling == usize::MAX {
            return unsafe { self.inner.realloc(ptr, layout, new_size) };
        }
        let old = layout.size();
        if new_size > old && !self.take(ceiling, new_size - old) {
            return std::ptr::null_mut();
        }
        let block = unsafe { self.inner.realloc(ptr, layout, new_size) };
        match (block.is_null(), new_size > old) {
            (true, true) => self.give_back(new_size - old),
            (false, false) => self.give_back(old - new_size),
            _ => {}
        }
        block
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::alloc::System;

    #[test]
    fn past_the_ceiling_an_allocation_is_refused_and_freed_bytes_can_be_taken_again() {
        let capped = Capped::new(System);
        let small = Layout::from_size_align(1 << 20, 8).unwrap();
        // SAFETY: blocks are freed with the layout they were allocated with.
        unsafe {
            let before = capped.alloc(small); // no ceiling yet: not counted
            capped.set_ceiling(3 << 20);
            let a = capped.alloc(small);
            let b = capped.alloc_zeroed(small);
            assert!(!a.is_null() && !b.is_null());
            assert!(capped.alloc(Layout::from_size_align(2 << 20, 8).unwrap()).is_null(), "5 MB > 3 MB");
            let b = capped.realloc(b, small, 2 << 20);
            assert!(!b.is_null(), "3 MB fit");
            assert!(capped.realloc(a, small, 2 << 20).is_null(), "4 MB do not");
            assert_eq!(capped.peak(), 3 << 20);
            capped.dealloc(b, Layout::from_size_align(2 << 20, 8).unwrap());
            let c = capped.alloc(Layout::from_size_align(2 << 20, 8).unwrap());
            assert!(!c.is_null(), "freed bytes count again");
            capped.dealloc(c, Layout::from_size_align(2 << 20, 8).unwrap());
            capped.dealloc(a, small);
            capped.dealloc(before, small);
        }
    }
}
