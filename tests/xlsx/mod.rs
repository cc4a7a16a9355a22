//! Reading an .xlsx as its XML, for tests: sheet names and paths, every formula cell with its stored
//! result, and the cells that carry a note.
// Shared by several test crates, each using part of it.
#![allow(dead_code)]

use quick_xml::events::Event;
use quick_xml::{Reader, XmlVersion};
use std::collections::{BTreeMap, BTreeSet};
use std::io::Read;

/// A formula cell as stored.
#[derive(Debug, Clone, PartialEq)]
pub struct FormulaCell {
    /// The formula's text, without `=` (empty for a shared formula's followers).
    pub formula: String,
    /// The stored result (`None`: no `<v>`).
    pub cached: Option<String>,
    /// The result's type attribute (`str`, `e`, `b`; `None` for a number).
    pub kind: Option<String>,
}

fn part(zip: &mut zip::ZipArchive<std::io::Cursor<&[u8]>>, name: &str) -> Option<String> {
    let mut text = String::new();
    zip.by_name(name).ok()?.read_to_string(&mut text).ok()?;
    Some(text)
}

fn attr(e: &quick_xml::events::BytesStart, name: &str) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.as_ref() == name)
        .and_then(|a| a.normalized_value(XmlVersion::Implicit1_0).ok().map(|v| v.into_owned()))
}

/// Relationship id → target of a `.rels` part.
fn rels(xml: &str) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    let mut reader = Reader::from_str(xml);
    loop {
        match reader.read_event() {
            Ok(Event::Empty(e) | Event::Start(e)) if e.local_name().as_ref() == "Relationship" => {
                if let (Some(id), Some(target)) = (attr(&e, "Id"), attr(&e, "Target")) {
                    out.insert(id, target);
                }
            }
            Ok(Event::Eof) | Err(_) => break,
            _ => {}
        }
    }
    out
}

fn resolve(base: &str, target: &str) -> String {
    if let Some(abs) = target.strip_prefix('/') {
        return abs.to_string();
    }
    let mut parts: Vec<&str> = base.split('/').collect();
    parts.pop();
    for piece in target.split('/') {
        match piece {
            ".." => {
                parts.pop();
            }
            "." => {}
            p => parts.push(p),
        }
    }
    parts.join("/")
}

/// Sheet name → path of its XML part, in workbook order.
pub fn sheet_parts(bytes: &[u8]) -> Vec<(String, String)> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("zip");
    let workbook = part(&mut zip, "xl/workbook.xml").expect("workbook.xml");
    let targets = rels(&part(&mut zip, "xl/_rels/workbook.xml.rels").expect("workbook rels"));
    let mut out = Vec::new();
    let mut reader = Reader::from_str(&workbook);
    loop {
        match reader.read_event() {
            Ok(Event::Empty(e) | Event::Start(e)) if e.local_name().as_ref() == "sheet" => {
                let name = attr(&e, "name").unwrap_or_default();
                let id =
                    e.attributes().flatten().find(|a| a.key.local_name().as_ref() == "id").and_then(|a| {
                        a.normalized_value(XmlVersion::Implicit1_0).ok().map(|v| v.into_owned())
                    });
                if let Some(target) = id.and_then(|id| targets.get(&id)) {
                    out.push((name, resolve("xl/workbook.xml", target)));
                }
            }
            Ok(Event::Eof) | Err(_) => break,
            _ => {}
        }
    }
    out
}

/// Every formula cell of every sheet: (sheet, address) → formula and stored result.
pub fn formula_cells(bytes: &[u8]) -> BTreeMap<(String, String), FormulaCell> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("zip");
    let mut out = BTreeMap::new();
    for (name, path) in sheet_parts(bytes) {
        let xml = part(&mut zip, &path).unwrap_or_default();
        let mut reader = Reader::from_str(&xml);
        let mut cell: Option<(String, Option<String>)> = None;
        let mut formula: Option<String> = None;
        let mut value: Option<String> = None;
        let mut inside = String::new();
        loop {
            match reader.read_event() {
                Ok(Event::Start(e)) => {
                    let local = e.local_name().as_ref().to_string();
                    if local == "c" {
                        cell = Some((attr(&e, "r").unwrap_or_default(), attr(&e, "t")));
                        formula = None;
                        value = None;
                    } else if local == "f" {
                        formula = Some(String::new());
                    } else if local == "v" {
                        value = Some(String::new());
                    }
                    inside = local;
                }
                Ok(Event::Empty(e)) => {
                    let local = e.local_name().as_ref().to_string();
                    if local == "f" {
                        formula = Some(String::new());
                    } else if local == "c" {
                        cell = None;
                    }
                }
                Ok(Event::Text(t)) => {
                    let text = t.xml10_content().into_owned();
                    match inside.as_str() {
                        "f" => formula.get_or_insert_default().push_str(&text),
                        "v" => value.get_or_insert_default().push_str(&text),
                        _ => {}
                    }
                }
                Ok(Event::GeneralRef(r)) => {
                    let text = match r.resolve_char_ref() {
                        Ok(Some(c)) => c.to_string(),
                        _ => match &*r {
                            "amp" => "&",
                            "lt" => "<",
                            "gt" => ">",
                            "quot" => "\"",
                            _ => "'",
                        }
                        .to_string(),
                    };
                    match inside.as_str() {
                        "f" => formula.get_or_insert_default().push_str(&text),
                        "v" => value.get_or_insert_default().push_str(&text),
                        _ => {}
                    }
                }
                Ok(Event::End(e)) => {
                    if e.local_name().as_ref() == "c"
                        && let (Some((address, kind)), Some(formula)) = (cell.take(), formula.take())
                    {
                        let cell = FormulaCell { formula, cached: value.take(), kind };
                        out.insert((name.clone(), address), cell);
                    }
                    inside.clear();
                }
                Ok(Event::Eof) | Err(_) => break,
                _ => {}
            }
        }
    }
    out
}

/// The cells that carry a note: (sheet, address).
pub fn noted_cells(bytes: &[u8]) -> BTreeSet<(String, String)> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("zip");
    let mut out = BTreeSet::new();
    for (name, path) in sheet_parts(bytes) {
        let rels_path = resolve(&path, &format!("_rels/{}.rels", path.rsplit('/').next().unwrap_or("")));
        let Some(xml) = part(&mut zip, &rels_path) else { continue };
        for target in rels(&xml).values().filter(|t| t.contains("comments")) {
            let comments = part(&mut zip, &resolve(&path, target)).unwrap_or_default();
            let mut reader = Reader::from_str(&comments);
            loop {
                match reader.read_event() {
                    Ok(Event::Start(e) | Event::Empty(e)) if e.local_name().as_ref() == "comment" => {
                        if let Some(r) = attr(&e, "ref") {
                            out.insert((name.clone(), r));
                        }
                    }
                    Ok(Event::Eof) | Err(_) => break,
                    _ => {}
                }
            }
        }
    }
    out
}
