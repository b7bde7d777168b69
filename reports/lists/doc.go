// Package lists prints the lists that party-school staff hand out, as
// Chinese PDFs that look like an office's documents: the course roster
// (花名册, Roster), sign-in sheets (签到表, SignIn), the mentor pairing
// list (导师帮带结对名单, Mentors), the shadow-study placements per key
// village (跟班学习安排表, Placements), an outflow region's outcome report
// (流出地培养成果报告, Outcomes) and a trainee's record (培养档案, Record).
//
// Every document has its title centred at the top, the issuing
// organisation and the date under it, ruled tables whose header row
// repeats on every page and whose cells wrap (never clip), and
// "第 x 页 共 y 页" with the organisation and the document's name in the
// footer of every page. Names are listed in pinyin order. ID numbers and
// phone numbers are masked by the policy (models.Trainee.Masked:
// 110105***********X, 138****1234) unless Meta.FullIDs asks for them in
// full; birth dates are printed to the month (出生年月) either way.
//
// The functions take the rows as data (gathered by the training package's
// list functions, e.g. training.Service.CourseList) and write the PDF to
// an io.Writer; all text goes through reports/pdfkit. A character the
// font lacks fails the document with a *pdfkit.MissingGlyphsError before
// anything is written.
package lists
