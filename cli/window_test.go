package cli

import (
	"errors"

	"peiyang/app"
	"peiyang/training"
)

// Tests never open the window, display or not.
func init() {
	runWindow = func(*training.Service, app.Options) error {
		return errors.New("the window is not opened in tests")
	}
}
