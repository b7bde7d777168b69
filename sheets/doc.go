// Package sheets reads and writes the spreadsheets staff exchange with
// outflow regions: .xlsx workbooks (through excelize's streaming reader and
// writer) and .csv files in UTF-8, with or without a byte order mark, or
// in GBK/GB18030 as Excel and WPS write them on Chinese Windows, the
// encoding detected rather than asked.
//
// Reading gives a Table of rows with their sheet row numbers, merged
// cells filled in. FindHeader finds the header row under title rows and
// matches its columns to Fields by the names people use, in any order.
// The normalisers (Fold, Clean, NormalizeName, NormalizeIDNumber,
// NormalizePhone, ParseGender, ParseDate, ParseClock, ParseTimeRange,
// ParseNumber, ParseRegion) turn what people type into what the models
// hold, and say clearly when a value cannot be read.
//
// Workbook writes styled sheets: a bold, shaded, frozen header row,
// column widths fitted to the content and dates as dates. Files are
// written private (internal/private), since lists hold personal data.
//
// The package knows nothing of the database; imports and exports build on
// it.
package sheets
