package app

import (
	"context"
	"errors"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"peiyang/app/kit"
)

// Work off the UI thread. The window never waits for the store: reads run
// in goroutines through goLoad, long work (printing batches, imports,
// exports, demo data) through runTask with a progress dialog and a cancel
// button. Either way the results come back to the UI thread through
// onUI (fyne.Do), and widgets are touched only there.

// uiSerial makes UI callbacks run one at a time. Fyne's driver runs
// fyne.Do callbacks on its one UI thread anyway; its test driver runs them
// at once on the calling goroutine, where the lock keeps them apart.
var uiSerial sync.Mutex

// onUI runs fn on the UI thread, after the work in hand; call it from
// goroutines only.
func onUI(fn func()) {
	fyne.Do(func() {
		uiSerial.Lock()
		defer uiSerial.Unlock()
		fn()
	})
}

// onUIWait runs fn on the UI thread and waits for it to return; call it
// from goroutines only.
func onUIWait(fn func()) {
	fyne.DoAndWait(func() {
		uiSerial.Lock()
		defer uiSerial.Unlock()
		fn()
	})
}

// jobCount counts the background work in flight, like a
// sync.WaitGroup whose Wait may meet new work being added (a live
// update's reads start whenever another user saves): Wait returns once
// nothing is in flight.
type jobCount struct {
	mu   sync.Mutex
	idle *sync.Cond
	n    int
}

// Add adds d to the work in flight.
func (j *jobCount) Add(d int) {
	j.mu.Lock()
	defer j.mu.Unlock()
	if j.n += d; j.n < 0 {
		panic("app: negative job count")
	}
	if j.n == 0 && j.idle != nil {
		j.idle.Broadcast()
	}
}

// Done ends one piece of work.
func (j *jobCount) Done() { j.Add(-1) }

// Wait waits until no work is in flight.
func (j *jobCount) Wait() {
	j.mu.Lock()
	defer j.mu.Unlock()
	if j.idle == nil {
		j.idle = sync.NewCond(&j.mu)
	}
	for j.n > 0 {
		j.idle.Wait()
	}
}

// goLoad runs load in the background and hands its result to done on the
// UI thread; a failure goes to showError instead (and done is not
// called). A screen that may start the same load again before the last
// one returned uses loadLatest.
func goLoad[T any](u *ui, load func(ctx context.Context) (T, error), done func(T)) {
	goLoadIf(u, nil, load, done)
}

// loadLatest is goLoad for a load the user may move on from (another
// course chosen, the filter typed on): it starts a new load of latest, and
// only the latest one's result, or failure, is shown.
func loadLatest[T any](u *ui, latest *kit.Latest, load func(ctx context.Context) (T, error), done func(T)) {
	t := latest.Next()
	goLoadIf(u, t.Current, load, done)
}

// goLoadIf runs load in the background and, when current (if any) still
// says so, hands its result to done or its failure to showError.
func goLoadIf[T any](u *ui, current func() bool, load func(ctx context.Context) (T, error), done func(T)) {
	u.jobs.Add(1)
	go func() {
		defer u.jobs.Done()
		v, err := load(u.ctx)
		onUI(func() {
			switch {
			case current != nil && !current():
			case err == nil:
				done(v)
			case !errors.Is(err, context.Canceled):
				u.showError(err)
			}
		})
	}()
}

// goLoadOrFail runs work in the background and hands its result or error
// to done on the UI thread (a cancelled context aside).
func goLoadOrFail[T any](u *ui, work func(ctx context.Context) (T, error), done func(T, error)) {
	u.jobs.Add(1)
	go func() {
		defer u.jobs.Done()
		v, err := work(u.ctx)
		if u.ctx.Err() != nil {
			return
		}
		onUI(func() { done(v, err) })
	}()
}

// saveInBackground runs save off the UI thread, one at a time: *busy is
// set while it runs (a second submit meanwhile is for the caller to
// ignore), and done gets save's error on the UI thread, after *busy is
// cleared. Forms use it for their Save.
func (u *ui) saveInBackground(busy *bool, save func(ctx context.Context) error, done func(err error)) {
	*busy = true
	u.jobs.Add(1)
	go func() {
		defer u.jobs.Done()
		err := save(u.ctx)
		onUI(func() {
			*busy = false
			done(err)
		})
	}()
}

