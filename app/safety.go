package app

import (
	"context"
	"log"
	"path/filepath"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"peiyang/settings"
)

// Keeping the data safe from the window: a backup on demand, a restore
// from a backup, and the automatic backup when the window closes. The
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
	chooseSaveFile(u.win, "peiyang-"+u.stamp()+".db", ".db", func(path string) { u.writeBackup(path) })
}

// writeBackup writes a backup to path, replacing the empty file the save
// dialog may have made, and confirms it.
func (u *ui) writeBackup(path string) *task {
	return u.runTask(T("safety.backup_title"), func(ctx context.Context, p *Progress) error {
		p.Note(T("safety.backup_working"))
		removeIfEmpty(path)
		return u.opts.Backup(ctx, path)
	}, func() {
		u.showWritten(T("safety.backup_title"), T("safety.backup_done", "File", filepath.Base(path)), path)
	})
}

// askRestore asks for a backup to restore.
func (u *ui) askRestore() {
	if u.opts.Restore == nil {
		return
	}
	chooseOpenFile(u.win, []string{".db"}, u.confirmRestore)
}

// confirmRestore tells what a restore does and, when the user agrees,
// restores the backup.
func (u *ui) confirmRestore(path string) {
	msg := widget.NewLabel(T("safety.restore_confirm", "File", filepath.Base(path)))
	msg.Wrapping = fyne.TextWrapWord
	d := dialog.NewCustomConfirm(T("safety.restore_title"), T("safety.restore_go"), T("button.cancel"),
		fixedWidth(520, msg), func(ok bool) {
			if ok {
				u.restore(path)
			}
		}, u.win)
	closeOnEscape(u.win, d)
	d.Show()
}

// restore restores the backup at path through the Restore hook. Once the
// hook has closed the database the window can do nothing more: it shows
// the outcome and a button that closes it.
func (u *ui) restore(path string) *task {
	var aside string
	var closed bool
	var restoreErr error
	return u.runTask(T("safety.restore_title"), func(ctx context.Context, p *Progress) error {
		p.Note(T("safety.restore_working"))
		aside, closed, restoreErr = u.opts.Restore(context.WithoutCancel(ctx), path)
		if !closed {
			return restoreErr
		}
		return nil
	}, func() {
		u.restored = true
		text := T("safety.restore_done", "File", filepath.Base(path))
		if aside != "" {
			text += "\n" + T("safety.restore_aside", "Aside", aside)
		}
		if restoreErr != nil {
			text = T("safety.restore_failed", "Error", UserMessage(restoreErr))
			logError("restore", restoreErr)
		}
		msg := widget.NewLabel(text + "\n\n" + T("safety.restore_reopen"))
		msg.Wrapping = fyne.TextWrapWord
		quit := widget.NewButton(T("safety.close_window"), func() { u.win.Close() })
		quit.Importance = widget.HighImportance
		u.win.SetMainMenu(nil)
		u.win.SetContent(container.NewCenter(fixedWidth(560, container.NewVBox(
			heading(T("safety.restore_title")), msg, container.NewCenter(quit)))))
	})
}

// autoBackup makes the automatic backup when the window closes, unless one
// was made already on now's day or the data were restored (the database is
// closed then). Failures are logged, without personal data, and never keep
// the window from closing. It returns the backup's path, "" for none.
func (u *ui) autoBackup(ctx context.Context, now time.Time) string {
	if u.opts.AutoBackup == nil || u.restored {
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
	if err := u.svc.Settings.SetSetting(ctx, settingLastAutoBackup, day); err != nil {
		logError("automatic backup", err)
	}
	log.Printf("peiyang: automatic backup written: %s", filepath.Base(path))
	return path
}
