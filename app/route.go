package app

import (
	"log"
	"strings"
	"time"

	"peiyang/models"
)

// EnvScreen names the route the window opens on, for screenshots
// ("trainees", "trainees/edit", "courses/attendance", "firstrun" …); the
// program that opens the window reads it (ParseRoute).
const EnvScreen = "PEIYANG_SCREEN"

// Route is where the window opens: a screen, and what to show on it once
// its data are there (a tab, a form, a row), as "screen/show":
//
//   - trainees/detail, trainees/edit: the first elected trainee's detail,
//     or edit form;
//   - courses/overview … courses/completion: a tab of the first running
//     course; courses/session, courses/newsession, courses/edit,
//     courses/new: a form;
//   - mentors/assign, mentors/contact; placements/place,
//     placements/evaluate; returns/return, returns/election: a form;
//     returns/committee: the first committee chosen as a filter;
//   - firstrun: the dashboard with the first-start offer;
//   - tour: every screen in turn, as a user clicking down the sidebar
//     would, for measuring the window (make bench-window).
//
// It is one value, kept by the window and handed to the screen once
// (ui.takeShow), so that screens hold nothing for screenshots.
type Route struct {
	Screen string
	Show   string
}

// ParseRoute reads "screen/show"; an unknown screen is the dashboard.
func ParseRoute(s string) Route {
	if s == "firstrun" || s == "tour" {
		return Route{Screen: "dashboard", Show: s}
	}
	id, show, _ := strings.Cut(strings.TrimSpace(s), "/")
	if screenIndex(id) < 0 {
		return Route{Screen: "dashboard"}
	}
	return Route{Screen: id, Show: show}
}

// String writes the route as ParseRoute reads it.
func (r Route) String() string {
	if r.Show == "" {
		return r.Screen
	}
	return r.Screen + "/" + r.Show
}

// showNeeds is the permission of the routes' forms that change records.
var showNeeds = map[string]models.Permission{
	"edit": models.PermEdit, "new": models.PermEdit, "session": models.PermEdit, "newsession": models.PermEdit,
	"assign": models.PermEdit, "contact": models.PermEdit, "place": models.PermEdit, "evaluate": models.PermEdit,
	"return": models.PermFollowUp, "election": models.PermFollowUp, "firstrun": models.PermEdit,
}

// permitRoute drops a form of the route that the account may not use,
// saying so (permits.go): the screen opens without it.
func (u *ui) permitRoute() {
	if need, ok := showNeeds[u.route.Show]; ok && !u.permit(need) {
		u.route.Show = ""
	}
}

// takeShow returns what the route shows on the screen, once: the screen
// calls it when its data are there, and acts on what it returns ("" for
// nothing).
func (u *ui) takeShow(screen string) string {
	if u.route.Screen != screen || u.route.Show == "" {
		return ""
	}
	show := u.route.Show
	u.route.Show = ""
	return show
}

// peekShow is what takeShow would return, left in place.
func (u *ui) peekShow(screen string) string {
	if u.route.Screen != screen {
		return ""
	}
	return u.route.Show
}

// tourPause is how long the tour stays on each screen: its data arrive
// well within it; the tour starts after tourSettle, the window being
// settled on the dashboard.
const (
	tourPause  = 3 * time.Second
	tourSettle = 8 * time.Second
)

// tour logs "tour: start" once the window has settled, then shows every
// screen in turn, logging each, then "tour done".
func (u *ui) tour() {
	go func() {
		time.Sleep(tourSettle)
		log.Printf("peiyang: tour: start")
		for _, s := range screens {
			time.Sleep(tourPause)
			if u.ctx.Err() != nil {
				return
			}
			id := s.id
			onUI(func() { u.showScreen(id) })
			log.Printf("peiyang: tour: %s", id)
		}
		time.Sleep(tourPause)
		log.Printf("peiyang: tour done")
	}()
}
