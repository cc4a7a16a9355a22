//! Reading each workbook so that no file can stop the others: in parallel, checked, and folded as it is read,
//! each as the program's [`Reader`] reads it.

use super::files::shown_name;
use crate::aggregate::{Aggregator, Folded, Input, fold};
use crate::catalogue::Catalogue;
use crate::rules::{Previous, check};
use crate::submission::{RawWorkbook, ReadError, Reader, scan};
use rayon::prelude::*;
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, PoisonError};

/// Told how far a run has got (a progress bar, a counter): how many files it reads, then each file done.
pub trait Progress: Sync {
    /// The number of files about to be read.
    fn start(&self, _files: usize) {}
    /// One file done.
    fn tick(&self);
}

/// A function called as each file is done is a progress that is not told the count.
impl<F: Fn() + Sync> Progress for F {
    fn tick(&self) {
        self()
    }
}

/// A tick that does nothing.
pub fn no_tick() {}

/// The progress a run reports to.
pub type Tick<'a> = &'a dyn Progress;

/// Reads one workbook as `reader` does and the SHA-256 of its bytes (empty when it cannot be read).
pub fn read(path: &Path, reader: &Reader) -> (Result<RawWorkbook, ReadError>, String) {
    match reader.read(path) {
        Ok((bytes, sheets)) => {
            let sha256 = hex::encode(Sha256::digest(&bytes));
            (sheets.map(|sheets| scan(&sheets)), sha256)
        }
        Err(error) => (Err(error), String::new()),
    }
}

fn read_named(
    path: &Path,
    name: &str,
    reader: &Reader,
    catalogue: &Catalogue,
    previous: Option<&Previous>,
    keep_raw: bool,
) -> Input {
    let (read, sha256) = read(path, reader);
    let mut checked = check(name, read, catalogue, previous);
    if !keep_raw {
        checked.raw = None;
    }
    Input { checked, sha256 }
}

/// Reads and checks every file in parallel, in the order given, keeping what was read cell by cell (for
/// annotated copies); `tick` is called as each file is done. Files are named as given, or from the folders
/// `given` ([`shown_name`]) when there are some.
pub fn read_and_check(
    files: &[PathBuf],
    given: Option<&[PathBuf]>,
    reader: &Reader,
    catalogue: &Catalogue,
    previous: Option<&Previous>,
    tick: Tick,
) -> Vec<Input> {
    tick.start(files.len());
    files
        .par_iter()
        .map(|path| {
            let name = given.map_or_else(|| path.display().to_string(), |given| shown_name(path, given));
            let input = read_named(path, &name, reader, catalogue, previous, true);
            tick.tick();
            input
        })
        .collect()
}

/// The files named from the paths `given` ([`shown_name`]), by name: the order a run indexes them in, so
/// that its result does not depend on the order they were found or read in.
fn by_name<'f>(files: &'f [PathBuf], given: &[PathBuf]) -> Vec<(String, &'f PathBuf)> {
    let mut named: Vec<(String, &PathBuf)> = files.iter().map(|f| (shown_name(f, given), f)).collect();
    named.sort();
    named
}

/// Reads, checks and folds every file into `state` in parallel, as each is read: a file's cells and values
/// are dropped once folded, so memory holds the figures, not the workbooks.
fn fold_all<S: Send>(
    files: Vec<(String, &PathBuf)>,
    reader: &Reader,
    catalogue: &Catalogue,
    include_with_errors: bool,
    tick: Tick,
    state: S,
    add: impl Fn(&mut S, usize, Folded) + Sync,
) -> S {
    let state = Mutex::new(state);
    tick.start(files.len());
    files.par_iter().enumerate().for_each(|(index, (name, path))| {
        // Folded at once: the values' sheet names are kept, each once per run, for the checks on merged values.
        let input = read_named(path, name, reader, catalogue, None, false);
        let folded = fold(index, input, catalogue, include_with_errors);
        add(&mut state.lock().unwrap_or_else(PoisonError::into_inner), index, folded);
        tick.tick();
    });
    state.into_inner().unwrap_or_else(PoisonError::into_inner)
}

/// Reads, checks and folds every file into one aggregation; files are named from the paths `given`
/// ([`shown_name`]).
pub fn read_and_fold<'c>(
    files: &[PathBuf],
    given: &[PathBuf],
    reader: &Reader,
    catalogue: &'c Catalogue,
    include_with_errors: bool,
    tick: Tick,
) -> Aggregator<'c> {
    let aggregator = Aggregator::new(catalogue, include_with_errors);
    let files = by_name(files, given);
    fold_all(files, reader, catalogue, include_with_errors, tick, aggregator, |aggregator, index, folded| {
        aggregator.add_folded(index, folded)
    })
}

/// Reads, checks and folds every file into the aggregation of the year it reports for (files that give no
/// year are left out); files are named from the paths `given` ([`shown_name`]).
pub fn read_and_fold_by_year<'c>(
    files: &[PathBuf],
    given: &[PathBuf],
    reader: &Reader,
    catalogue: &'c Catalogue,
    tick: Tick,
) -> BTreeMap<u16, Aggregator<'c>> {
    fold_all(
        by_name(files, given),
        reader,
        catalogue,
        false,
        tick,
        BTreeMap::new(),
        |by_year, index, folded| {
            if let Some(year) = folded.year() {
                by_year
                    .entry(year)
                    .or_insert_with(|| Aggregator::new(catalogue, false))
                    .add_folded(index, folded);
            }
        },
    )
}
