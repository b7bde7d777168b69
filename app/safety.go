package app

import (
	"context"
	"errors"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"peiyang/app/kit"
	"peiyang/internal/userfile"
	"peiyang/models"
	"peiyang/settings"
	"peiyang/training"
)

// Keeping the data safe from the window: a backup on demand, a restore
// from a backup (after which the window goes on over the restored data),
// the automatic backup when the window closes, and a watch on the
// database file, which tells the user when another program replaced it. The
// window cannot reach the database file itself (it speaks to the training
// service only), so the program that opens the window hands it these as
// Options hooks (see cli's openWindow).

// settingLastAutoBackup holds the day (2006-01-02) of the last automatic
// backup, so that closing the window backs up at most once a day.
const settingLastAutoBackup = settings.LastAutoBackup

// backupNow asks where to save a backup and writes it there.
func (u *ui) backupNow() {
	if u.opts.Backup == nil {
		return
	}
	u.askSave(docBackups, T("safety.backup_title"), "peiyang-"+u.stamp()+".db", ".db", func(path string) { u.writeBackup(path) })
}

// writeBackup writes a backup to path and says where it went.
func (u *ui) writeBackup(path string) *task {
	return u.runTask(T("safety.backup_title"), func(ctx context.Context, p *Progress) error {
		p.Note(T("safety.backup_working"))
		return u.backupTo(ctx, path)
	}, func() {
		u.showSaved(T("safety.backup_title"), T("safety.backup_done", "File", filepath.Base(path)), path)
	})
}

// backupTo writes the backup to path. The backup refuses a file that is
// there already; one the user agreed to replace is replaced only once the
// new backup is whole (written beside it, then renamed over it).
func (u *ui) backupTo(ctx context.Context, path string) error {
	if _, err := os.Stat(path); err != nil {
		return u.opts.Backup(ctx, path)
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".peiyang-backup-*.db")
	if err != nil {
		return userfile.WriteBytes(path, nil) // the same refusal, in the user's words
	}
	tmp.Close()
	os.Remove(tmp.Name())
	if err := u.opts.Backup(ctx, tmp.Name()); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		os.Remove(tmp.Name())
		return fmt.Errorf("app: replace %s: %w", filepath.Base(path), err)
	}
	return nil
}

// askRestore asks for a backup to restore.
func (u *ui) askRestore() {
	if u.opts.Restore == nil {
		return
	}
	u.chooseFile(docBackups, T("safety.restore_title"), []string{".db"}, u.confirmRestore)
}

// confirmRestore tells what a restore does and, when the user agrees,
// restores the backup.
func (u *ui) confirmRestore(path string) {
	kit.Confirm(u.win, T("safety.restore_title"), T("safety.restore_confirm", "File", filepath.Base(path)),
		T("safety.restore_go"), func() { u.restore(path) })
}

// restore restores the backup at path through the Restore hook, and goes
// on over the database the restore leaves: the restored one, or the
// original one when the restore was refused, failed or was cancelled.
func (u *ui) restore(path string) *task {
	var out Restored
	return u.runTaskThen(T("safety.restore_title"), func(ctx context.Context, p *Progress) error {
		p.Note(T("safety.restore_working"))
		var err error
		out, err = u.opts.Restore(ctx, path)
		return err
	}, func(err error, _ bool) {
		u.afterRestore(path, out, err)
	})
}

// afterRestore switches the window to the service the restore left and
// tells how it went.
func (u *ui) afterRestore(path string, out Restored, err error) {
	title := T("safety.restore_title")
	if err != nil {
		logError("restore", err)
	}
	switch {
	case out.Service != nil:
		u.svc = out.Service
		u.rebuild()
	case out.Closed:
		u.closeOver(title, T("safety.restore_failed", "Error", UserMessage(err)))
		return
	}
	switch {
	case err == nil:
		text := T("safety.restore_done", "File", filepath.Base(path))
		if out.Aside != "" {
			text += "\n" + T("safety.restore_aside", "Aside", out.Aside)
		}
		u.inform(title, text)
	case errors.Is(err, context.Canceled):
		u.inform(title, T("safety.restore_cancelled"))
	default:
		u.inform(title, T("safety.restore_failed", "Error", UserMessage(err))+"\n"+T("safety.restore_kept"))
	}
}

