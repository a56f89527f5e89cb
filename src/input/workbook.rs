//! Spreadsheet workbooks (`.xlsx`), read as the CSV text of a sheet, so that line N is row
//! N of the sheet and a column is a cell: the same text a CSV export of the sheet gives.
//! An RVTools workbook is read as its vInfo sheet; its importer reads the other sheets.

use std::io::Cursor;

use calamine::{Reader, Xlsx};

/// The text realtor reads for a workbook: its vInfo sheet as CSV.
pub fn workbook_text(bytes: &[u8]) -> Result<String, String> {
    sheet_csv(bytes, "vInfo")
}

/// One sheet (`vInfo` or `tabvInfo`, any case) of a workbook as CSV text.
pub fn sheet_csv(bytes: &[u8], tab: &str) -> Result<String, String> {
    let mut workbook: Xlsx<_> =
        Xlsx::new(Cursor::new(bytes)).map_err(|e| format!("not a readable .xlsx workbook: {e}"))?;
    let wanted = tab.to_ascii_lowercase();
    let name = workbook
        .sheet_names()
        .into_iter()
        .find(|n| {
            let lower = n.to_ascii_lowercase();
            lower == wanted || lower.strip_prefix("tab") == Some(wanted.as_str())
        })
        .ok_or_else(|| format!("the workbook has no {tab} sheet"))?;
    let range = workbook
        .worksheet_range(&name)
        .map_err(|e| format!("sheet {name}: {e}"))?;
    let mut writer = csv::Writer::from_writer(Vec::new());
    for row in range.rows() {
        let cells: Vec<String> = row.iter().map(ToString::to_string).collect();
        writer.write_record(&cells).map_err(|e| e.to_string())?;
    }
    let bytes = writer.into_inner().map_err(|e| e.to_string())?;
    String::from_utf8(bytes).map_err(|e| e.to_string())
}
