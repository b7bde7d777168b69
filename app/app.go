// Package app is Peiyang's window: a Fyne v2 desktop UI over the same
// store and rules as the command line. It speaks only to the training
// service (and models; reports to print), never to the store.
//
// Structure:
//   - app.go: Run, the main window, the navigation and the screen table;
//   - kit/: the toolkit the screens are built from (forms with their
//     messages, tables, dialogs, inputs, the stale-load guard);
//   - theme.go: the theme with the embedded CJK font;
//   - i18n.go and enum_labels.go: languages and T, the one way to put text
//     on screen;
//   - errors.go: showError, the one way to report a failure;
//   - background.go: goLoad and loadLatest for reads, runTask for long
//     work with a progress bar and a cancel button; results return through
//     onUI (fyne.Do);
//   - forms.go and dialog_form.go: reading and saving a form in a dialog;
//   - one file per screen (dashboard.go, trainees.go, courses.go …), its
//     tabs and forms in files named after them.
//
// To add a screen: write a type with a content() and a shown() method (see
// the screen interface), construct it in a newXxx(u *ui) function, and put
// that function in its row of screenList (screens.go), whose order is the
// sidebar's.
package app

import (
	"context"
	"log"
	"os"
	"runtime/debug"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	fyneapp "fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	_ "peiyang/app/internal/localeenv" // before Fyne's lang package reads the locale
	"peiyang/app/kit"
	"peiyang/assets"
	"peiyang/internal/buildinfo"
	"peiyang/models"
	"peiyang/training"
)

// AppID is the application ID, as in FyneApp.toml.
const AppID = "cn.peiyang.app"

// EnvTiming, when set, makes the window log how long it took to start:
// until the window runs, and until the dashboard shows its data.
const EnvTiming = "PEIYANG_TIMING"

// processStart is about when the program started.
var processStart = time.Now()

// gcPercent is the window's garbage collection target: most of what it
// holds is the fonts' immutable glyph data, so collecting when the heap has
// grown by a tenth, instead of doubled, costs little and keeps the
// window's memory close to what it uses. $GOGC overrides it.
const gcPercent = 10

// Run opens the window over the service and returns when it is closed.
func Run(svc *training.Service, opts Options) error {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(gcPercent)
	}
	fyneapp.SetMetadata(fyne.AppMetadata{ID: AppID, Name: buildinfo.Name, Version: buildinfo.Version(), Build: buildinfo.Build(),
		Icon: iconResource, Migrations: map[string]bool{"fyneDo": true}})
	a := fyneapp.NewWithID(AppID)
	u, err := newUI(a, svc, opts)
	if err != nil {
		return err
	}
	timing := os.Getenv(EnvTiming) != ""
	a.Lifecycle().SetOnStarted(func() {
		u.fitToScreen()
		if timing {
			log.Printf("peiyang: timing: window running %d ms after start", time.Since(processStart).Milliseconds())
		}
	})
	if timing {
		u.liveShown = func(tables []string) {
			log.Printf("peiyang: timing: live update on screen at %d (%s)", time.Now().UnixNano(), strings.Join(tables, ","))
		}
		if u.dashboard != nil {
			u.dashboard.onData = func() {
				log.Printf("peiyang: timing: dashboard data shown %d ms after start (read in %d ms)",
					time.Since(processStart).Milliseconds(), u.dashboard.data.loadDuration.Milliseconds())
			}
		}
	}
	u.win.SetMaster()
	u.win.SetCloseIntercept(func() {
		u.saveWindowSize()
		u.win.Close()
	})
	go u.watchFile(watchInterval)
	u.win.ShowAndRun()
	u.closeDown()
	return nil
}

var iconResource = fyne.NewStaticResource("icon.png", assets.Icon)

// ui is the running window: the service, the main window, the navigation
// and the screens built so far.
type ui struct {
	app    fyne.App
	win    fyne.Window
	svc    *training.Service
	opts   Options
	ctx    context.Context
	cancel context.CancelFunc
	jobs   jobCount // background reads and tasks in flight (tests wait on it)

	nav     *widget.List
	content *fyne.Container
	built   map[string]screen
	current string

	route     Route        // where the window opened; see takeShow
	saving    *saveDialog  // the save dialog opened last; for tests
	printing  *printDialog // the print dialog opened last; for tests
	sharing   *sharedForm  // the shared database dialog opened last; for tests
	dashboard *dashboardScreen
	trainees  *traineesScreen
	closedDB  bool                  // the service is closed for good (a restore that could not reopen)
	onChange  func(tables []string) // after a reload for others' changes (live.go); for tests
	liveShown func(tables []string) // once that reload's data are on screen (live.go); PEIYANG_TIMING
	account   *models.Account       // who uses the window (live.go, may)
	refusal   *kit.Dialog           // the last refusal of an action the account may not take (permits.go); for tests
}