// closeOver replaces the window's content, when its database is closed
// for good, with the message and a button that closes the window.
func (u *ui) closeOver(title, text string) {
	u.closedDB = true
	msg := widget.NewLabel(text + "\n\n" + T("safety.restore_reopen"))
	msg.Wrapping = fyne.TextWrapWord
	quit := widget.NewButton(T("safety.close_window"), func() { u.win.Close() })
	quit.Importance = widget.HighImportance
	u.win.SetMainMenu(nil)
	u.win.SetContent(container.NewCenter(kit.Width(560, container.NewVBox(
		kit.Heading(title), msg, container.NewCenter(quit)))))
}

// inform shows a message in a dialog.
func (u *ui) inform(title, text string) { kit.Inform(u.win, title, text) }

// showNotice shows a message the program left for the window's start.
func (u *ui) showNotice(note *models.Error) {
	u.inform(T("safety.notice_title"), ErrorText(note))
}

// watchInterval is how often the window checks that the file at its
// database's path is still the one it has open.
const watchInterval = 2 * time.Second

// watchFile checks every interval, until the window closes, whether
// another file has replaced the database under the window (a restore or a
// copy made by another program), and then reopens on the new file.
func (u *ui) watchFile(interval time.Duration) {
	if u.opts.Replaced == nil || u.opts.Reopen == nil {
		return
	}
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		select {
		case <-u.ctx.Done():
			return
		case <-t.C:
		}
		if !u.opts.Replaced() {
			continue
		}
		done := make(chan struct{})
		onUI(func() {
			tk := u.reopenReplaced()
			go func() { <-tk.done; close(done) }()
		})
		select {
		case <-u.ctx.Done():
			return
		case <-done:
		}
	}
}

// reopenReplaced reopens the window on the file that replaced its
// database and tells the user.
func (u *ui) reopenReplaced() *task {
	var svc *training.Service
	title := T("safety.replaced_title")
	return u.runTaskThen(title, func(ctx context.Context, p *Progress) error {
		var err error
		svc, err = u.opts.Reopen(context.WithoutCancel(ctx))
		return err
	}, func(err error, _ bool) {
		if err != nil {
			logError("reopen", err)
			u.closeOver(title, T("safety.replaced_failed", "File", shortPath(u.opts.DBPath), "Error", UserMessage(err)))
			return
		}
		u.svc = svc
		u.rebuild()
		u.inform(title, T("safety.replaced", "File", shortPath(u.opts.DBPath)))
	})
}

// autoBackup makes the automatic backup when the window closes, unless one
// was made already on now's day or the database is closed for good. Failures are logged, without personal data, and never keep
// the window from closing. It returns the backup's path, "" for none.
func (u *ui) autoBackup(ctx context.Context, now time.Time) string {
	// A region account or a viewer keeps no day's backup of the school's
	// database: it could not record it (so every close would make one
	// again) and reads only part of it.
	if u.opts.AutoBackup == nil || u.closedDB || !u.may(models.PermEdit) {
		return ""
	}
	day := now.Format("2006-01-02")
	last, err := u.svc.Settings.Setting(ctx, settingLastAutoBackup)
	if err != nil {
		logError("automatic backup", err)
		return ""
	}
	if strings.TrimSpace(last) == day {
		return ""
	}
	path, err := u.opts.AutoBackup(ctx, now)
	if err != nil {
		logError("automatic backup", err)
		return ""
	}
	if path == "" {
		return "" // none to make (a shared database without a backup folder set)
	}
	if err := u.svc.Settings.SetSetting(ctx, settingLastAutoBackup, day); err != nil {
		logError("automatic backup", err)
	}
	log.Printf("peiyang: automatic backup written: %s", filepath.Base(path))
	return path
}
