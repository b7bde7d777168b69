package cli

// extra holds the commands that other files of the package add with
// register, from their init functions.
var extra []*command

// register adds commands to the command line.
func register(cs ...*command) { extra = append(extra, cs...) }

// commands lists every command of the command line.
func commands() []*command {
	return append(coreCommands(), extra...)
}

// coreCommands are the programme core's commands.
func coreCommands() []*command {
	return []*command{
		{name: "check", args: "[--json]", summary: "Run the database's integrity check and show the schema version.", run: runCheck},
		{name: "demo", args: "[--trainees N] [--seed S] [--if-empty]", summary: "Fill an empty database with realistic demo data at the report's scale.", run: runDemo},
		{name: "stats", args: "[--region TEXT] [--json]", summary: "Show the pipeline counts overall and per outflow region.", run: runStats},
		{name: "trainees add", args: "--name NAME --id ID_NUMBER [flags] [--json]", summary: "Add a trainee (mobile party member).", run: runTraineesAdd},
		{name: "trainees search", args: "TEXT [--limit N] [--full-ids] [--json]", summary: "Find trainees by name, pinyin, initials, or a fragment of the ID number or phone.", run: runTraineesSearch},
		{name: "trainees show", args: "ID [--full-ids] [--json]", summary: "Show a trainee with the whole pipeline: courses, placements, mentors, return and election.", run: runTraineesShow},
		{name: "courses list", args: "[--status S] [--theme T] [--year Y] [--json]", summary: "List the themed courses.", run: runCoursesList},
		{name: "courses show", args: "ID [--json]", summary: "Show a course: sessions, enrolments and completion decisions with reasons.", run: runCoursesShow},
		{name: "enrol", args: "--course ID --trainee ID [--json]", summary: "Enrol a trainee on a course, or put them on its waiting list when it is full.", run: runEnrol},
		{name: "withdraw", args: "--course ID --trainee ID [--json]", summary: "Withdraw a trainee from a course; the first on the waiting list moves up.", run: runWithdraw},
		{name: "attend", args: "--session ID --trainee ID --status present|late|excused|absent", summary: "Record a trainee's sign-in for a session.", run: runAttend},
		{name: "score", args: "--course ID --trainee ID --score N", summary: "Record a trainee's assessment score.", run: runScore},
		{name: "complete", args: "--course ID [--dry-run] [--json]", summary: "Decide who completes a course, with the reason for each trainee.", run: runComplete},
		{name: "certificates issue", args: "--course ID [--json]", summary: "Issue completion certificates to everyone who completed the course (all or nothing).", run: runCertIssue},
		{name: "certificates list", args: "[--course ID] [--year Y] [--json]", summary: "List issued certificates.", run: runCertList},
		{name: "certificates void", args: "SERIAL --reason TEXT", summary: "Void a certificate; its serial is kept with the reason.", run: runCertVoid},
		{name: "certificates reissue", args: "SERIAL [--json]", summary: "Reissue a certificate under a new serial linked to the old one.", run: runCertReissue},
	}
}
