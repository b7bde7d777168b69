package cli

// commands is the command table: every command of the command line, its
// synopsis, summary and the function that runs it (in the cmd_*.go file
// named beside its group). Add a command here.
func commands() []*command {
	return []*command{
		// The programme core (cmd_check.go, cmd_trainees.go, cmd_courses.go,
		// cmd_enrol.go, cmd_certificates.go).
		{name: "check", args: "[--json]", summary: "Run the database's integrity check and show the schema version.", run: runCheck, reads: true},
		{name: "demo", args: "[--trainees N] [--seed S] [--if-empty]", summary: "Fill an empty database with realistic demo data at the report's scale.", run: runDemo},
		{name: "stats", args: "[--region TEXT] [--json]", summary: "Show the pipeline counts overall and per outflow region.", run: runStats, reads: true},
		{name: "trainees add", args: "--name NAME --id ID_NUMBER [flags] [--json]", summary: "Add a trainee (mobile party member).", run: runTraineesAdd},
		{name: "trainees search", args: "TEXT [--limit N] [--full-ids] [--json]", summary: "Find trainees by name, pinyin, initials, or a fragment of the ID number or phone.", run: runTraineesSearch, reads: true},
		{name: "trainees show", args: "ID [--full-ids] [--json]", summary: "Show a trainee with the whole pipeline: courses, placements, mentors, return and election.", run: runTraineesShow, reads: true},
		{name: "courses list", args: "[--status S] [--theme T] [--year Y] [--json]", summary: "List the themed courses.", run: runCoursesList, reads: true},
		{name: "courses show", args: "ID [--json]", summary: "Show a course: sessions, enrolments and completion decisions with reasons.", run: runCoursesShow, reads: true},
		{name: "enrol", args: "--course ID --trainee ID [--json]", summary: "Enrol a trainee on a course, or put them on its waiting list when it is full.", run: runEnrol},
		{name: "withdraw", args: "--course ID --trainee ID [--json]", summary: "Withdraw a trainee from a course; the first on the waiting list moves up.", run: runWithdraw},
		{name: "attend", args: "--session ID --trainee ID --status present|late|excused|absent", summary: "Record a trainee's sign-in for a session.", run: runAttend},
		{name: "score", args: "--course ID --trainee ID --score N", summary: "Record a trainee's assessment score.", run: runScore},
		{name: "complete", args: "--course ID [--dry-run] [--early REASON] [--json]", summary: "Decide who completes a course, with the reason for each trainee; refused while the course is not over, unless --early gives the reason.", run: runComplete},
		{name: "certificates issue", args: "--course ID [--early REASON] [--json]", summary: "Issue completion certificates to everyone who completed the course (all or nothing).", run: runCertIssue},
		{name: "certificates list", args: "[--course ID] [--year Y] [--json]", summary: "List issued certificates.", run: runCertList, reads: true},
		{name: "certificates void", args: "SERIAL --reason TEXT", summary: "Void a certificate; its serial is kept with the reason.", run: runCertVoid},
		{name: "certificates reissue", args: "SERIAL [--json]", summary: "Reissue a certificate under a new serial linked to the old one.", run: runCertReissue},
		// Elections of returnees (cmd_elections.go).
		{name: "elections record", args: "--return ID --post POST [--committee COMMITTEE] --result RESULT --date DATE [--term YEARS] [--json]",
			summary: "Record a returnee standing for a village (community) committee; posts as ledgers write them (书记, 村委会主任, 书记兼主任 (一肩挑)...).", run: runElectionsRecord},
		{name: "elections update", args: "ID [--post POST] [--committee COMMITTEE] [--result RESULT] [--date DATE] [--term YEARS] [--json]",
			summary: "Correct an election record, under the same rules.", run: runElectionsUpdate},
		{name: "elections delete", args: "ID", summary: "Delete an election record entered in error.", run: runElectionsDelete},
		// Settings (cmd_settings.go).
		{name: "settings list", args: "[--json]", summary: "Show every setting with its value and what it means.", run: runSettingsList, reads: true},
		{name: "settings get", args: "KEY [--json]", summary: "Show a setting (certificate wording, organisation, serial format, overlay positions...).", run: runSettingsGet, reads: true},
		{name: "settings set", args: "KEY VALUE", summary: "Change a setting; an unknown key or a value the program cannot use is refused and nothing changes.", run: runSettingsSet},
		// Spreadsheets in (cmd_import.go).
		{name: "import trainees", args: "FILE [--dry-run] [--skip-invalid] [--nominated-by ORG] [--cohort ID] [--sheet NAME] [--include-hidden] [--json]", summary: "Take in a nominee or trainee list (.xlsx or .csv), every sheet with a recognised header: every row checked, all or nothing.", run: runImportTrainees},
		{name: "import sessions", args: "FILE --course ID [--dry-run] [--sheet NAME] [--include-hidden] [--json]", summary: "Take in a course's schedule; scheduling conflicts are reported.", run: runImportSessions},
		{name: "import template", args: "KIND FILE", summary: "Write a template workbook of a list to fill in (KIND: trainees): the columns the import knows, one example row, drop-down lists where values are fixed.", run: runImportTemplate},
		{name: "import photos", args: "DIR [--dry-run] [--json]", summary: "Take in trainees' photos from a folder of JPEG or PNG files named by ID number or 姓名-身份证号: every file checked, all or nothing.", run: runImportPhotos},
		{name: "import attendance", args: "FILE --course ID [--dry-run] [--sheet NAME] [--include-hidden] [--json]", summary: "Take in a course's attendance and scores, kept as a grid of trainees by session.", run: runImportAttendance},
		{name: "import returns", args: "FILE [--dry-run] [--skip-invalid] [--sheet NAME] [--include-hidden] [--json]", summary: "Take in returns to the home village or community (回引), every row matched to a trainee by ID number: all or nothing.", run: runImportOutcome("returns")},
		{name: "import elections", args: "FILE [--dry-run] [--skip-invalid] [--sheet NAME] [--include-hidden] [--json]", summary: "Take in “两委” election results; each person needs a return recorded on or before the election; repeats of recorded elections are reported, not stored twice.", run: runImportOutcome("elections")},
		{name: "import outcomes", args: "FILE [--dry-run] [--skip-invalid] [--sheet NAME] [--include-hidden] [--json]", summary: "Take in a workbook of returns and election results (a feedback package's fill-in sheets sent back): the returns first, then the elections, in one transaction.", run: runImportOutcome("outcomes")},
		{name: "import contacts", args: "FILE [--dry-run] [--skip-invalid] [--sheet NAME] [--include-hidden] [--json]", summary: "Take in mentors' contact logs (导师, 姓名, 身份证号, 联系日期, 联系方式, 联系内容), each row matched to a running mentorship: all or nothing.", run: runImportOutcome("contacts")},
		{name: "import placements", args: "FILE [--dry-run] [--skip-invalid] [--sheet NAME] [--include-hidden] [--json]", summary: "Take in shadow-study placements with the host's evaluation (姓名, 身份证号, 跟班村, 开始日期, 结束日期, 鉴定等次, 鉴定意见): all or nothing.", run: runImportOutcome("placements")},
		// Workbooks out (cmd_export.go).
		{name: "export trainees", args: "FILE.xlsx [--region TEXT] [--cohort ID] [--nominated-by ORG] [--direction D] [--key-target] [--full-ids]", summary: "Write the trainees, with their pipeline stage, to a workbook.", run: runExportTrainees, reads: true},
		{name: "export roster", args: "FILE.xlsx --course ID [--full-ids]", summary: "Write a course's roster (花名册) to a workbook.", run: runExportRoster, reads: true},
		{name: "export attendance", args: "FILE.xlsx --course ID [--full-ids]", summary: "Write a course's attendance grid, with totals and scores, to a workbook.", run: runExportAttendance, reads: true},
		{name: "export placements", args: "FILE.xlsx [--region TEXT] [--full-ids]", summary: "Write the shadow-study placements to a workbook.", run: runExportPlacements, reads: true},
		{name: "export mentors", args: "FILE.xlsx [--region TEXT] [--full-ids]", summary: "Write the mentorships, with their contacts, to a workbook.", run: runExportMentors, reads: true},
		{name: "export returns", args: "FILE.xlsx [--region TEXT] [--year Y] [--full-ids]", summary: "Write the returns and elections to a workbook.", run: runExportReturns, reads: true},
		{name: "export feedback", args: "--region TEXT --out DIR [--full-ids] [--json]", summary: "Write one outflow region's feedback package: its members' records as a workbook.", run: runExportFeedback, reads: true},
		// Documents (cmd_print.go).
		{name: "printers", args: "[--json]", summary: "List the printers, their state and the default one, for --printer.", run: runPrinters, reads: true},
		{name: "print roster", args: "--course ID --out FILE.pdf [--full-ids] [--photos] [--printer [NAME] [--copies N] [--duplex long|short|off] [--paper A4]]", summary: "Print a course's roster (花名册) as a PDF, in pinyin order of names.", run: withPrinter(runPrintRoster), reads: true},
		{name: "print signin", args: "--session ID | --course ID --out FILE.pdf [--printer [NAME] [--copies N] [--duplex long|short|off] [--paper A4]]", summary: "Print the sign-in sheet (签到表) of a session, or of every session of a course in one file.", run: withPrinter(runPrintSignIn), reads: true},
		{name: "print mentors", args: "--out FILE.pdf [--printer [NAME] [--copies N] [--duplex long|short|off] [--paper A4]]", summary: "Print the mentor pairing list (导师帮带结对名单) as a PDF.", run: withPrinter(runPrintMentors), reads: true},
		{name: "print placements", args: "--out FILE.pdf [--village ID] [--printer [NAME] [--copies N] [--duplex long|short|off] [--paper A4]]", summary: "Print the shadow-study placements per key village (跟班学习安排表) as a PDF.", run: withPrinter(runPrintPlacements), reads: true},
		{name: "print outcomes", args: "--region TEXT --out FILE.pdf [--printer [NAME] [--copies N] [--duplex long|short|off] [--paper A4]]", summary: "Print an outflow region's outcome report (流出地培养成果报告) as a PDF.", run: withPrinter(runPrintOutcomes), reads: true},
		{name: "print record", args: "--trainee ID --out FILE.pdf [--full-ids] [--photos] [--printer [NAME] [--copies N] [--duplex long|short|off] [--paper A4]]", summary: "Print a trainee's whole record (培养档案) as a PDF.", run: withPrinter(runPrintRecord), reads: true},
		// Certificates printed (cmd_print_certificates.go).
		{name: "print certificates", args: "--course ID (--out FILE.pdf | --split DIR | --zip FILE.zip) [--overlay] [--trainee ID] [--printer [NAME] [--copies N] [--duplex long|short|off] [--paper A4]]", summary: "Print a course's completion certificates (结业证书) as one PDF, one PDF each in a folder, or a zip.", run: withPrinter(runPrintCertificates), reads: true},
		{name: "print calibration", args: "--out FILE.pdf [--printer [NAME] [--copies N] [--duplex long|short|off] [--paper A4]]", summary: "Print the calibration page (millimetre grid and field boxes) for certificates on pre-printed stock.", run: withPrinter(runPrintCalibration), reads: true},
		// Verifying a certificate code (cmd_verify.go).
		{name: "verify", args: "TEXT [--json]", summary: "Check a certificate's QR code text offline: valid, void, replaced or forged (exit code 0 only when valid).", run: runVerify, reads: true},
		// Accounts of a shared database (cmd_accounts.go).
		{name: "accounts add", args: "NAME --role admin|staff|region|viewer [--region CITY]", summary: "Add an account to a shared (PostgreSQL) database; its password is asked for twice, never given on the command line.", run: runAccountsAdd},
		{name: "accounts list", args: "[--json]", summary: "List the accounts of a shared database with their roles and regions (an admin sees all, others their own).", run: runAccountsList, reads: true},
		{name: "accounts set-role", args: "NAME --role admin|staff|region|viewer [--region CITY]", summary: "Give an account another role (a region account its outflow region).", run: runAccountsSetRole},
		{name: "accounts disable", args: "NAME [--enable]", summary: "Stop an account from logging in (or, with --enable, let it again).", run: runAccountsDisable},
		{name: "accounts password", args: "[NAME]", summary: "Set your password, or as an admin another account's; asked for twice.", run: runAccountsPassword},
		// Backups, the audit trail and retention (cmd_safety.go); copy (cmd_copy.go).
		{name: "backup", args: "FILE", summary: "Write a consistent copy of the database to FILE, readable by you only (mode 0600; on Windows your account alone), even while the window is open; from PostgreSQL too, as an ordinary SQLite file.", run: runBackup},
		{name: "restore", args: "FILE", summary: "Replace the database with a backup after checking it; the current database is kept aside. Refused while another Peiyang program has the database open (on PostgreSQL: while any other client is connected, named).", run: runRestore},
		{name: "copy", args: "--from DATABASE --to DATABASE [--json]", summary: "Copy a whole database into an empty one (a SQLite file into a PostgreSQL database, or back) in one transaction, and show every table's rows read and copied.", run: runCopy},
		{name: "audit", args: "[--since DATE] [--entity E] [--action A] [--limit N] [--json]", summary: "Show the audit trail: who changed, printed or exported what, and when (newest first).", run: runAudit, reads: true},
		{name: "retention", args: "--older-than YEARS [--dry-run] [--json]", summary: "De-identify trainees inactive for that many years: remove ID number, phone and birth date; keep name, region, courses and outcomes.", run: runRetention},
	}
}