// Progress is how long work reports how far it has come. Its methods may
// be called from any goroutine, as often as is convenient: the dialog is
// updated at most every 50 ms.
type Progress struct {
	mu      sync.Mutex
	frac    float64 // 0 to 1, or -1 while the total is unknown
	note    string
	pending bool
	update  func(frac float64, note string)
}

// Set reports done units of total; total 0 or less means unknown.
func (p *Progress) Set(done, total int) {
	f := -1.0
	if total > 0 {
		f = min(1, float64(done)/float64(total))
	}
	p.post(f, "", false)
}

// Note reports what is being done now ("Writing the database…").
func (p *Progress) Note(text string) { p.post(0, text, true) }

func (p *Progress) post(frac float64, note string, isNote bool) {
	p.mu.Lock()
	if isNote {
		p.note = note
	} else {
		p.frac = frac
	}
	if p.pending {
		p.mu.Unlock()
		return
	}
	p.pending = true
	p.mu.Unlock()
	time.AfterFunc(50*time.Millisecond, func() {
		p.mu.Lock()
		f, n := p.frac, p.note
		p.pending = false
		p.mu.Unlock()
		onUI(func() { p.update(f, n) })
	})
}

// task is a piece of long work shown in a progress dialog.
type task struct {
	dialog *dialog.CustomDialog
	cancel context.CancelFunc
	done   chan struct{} // closed when the work has returned and been handled
}

// runTask runs work in the background with a dialog holding a progress
// bar and a Cancel button; cancelling cancels work's context, and work
// should return soon after. When work returns, the dialog closes and, on
// the UI thread, a failure goes to showError, a cancellation to a short
// notice, and success to done (which may be nil). Until then the task is
// background work that waitIdle waits for.
func (u *ui) runTask(title string, work func(ctx context.Context, p *Progress) error, done func()) *task {
	return u.runTaskThen(title, work, func(err error, cancelled bool) {
		switch {
		case cancelled:
			dialog.ShowInformation(title, T("task.cancelled"), u.win)
		case err != nil:
			u.showError(err)
		case done != nil:
			done()
		}
	})
}

// runTaskThen is runTask handing the outcome, whatever it is, to finish on
// the UI thread: cancelled tells that the user cancelled and work gave up
// (err nil or context.Canceled). For work that has its own account to give
// of a failure or a cancel.
func (u *ui) runTaskThen(title string, work func(ctx context.Context, p *Progress) error, finish func(err error, cancelled bool)) *task {
	ctx, cancel := context.WithCancel(u.ctx)
	note := widget.NewLabel(T("task.working"))
	note.Wrapping = fyne.TextWrapWord
	bar := widget.NewProgressBar()
	bar.Hide()
	spinner := widget.NewProgressBarInfinite()
	t := &task{cancel: cancel, done: make(chan struct{})}
	var stop *widget.Button
	stop = widget.NewButtonWithIcon(T("button.cancel"), theme.CancelIcon(), func() {
		stop.SetText(T("task.cancelling"))
		stop.Disable()
		cancel()
	})
	body := container.NewVBox(note, container.NewStack(bar, spinner))
	t.dialog = dialog.NewCustomWithoutButtons(title, kit.Width(420, body), u.win)
	t.dialog.SetButtons([]fyne.CanvasObject{stop})
	p := &Progress{frac: -1, update: func(f float64, n string) {
		if n != "" {
			note.SetText(n)
		}
		if f < 0 {
			bar.Hide()
			spinner.Show()
			return
		}
		spinner.Hide()
		spinner.Stop()
		bar.Show()
		bar.SetValue(f)
	}}
	t.dialog.Show()
	// The task counts as background work until its outcome has been
	// handled on the UI thread, so that waitIdle also waits for what the
	// outcome starts (done reloading a screen, say).
	u.jobs.Add(1)
	go func() {
		defer u.jobs.Done()
		err := work(ctx, p)
		cancelled := ctx.Err() != nil && (err == nil || errors.Is(err, context.Canceled))
		onUI(func() {
			defer close(t.done)
			spinner.Stop()
			t.dialog.Hide()
			cancel()
			finish(err, cancelled)
		})
	}()
	return t
}
