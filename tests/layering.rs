//! The source files form layers: no file reaches, through `use` lines or paths written in the code
//! (`crate::…`, `super::…`), a file that reaches back to it. A circle means two files can only be read,
//! changed and tested together; the fix is usually to move what both need into a file of its own (a
//! `mod.rs` that defines types its children use and re-exports their functions is such a circle).
//!
//! Pins: issue 20 found `template/annotate.rs`, `cells.rs`, `common.rs` and `form.rs` importing each other
//! in a circle, and `web/jobs.rs` ↔ `web/routes.rs` ↔ `web/templates.rs`.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Every `.rs` file under `dir`, by its path relative to `src/` with `/` separators.
fn sources(dir: &Path, root: &Path, into: &mut BTreeMap<String, String>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            sources(&path, root, into);
        } else if path.extension().is_some_and(|e| e == "rs") {
            let rel = path.strip_prefix(root).unwrap().to_string_lossy().replace('\\', "/");
            into.insert(rel, std::fs::read_to_string(&path).unwrap());
        }
    }
}

/// The module path of a file: `template/form.rs` → `["template", "form"]`, `template/mod.rs` →
/// `["template"]`, `lib.rs` and `main.rs` → `[]`.
fn module_of(rel: &str) -> Vec<String> {
    let mut parts: Vec<String> = rel.trim_end_matches(".rs").split('/').map(str::to_string).collect();
    if matches!(parts.last().map(String::as_str), Some("mod" | "lib" | "main")) {
        parts.pop();
    }
    parts
}

/// The code of a file without its unit tests, comments and string literals' contents.
fn code(text: &str) -> String {
    let tests =
        ["#[cfg(test)]", "#[cfg(all(test", "#[cfg(any(test"].iter().filter_map(|mark| text.find(mark)).min();
    let text = &text[..tests.unwrap_or(text.len())];
    text.lines()
        .map(|line| line.split("//").next().unwrap_or_default())
        .filter(|line| !line.trim_start().starts_with('"'))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Whether `name` is defined (not only re-exported) in `text`.
fn defines(text: &str, name: &str) -> bool {
    ["struct", "enum", "fn", "type", "trait", "const", "static", "mod"].iter().any(|kind| {
        let needle = format!("{kind} {name}");
        text.match_indices(&needle).any(|(at, _)| {
            let after = text[at + needle.len()..].chars().next();
            !after.is_some_and(|c| c.is_alphanumeric() || c == '_')
        })
    })
}

/// The paths a file names: `use` trees expanded (`a::{b, c::d}` → `a::b`, `a::c::d`) and every
/// `crate::…`/`super::…` path in its code.
fn paths(code: &str, children: &BTreeSet<String>) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    let mut rest = code;
    while let Some(at) = rest.find("use ") {
        let before = rest[..at].chars().last();
        let tail = &rest[at + 4..];
        rest = tail;
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
            continue;
        }
        let Some(end) = tail.find(';') else { break };
        let tree: String = tail[..end].chars().filter(|c| !c.is_whitespace()).collect();
        for path in expand(&tree) {
            let segments: Vec<String> =
                path.split("::").map(|s| s.split(" as ").next().unwrap().to_string()).collect();
            if segments
                .first()
                .is_some_and(|s| s == "crate" || s == "super" || s == "self" || children.contains(s))
            {
                out.push(segments);
            }
        }
    }
    let bytes = code.as_bytes();
    for start in ["crate::", "super::"] {
        for (at, _) in code.match_indices(start) {
            if at > 0
                && (bytes[at - 1].is_ascii_alphanumeric() || bytes[at - 1] == b'_' || bytes[at - 1] == b':')
            {
                continue;
            }
            let end = code[at..]
                .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':'))
                .map_or(code.len(), |e| at + e);
            let path: Vec<String> =
                code[at..end].split("::").filter(|s| !s.is_empty()).map(str::to_string).collect();
            // `use super::{a, b}` stops at the brace: the use tree is read above.
            if path.len() > 1 {
                out.push(path);
            }
        }
    }
    out
}

/// `a::{b,c::{d,e}}` → `a::b`, `a::c::d`, `a::c::e` (white space already removed).
fn expand(tree: &str) -> Vec<String> {
    let Some(open) = tree.find("::{") else { return vec![tree.to_string()] };
    let prefix = &tree[..open];
    let inner = tree[open + 3..].strip_suffix('}').unwrap_or(&tree[open + 3..]);
    let mut parts = Vec::new();
    let (mut depth, mut current) = (0, String::new());
    for c in inner.chars() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            _ => {}
        }
        if c == ',' && depth == 0 {
            parts.push(std::mem::take(&mut current));
        } else {
            current.push(c);
        }
    }
    if !current.is_empty() {
        parts.push(current);
    }
    parts.iter().flat_map(|part| expand(&format!("{prefix}::{part}"))).collect()
}