// newUI builds the main window on a (real or test) app.
func newUI(a fyne.App, svc *training.Service, opts Options) (*ui, error) {
	uiSerial.Lock() // callbacks of the reads started here wait for the window
	defer uiSerial.Unlock()
	ctx, cancel := context.WithCancel(context.Background())
	u := &ui{app: a, svc: svc, opts: opts, ctx: ctx, cancel: cancel, built: map[string]screen{}}
	if err := SetLanguage(u.startLanguage()); err != nil {
		cancel()
		return nil, err
	}
	a.Settings().SetTheme(newTheme())
	a.SetIcon(iconResource)
	u.win = a.NewWindow(T("app.title"))
	u.win.Resize(u.savedWindowSize())
	u.win.SetContent(u.layout())
	u.win.SetMainMenu(u.mainMenu())
	u.addShortcuts()

	u.route = opts.Route
	if screenIndex(u.route.Screen) < 0 {
		u.route = Route{Screen: "dashboard"}
	}
	u.permitRoute()
	u.showScreen(u.route.Screen)
	switch u.takeShow("dashboard") {
	case "firstrun":
		u.offerFirstRun()
	case "tour":
		u.tour()
	default:
		u.checkFirstRun()
	}
	u.watchChanges()
	if opts.Notice != nil {
		u.showNotice(opts.Notice)
	}
	return u, nil
}

// switchLanguage keeps the language chosen (zh or en) for the next start
// and rebuilds the window in it, on the same screen; for the settings
// screen. On a file the choice is the database's setting, the person at
// the desk being its admin; on a shared database it is the person's own,
// kept on their machine (Fyne's preferences), the database's setting
// staying the school's default for everyone else.
func (u *ui) switchLanguage(code string) {
	if err := SetLanguage(code); err != nil {
		u.showError(err)
		return
	}
	if u.opts.DBUser != "" {
		u.app.Preferences().SetString(prefLanguage, Language())
		u.rebuild()
		return
	}
	u.jobs.Add(1)
	go func() {
		defer u.jobs.Done()
		if err := u.svc.Settings.SetSetting(u.ctx, SettingLanguage, Language()); err != nil {
			onUI(func() { u.showError(err) })
		}
	}()
	u.rebuild()
}

// prefLanguage is the preference that keeps a person's language on their
// machine when the database is shared.
const prefLanguage = "ui.language"

// startLanguage is the language the window starts in: the one asked for
// (Options.Language), else as ChooseLanguage picks it from $PEIYANG_LANG,
// the person's own choice on a shared database, the database's setting,
// and the locale, in that order.
func (u *ui) startLanguage() string {
	if u.opts.Language != "" {
		return u.opts.Language
	}
	if u.opts.DBUser != "" {
		if own := u.app.Preferences().String(prefLanguage); normLanguage(own) != "" {
			return ChooseLanguage(own)
		}
	}
	saved, err := u.svc.Settings.Setting(u.ctx, SettingLanguage)
	if err != nil {
		logError("read the language setting", err)
	}
	return ChooseLanguage(saved)
}

// rebuild builds the window's screens anew, on the same screen: after a
// change of language or of database.
func (u *ui) rebuild() {
	current := u.current
	u.built, u.current, u.dashboard, u.trainees = map[string]screen{}, "", nil, nil
	u.win.SetTitle(T("app.title"))
	u.win.SetContent(u.layout())
	u.win.SetMainMenu(u.mainMenu())
	u.showScreen(current)
}

