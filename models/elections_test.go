package models

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"
)

func validElection(c Committee, p Post, r ElectionResult) *Election {
	return &Election{ReturnID: 1, Date: MustDate("2025-03-01"), Committee: c, Post: p, Result: r, TermYears: 5}
}

// Every combination of committee, post and result is accepted exactly
// when the committee has the post and the law allows the result.
func TestElectionSeatRules(t *testing.T) {
	party := map[Committee]bool{CommitteeVillageParty: true, CommitteeCommunityParty: true}
	partyPosts := []Post{PostSecretary, PostDeputySecretary, PostMember, PostBoth}
	peoplePosts := []Post{PostChair, PostDeputyChair, PostMember}
	for _, c := range Committees {
		for _, p := range Posts {
			for _, r := range ElectionResults {
				hasPost := slices.Contains(peoplePosts, p)
				if party[c] {
					hasPost = slices.Contains(partyPosts, p)
				}
				lawful := r != Appointed || party[c] && p != PostBoth
				err := validElection(c, p, r).Validate()
				if ok := hasPost && lawful; ok != (err == nil) {
					t.Errorf("%s %s %s: err = %v, want ok = %v", c, p, r, err, ok)
				}
				if got := slices.Contains(PostsOf(c), p); got != hasPost {
					t.Errorf("PostsOf(%s) holds %s = %v", c, p, got)
				}
				if got := slices.Contains(ResultsFor(c, p), r); hasPost && got != lawful {
					t.Errorf("ResultsFor(%s, %s) holds %s = %v", c, p, r, got)
				}
			}
		}
	}
}

func TestElectionRefusalsSayWhy(t *testing.T) {
	for _, tc := range []struct {
		e     *Election
		field string
		want  string
	}{
		{validElection(CommitteeVillagers, PostSecretary, Elected), "post", "村民委员会"},
		{validElection(CommitteeVillagers, PostChair, Appointed), "result", "art. 11"},
		{validElection(CommitteeResidents, PostMember, Appointed), "result", "居民委员会"},
		{validElection(CommitteeVillageParty, PostBoth, Appointed), "result", "chair is elected"},
		{validElection(CommitteeVillagers, PostBoth, Elected), "post", "party organisation's committee"},
		{validElection(CommitteeVillageParty, Post("deputy"), Elected), "post", "Choose the post."},
	} {
		err := tc.e.Validate()
		l, ok := err.(ErrorList)
		if !ok {
			t.Fatalf("%+v: err = %v, want an ErrorList", tc.e, err)
		}
		e := l.ByField()[tc.field]
		if e == nil || !strings.Contains(e.Error(), tc.want) {
			t.Errorf("%s %s %s: %v, want on %s a message with %q", tc.e.Committee, tc.e.Post, tc.e.Result, err, tc.field, tc.want)
		}
	}
	if l := validElection(CommitteeVillageParty, PostSecretary, Appointed).SeatProblems(); l != nil {
		t.Errorf("an appointed secretary: %v", l)
	}
	// The committee and the posts are glossary terms in the message's
	// data: Chinese in text and JSON, either language in the window.
	e := validElection(CommitteeVillagers, PostSecretary, Elected).SeatProblems()[0]
	if got := Render(e.Message, e.Data); got != "The 村民委员会 has no post of 书记: choose one of 主任、副主任、委员." {
		t.Errorf("message %q", got)
	}
	if b, err := json.Marshal(e.Data); err != nil || string(b) != `{"Committee":"村民委员会","Post":"书记","Posts":"主任、副主任、委员"}` {
		t.Errorf("data in JSON %s %v", b, err)
	}
	if got := e.Data["Posts"].(Labels).In("en"); got != "Chair, Deputy chair, Member" {
		t.Errorf("posts in English %q", got)
	}
}

func TestParseSeat(t *testing.T) {
	for _, tc := range []struct {
		post, committee string
		community       bool
		c               Committee
		p               Post
	}{
		{"书记、主任", "", false, CommitteeVillageParty, PostBoth},
		{"一肩挑", "", true, CommitteeCommunityParty, PostBoth},
		{"村党组织书记、村委会主任", "", false, CommitteeVillageParty, PostBoth},
		{"书记兼主任", "村民委员会", false, CommitteeVillageParty, PostBoth},
		{"党支部书记", "", false, CommitteeVillageParty, PostSecretary},
		{"村委会主任", "", false, CommitteeVillagers, PostChair},
		{"居委会主任", "", true, CommitteeResidents, PostChair},
		{"主任", "", true, CommitteeResidents, PostChair},
		{"副主任", "", false, CommitteeVillagers, PostDeputyChair},
		{"副书记", "", false, CommitteeVillageParty, PostDeputySecretary},
		{"社区党委副书记", "", true, CommitteeCommunityParty, PostDeputySecretary},
		{"委员", "村“两委”中的村民委员会", false, CommitteeVillagers, PostMember},
		{"委员", "村党支部", false, CommitteeVillageParty, PostMember},
		{"支部委员", "", false, CommitteeVillageParty, PostMember},
		{"村民委员会委员", "", false, CommitteeVillagers, PostMember},
		{" 书 记 ", "", false, CommitteeVillageParty, PostSecretary},
		{"secretary", "village_party", false, CommitteeVillageParty, PostSecretary},
		{"deputy_chair", "", true, CommitteeResidents, PostDeputyChair},
		{"member", "residents", true, CommitteeResidents, PostMember},
	} {
		c, p, err := ParseSeat(tc.post, tc.committee, tc.community)
		if err != nil || c != tc.c || p != tc.p {
			t.Errorf("ParseSeat(%q, %q, %v) = %s, %s, %v; want %s, %s", tc.post, tc.committee, tc.community, c, p, err, tc.c, tc.p)
		}
	}
	for _, tc := range []struct{ post, committee, want string }{
		{"书记", "村民委员会", "no post of 书记"},
		{"主任", "党支部", "no post of 主任"},
		{"副职", "村委会", "副职 is not a post"},
		{"委员", "", "Say which committee"},
		{"村“两委”委员", "", "Say which committee"},
		{"会计", "", "Not a post: 会计"},
		{"chair", "village_party", "no post of 主任"},
		{"", "", "Not a post"},
	} {
		_, _, err := ParseSeat(tc.post, tc.committee, false)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("ParseSeat(%q, %q) err = %v, want %q", tc.post, tc.committee, err, tc.want)
		}
	}
}

func TestParseElectionResult(t *testing.T) {
	for text, want := range map[string]ElectionResult{
		"当选": Elected, "选举产生": Elected, "未当选": NotElected, "落选": NotElected,
		"任命": Appointed, "上级党组织任命": Appointed, "appointed": Appointed, " 当 选 ": Elected,
	} {
		if got, err := ParseElectionResult(text); err != nil || got != want {
			t.Errorf("ParseElectionResult(%q) = %s, %v; want %s", text, got, err, want)
		}
	}
	if _, err := ParseElectionResult("委派"); err == nil {
		t.Error("委派 is read as a result")
	}
}

// Every value of every closed set has its wording in both languages.
func TestGlossaryCoversEveryValue(t *testing.T) {
	for kind, values := range ValueKinds() {
		for _, v := range values {
			l := Term(kind + "." + v)
			if l.Zh == "" || l.En == "" {
				t.Errorf("%s.%s has no wording: %+v", kind, v, l)
			}
		}
	}
	if got := Post("deputy").Chinese(); got != "deputy" {
		t.Errorf("an unknown value prints as %q, want itself", got)
	}
}
