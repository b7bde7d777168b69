// Package certificate prints completion certificates (结业证书) as Chinese
// PDFs, through reports/pdfkit.
//
// A certificate on blank paper is A4 landscape: a frame in the
// certificate colour, or a background image; the serial (证书编号) top
// right; the title, 结业证书 by default, centred in large spaced type; the
// wording, a template filled from the trainee and the course: name, dates,
// organisation, title (its theme named when the title does not), class
// hours, 经考核合格 only when the course has an assessment (see
// DefaultBody); bottom right the signatory, the organisation and the issue
// date, where the unit stamps its seal (no seal is drawn; a scan of the
// unit's own, certificate.seal_image, may be placed there); bottom left a QR
// code, drawn as vector rectangles, with the signed payload of package
// certsign (serial, name, course, issue date, masked ID number), which
// `peiyang verify` checks offline.
//
// Overlay printing (套打) puts only the variable fields on pre-printed
// stock, at positions that are settings, shifted by a printer's offsets;
// Printer.Calibration draws the millimetre grid that finds them.
//
// Only valid certificates print (Load): a void one does not, a replaced
// one prints as its replacement. A batch is one PDF (WriteMerged), one
// file per certificate named "serial-name.pdf" (WriteFiles), or those
// files in a zip archive (WriteZip).
//
// # Settings
//
// Every setting is optional (see LoadSettings and the Key constants):
//
//	certificate.title          the title; 结业证书
//	certificate.org_name       the issuing organisation; else org.name, else 成都市基层党务学院
//	certificate.signatory      a line above the organisation, e.g. 院长：李建国; none
//	certificate.body           the wording with {{name}} {{gender}} {{course}} {{theme}}
//	                           {{theme_note}} {{period}} {{start}} {{end}} {{hours}} {{assessed}}
//	                           {{org}} {{serial}} {{issued}}; a line break (or \n) starts a
//	                           paragraph; DefaultBody
//	certificate.color          title and frame, #RRGGBB; #B5121B
//	certificate.seal_image     a scan of the unit's seal (PNG or JPEG) placed over the date;
//	                           none (stamped by hand); its checksum is kept with it
//	certificate.date_style     arabic (2025年6月15日) or chinese (二〇二五年六月十五日)
//	certificate.background     a PNG or JPEG file under the whole page (no frame then)
//	certificate.offset_x       overlay: millimetres right (negative: left); 0
//	certificate.offset_y       overlay: millimetres down (negative: up); 0
//	certificate.overlay.paper  overlay: the stock's size, 297x210
//	certificate.overlay.FIELD  overlay: "x,y[,size[,width]]" for FIELD serial, name, gender,
//	                           start, end, course, hours, issued (baseline's left end in mm,
//	                           font size in pt, with a width the text is centred and shrunk to
//	                           fit), and qr ("x,y,side" in mm; not printed unless set)
//
// The signing key is the setting certificate.signing_key (certsign.SettingKey).
package certificate
