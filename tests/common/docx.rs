//! Reading a Word document back without any office program: a part of the zip, the text of its
//! paragraphs, the cells of its tables.

use std::io::Read;

/// The text of the part `name` ("word/document.xml") of a .docx.
pub fn part(bytes: &[u8], name: &str) -> String {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut text = String::new();
    zip.by_name(name).unwrap().read_to_string(&mut text).unwrap();
    text
}

/// The text of each paragraph (`<w:p>`) of a document part, runs (`<w:t>`) joined.
pub fn paragraphs(xml: &str) -> Vec<String> {
    xml.split("</w:p>")
        .map(|p| {
            let mut text = String::new();
            let mut rest = p;
            while let Some(start) = rest.find("<w:t") {
                let after = &rest[start + 4..];
                // `<w:t>` or `<w:t xml:space=…>`, not `<w:tbl>`, `<w:tc>`…
                if after.starts_with('>') || after.starts_with(' ') {
                    let open = after.find('>').unwrap();
                    let body = &after[open + 1..];
                    let close = body.find("</w:t>").unwrap_or(body.len());
                    text.push_str(&body[..close]);
                    rest = &body[close..];
                } else {
                    rest = after;
                }
            }
            text.replace("&amp;", "&").replace("&quot;", "\"").replace("&lt;", "<").replace("&gt;", ">")
        })
        .collect()
}

/// The cells' texts of each row of a table (`<w:tbl>` … as split from the document).
pub fn table_rows(table: &str) -> Vec<Vec<String>> {
    table
        .split("</w:tr>")
        .filter(|r| r.contains("<w:tc>"))
        .map(|r| r.split("</w:tc>").filter(|c| c.contains("<w:p")).map(|c| paragraphs(c).concat()).collect())
        .collect()
}
