// Package pdfkit is the text layer under every printed document of
// Peiyang (completion certificates, rosters, sign-in sheets, reports): PDF
// pages in Chinese with the embedded LXGW WenKai font, drawn with
// github.com/jung-kurt/gofpdf and written by pdfkit itself.
//
// What it adds to gofpdf:
//
//   - a line breaker that follows the Chinese rules and never loses a
//     character (WrapLines, Paragraph, Table), measured with the font's
//     real advance widths;
//   - every character of the font, outside the BMP too (𠮷 in a name),
//     drawn as text: in the text layer, found by a viewer's search,
//     copied and extracted as itself (see embed.go);
//   - characters the font lacks reported as a *MissingGlyphsError before
//     anything is printed, never a blank box;
//   - small files made fast: the font reduced to the glyphs the document
//     uses, every stream deflated, pages drawn and deflated on all CPUs a
//     batch at a time and written as they are done, so that a document of
//     thousands of pages needs little memory;
//   - images (NewImage): JPEG files embedded as they are, PNG ones with
//     their transparency;
//   - the metadata viewers and archives read: title, author, subject,
//     creation date and language (zh-CN);
//   - byte-for-byte reproducible output (Options.Deterministic).
//
// Lengths are millimetres from the top-left corner of the page, font sizes
// are points. A Doc records what is drawn on its pages and writes the PDF
// when Output is called: only then is it known which glyphs to embed.
// Text, lines, rectangles and images are drawn by pdfkit; Draw reaches
// gofpdf for the rest (paths, circles, transforms, transparency), each
// page with such drawings being drawn by gofpdf and its content stream
// taken into the file. A Doc is not safe for concurrent use; separate
// Docs are, and they share the parsed font.
package pdfkit