/// The files each file depends on.
fn graph(files: &BTreeMap<String, String>) -> BTreeMap<String, BTreeSet<String>> {
    let by_module: BTreeMap<Vec<String>, String> =
        files.keys().filter(|rel| *rel != "main.rs").map(|rel| (module_of(rel), rel.clone())).collect();
    let mut graph = BTreeMap::new();
    for (rel, text) in files {
        let me = module_of(rel);
        let children: BTreeSet<String> = by_module
            .keys()
            .filter(|m| m.len() == me.len() + 1 && m.starts_with(&me))
            .map(|m| m.last().unwrap().clone())
            .collect();
        let mut targets = BTreeSet::new();
        for path in paths(&code(text), &children) {
            let (mut base, mut segments) = match path[0].as_str() {
                "crate" => (Vec::new(), &path[1..]),
                "super" => (me[..me.len().saturating_sub(1)].to_vec(), &path[1..]),
                "self" => (me.clone(), &path[1..]),
                _ => (me.clone(), &path[..]),
            };
            while segments.first().is_some_and(|s| s == "super") {
                base.pop();
                segments = &segments[1..];
            }
            if let Some(target) = resolve(&by_module, files, base, segments)
                && target != *rel
            {
                targets.insert(target);
            }
        }
        graph.insert(rel.clone(), targets);
    }
    graph
}

/// The file a path leads to: the deepest module it names, or, for an item of a `mod.rs` that only
/// re-exports it, the child that defines it.
fn resolve(
    by_module: &BTreeMap<Vec<String>, String>,
    files: &BTreeMap<String, String>,
    base: Vec<String>,
    segments: &[String],
) -> Option<String> {
    let mut full = base;
    full.extend(segments.iter().cloned());
    for len in (1..=full.len()).rev() {
        let Some(file) = by_module.get(&full[..len]) else { continue };
        let Some(item) = full.get(len) else { return Some(file.clone()) };
        if !file.ends_with("mod.rs") || defines(&files[file], item) {
            return Some(file.clone());
        }
        // Re-exported: `pub use child::…Item` names the child that holds it.
        let text = code(&files[file]);
        for line in text.split(';') {
            let line: String = line.chars().filter(|c| !c.is_whitespace()).collect();
            if let Some(tree) = line.strip_prefix("pubuse").or_else(|| line.strip_prefix("pub(crate)use")) {
                for path in expand(tree) {
                    let segs: Vec<&str> = path.split("::").collect();
                    if segs.last() == Some(&item.as_str()) && segs.len() > 1 {
                        let mut child = full[..len].to_vec();
                        child.push(segs[segs.len() - 2].to_string());
                        if segs[0] != "crate"
                            && let Some(found) = by_module.get(&child)
                        {
                            return Some(found.clone());
                        }
                    }
                }
            }
        }
        return Some(file.clone());
    }
    None
}

/// The strongly connected components of more than one file (Tarjan).
fn circles(graph: &BTreeMap<String, BTreeSet<String>>) -> Vec<Vec<String>> {
    struct Walk<'a> {
        graph: &'a BTreeMap<String, BTreeSet<String>>,
        index: BTreeMap<&'a str, usize>,
        low: BTreeMap<&'a str, usize>,
        stack: Vec<&'a str>,
        found: Vec<Vec<String>>,
    }
    fn visit<'a>(walk: &mut Walk<'a>, node: &'a str) {
        let n = walk.index.len();
        walk.index.insert(node, n);
        walk.low.insert(node, n);
        walk.stack.push(node);
        for next in &walk.graph[node] {
            let next = next.as_str();
            if !walk.index.contains_key(next) {
                visit(walk, next);
                let low = walk.low[node].min(walk.low[next]);
                walk.low.insert(node, low);
            } else if walk.stack.contains(&next) {
                let low = walk.low[node].min(walk.index[next]);
                walk.low.insert(node, low);
            }
        }
        if walk.low[node] == walk.index[node] {
            let mut component = Vec::new();
            while let Some(top) = walk.stack.pop() {
                component.push(top.to_string());
                if top == node {
                    break;
                }
            }
            if component.len() > 1 {
                component.sort();
                walk.found.push(component);
            }
        }
    }
    let mut walk =
        Walk { graph, index: BTreeMap::new(), low: BTreeMap::new(), stack: Vec::new(), found: Vec::new() };
    for node in graph.keys() {
        if !walk.index.contains_key(node.as_str()) {
            visit(&mut walk, node);
        }
    }
    walk.found
}

#[test]
fn no_source_file_imports_one_that_imports_it_back() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = BTreeMap::new();
    sources(&root, &root, &mut files);
    let found = circles(&graph(&files));
    assert!(found.is_empty(), "files that import each other in a circle:\n{}", {
        found.iter().map(|c| format!("  {}", c.join(" ↔ "))).collect::<Vec<_>>().join("\n")
    });
}

#[test]
fn a_circle_is_found_through_use_lines_inline_paths_and_re_exports() {
    let files: BTreeMap<String, String> = [
        ("lib.rs", "mod a;\nmod b;\n"),
        ("a/mod.rs", "mod inner;\npub use inner::helper;\npub struct Shared;\n"),
        ("a/inner.rs", "use super::Shared;\npub fn helper() { crate::b::run(); }\n"),
        ("b.rs", "pub fn run() {}\n"),
        ("c.rs", "use crate::a::helper;\n"),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect();
    let graph = graph(&files);
    assert!(graph["c.rs"].contains("a/inner.rs"), "re-exported item resolves to its file: {graph:?}");
    assert!(graph["a/inner.rs"].contains("b.rs"), "inline path: {graph:?}");
    assert_eq!(circles(&graph), vec![vec!["a/inner.rs".to_string(), "a/mod.rs".to_string()]]);
}