// layout is the sidebar beside the current screen.
func (u *ui) layout() fyne.CanvasObject {
	u.nav = widget.NewList(
		func() int { return len(screens) },
		func() fyne.CanvasObject {
			return container.NewHBox(widget.NewIcon(theme.HomeIcon()), widget.NewLabel("screen title"))
		},
		func(id widget.ListItemID, o fyne.CanvasObject) {
			box := o.(*fyne.Container)
			box.Objects[0].(*widget.Icon).SetResource(screens[id].icon())
			box.Objects[1].(*widget.Label).SetText(T(screens[id].title))
		})
	u.nav.OnSelected = func(id widget.ListItemID) {
		if screens[id].id != u.current {
			u.showScreen(screens[id].id)
		}
	}

	title := widget.NewLabelWithStyle(T("app.name"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.SizeName = theme.SizeNameSubHeadingText
	subtitle := widget.NewLabel(T("app.subtitle"))
	subtitle.Wrapping = fyne.TextWrapWord
	db := widget.NewLabel(u.databaseLabel())
	db.Wrapping = fyne.TextWrapBreak
	db.SizeName = theme.SizeNameCaptionText
	header := container.NewVBox(title, subtitle, widget.NewSeparator())
	side := container.NewBorder(header, db, nil, nil, u.nav)
	u.content = container.NewStack()
	// The sidebar keeps one width whatever the screen beside it asks, so
	// that its items stay under the pointer from screen to screen.
	return container.NewBorder(nil, nil, container.NewHBox(kit.Width(sidebarWidth(), side), widget.NewSeparator()), nil, u.content)
}

// sidebarWidth is the sidebar's width: its longest title with its icon,
// the same on every screen.
func sidebarWidth() float32 {
	w := float32(150)
	for _, s := range screens {
		item := container.NewHBox(widget.NewIcon(theme.HomeIcon()), widget.NewLabel(T(s.title)))
		w = max(w, item.MinSize().Width+4*theme.Padding()+theme.ScrollBarSmallSize())
	}
	return w
}

// shortPath returns the file name of a path, "" for none.
func shortPath(p string) string {
	if p == "" {
		return "—"
	}
	if i := strings.LastIndexAny(p, `/\`); i >= 0 {
		return p[i+1:]
	}
	return p
}

// showScreen brings the screen to the front, building it on first use.
func (u *ui) showScreen(id string) {
	i := screenIndex(id)
	if i < 0 {
		return
	}
	s := u.built[id]
	if s == nil {
		s = screens[i].build(u)
		u.built[id] = s
		switch v := s.(type) {
		case *dashboardScreen:
			u.dashboard = v
		case *traineesScreen:
			u.trainees = v
		}
	}
	u.current = id
	u.content.Objects = []fyne.CanvasObject{s.content()}
	u.content.Refresh()
	u.nav.Select(i) // no-op when already selected
	s.shown()
}

// mainMenu holds the screens and the search shortcut; menu shortcuts work
// whichever widget has the focus.
func (u *ui) mainMenu() *fyne.MainMenu {
	find := fyne.NewMenuItem(T("menu.find"), u.focusSearch)
	find.Shortcut = findShortcut
	var goItems []*fyne.MenuItem
	for _, s := range screens {
		id := s.id
		goItems = append(goItems, fyne.NewMenuItem(T(s.title), func() { u.showScreen(id) }))
	}
	demo := fyne.NewMenuItem(T("menu.demo"), u.guard(models.PermEdit, u.offerFirstRun))
	file := []*fyne.MenuItem{demo}
	if u.opts.Backup != nil || u.opts.Restore != nil {
		file = append(file, fyne.NewMenuItemSeparator())
	}
	if u.opts.Backup != nil {
		file = append(file, fyne.NewMenuItem(T("safety.menu_backup"), u.backupNow))
	}
	if u.opts.Restore != nil && u.may(models.PermRestore) {
		file = append(file, fyne.NewMenuItem(T("safety.menu_restore"), u.askRestore))
	}
	if u.opts.OpenShared != nil {
		file = append(file, fyne.NewMenuItemSeparator(), fyne.NewMenuItem(T("shared.menu_open"), u.askShared))
	}
	return fyne.NewMainMenu(
		fyne.NewMenu(T("menu.file"), file...),
		fyne.NewMenu(T("menu.go"), append([]*fyne.MenuItem{find, fyne.NewMenuItemSeparator()}, goItems...)...),
	)
}

// findShortcut is Ctrl+F (Cmd+F on macOS).
var findShortcut = &desktop.CustomShortcut{KeyName: fyne.KeyF, Modifier: fyne.KeyModifierShortcutDefault}

func (u *ui) addShortcuts() {
	u.win.Canvas().AddShortcut(findShortcut, func(fyne.Shortcut) { u.focusSearch() })
}

// focusSearch opens the trainees screen with the focus in its search box.
func (u *ui) focusSearch() {
	u.showScreen("trainees")
	u.win.Canvas().Focus(u.trainees.search)
}

// closeDown runs when the window has closed: it stops the background
// reads and makes the day's automatic backup.
func (u *ui) closeDown() {
	u.cancel()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	u.autoBackup(ctx, time.Now())
}

// waitIdle waits for the background reads and tasks in flight, and for
// what their outcomes started; for tests.
func (u *ui) waitIdle() { u.jobs.Wait() }

// logError logs a failure without personal data: the operation and the
// error's code, field and message template, never its data.
func logError(op string, err error) {
	if err == nil {
		return
	}
	log.Printf("peiyang: %s: %s", op, logText(err))
}
