package models

import (
	"strings"
	"unicode"
)

// Elections as the law has them. A party organisation's committee has a
// secretary (书记), deputy secretaries (副书记) and members (委员), and its
// secretary may also be the elected chair of the villagers' or residents'
// committee (书记兼主任, 一肩挑); a villagers' or residents' committee has a
// chair (主任), deputy chairs (副主任) and members. The members of a
// villagers' committee are elected by the villagers (Organic Law of the
// Villagers' Committees, art. 11; of a residents' committee, Organic Law
// of the Urban Residents' Committees, art. 8): nobody is appointed to it,
// so appointment by the higher party organisation (上级党组织任命) is
// possible only for the posts of a party committee, and not for
// 书记兼主任, whose chair is elected.

// Messages of the election rules.
const (
	MsgPostNotOnCommittee = "The {{.Committee}} has no post of {{.Post}}: choose one of {{.Posts}}."
	MsgBothOnParty        = "Secretary and chair held by one person is recorded on the party organisation's committee."
	MsgAppointedElected   = "Members of a villagers' or residents' committee are elected (Organic Law of the Villagers' Committees, art. 11): nobody can be appointed to the {{.Committee}}. Record the result of the election."
	MsgAppointedBoth      = "Secretary and chair cannot be appointed: the chair is elected by the villagers or residents. Record the appointment as secretary and the election as chair of the villagers' or residents' committee."
)

// PostsOf lists the posts of a committee, nil for an unknown one.
func PostsOf(c Committee) []Post {
	switch {
	case c.IsParty():
		return []Post{PostSecretary, PostDeputySecretary, PostMember, PostBoth}
	case oneOf(c, Committees):
		return []Post{PostChair, PostDeputyChair, PostMember}
	}
	return nil
}

// ResultsFor lists the results that a post on a committee can have:
// appointment by the higher party organisation only for a party
// committee's posts other than 书记兼主任.
func ResultsFor(c Committee, p Post) []ElectionResult {
	if c.IsParty() && p != PostBoth {
		return ElectionResults
	}
	return []ElectionResult{Elected, NotElected}
}

// checkSeat adds the errors of a post the committee does not have and of
// an appointment the law does not allow. Unknown values are left to the
// checks that name them.
func checkSeat(l *ErrorList, c Committee, p Post, r ElectionResult) {
	if !oneOf(c, Committees) || !oneOf(p, Posts) {
		return
	}
	if !oneOf(p, PostsOf(c)) {
		if p == PostBoth {
			l.Add("post", MsgBothOnParty)
		} else {
			l.Add("post", MsgPostNotOnCommittee, "Committee", c.Label(), "Post", p.Label(), "Posts", postList(PostsOf(c)))
		}
		return
	}
	if r != Appointed {
		return
	}
	switch {
	case !c.IsParty():
		l.Add("result", MsgAppointedElected, "Committee", c.Label())
	case p == PostBoth:
		l.Add("result", MsgAppointedBoth)
	}
}

// SeatProblems returns the broken election rules of an election already
// on record (see checkSeat), nil when it keeps them.
func (e *Election) SeatProblems() ErrorList {
	var l ErrorList
	checkSeat(&l, e.Committee, e.Post, e.Result)
	return l
}

func postList(ps []Post) Labels {
	names := make(Labels, len(ps))
	for i, p := range ps {
		names[i] = p.Label()
	}
	return names
}

// Messages of ParseSeat and ParseElectionResult.
const (
	MsgNotAPost    = "Not a post: {{.Text}}. Write 书记, 副书记, 主任, 副主任, 委员 or 书记兼主任 (一肩挑), with the committee when it is not clear."
	MsgDeputyPost  = "副职 is not a post: write 副书记 (party committee) or 副主任 (villagers' or residents' committee)."
	MsgNoCommittee = "Say which committee {{.Text}} sits on: the party organisation's (村党组织) or the villagers' or residents' (村民委员会)."
	MsgNotAResult  = "Not an election result: {{.Text}}. Write 当选, 未当选 or 上级党组织任命."
)

// side is the committee a text names: the party organisation's, the
// villagers' or residents', neither, or both at once.
type side int

const (
	unknownSide side = iota
	partySide
	peopleSide
	bothSides
)

// ParseSeat reads a post as ledgers and people write it, with its
// committee in the same text or apart (either may be empty): 书记兼主任,
// 书记、主任 and 一肩挑 are the party committee's 书记兼主任; 党支部书记 and
// 支部委员 the party committee's; 村委会主任 and 居委会委员 the villagers'
// or residents'; 书记 and 副书记 belong to the party committee and 主任 and
// 副主任 to the other; 委员 needs its committee. The programme's own
// values (secretary, villagers ...) are read too. community chooses the
// committees of an urban community (社区党组织委员会, 居民委员会) over a
// village's. The post must be one the committee has.
func ParseSeat(post, committee string, community bool) (Committee, Post, error) {
	p := seatText(post)
	c := seatText(committee)
	if oneOf(Post(p), Posts) && (c == "" || oneOf(Committee(c), Committees)) {
		cm := Committee(c)
		if cm == "" {
			cm = sideCommittee(sideOfPost(Post(p)), community)
		}
		return seat(cm, Post(p), post)
	}
	text := p + "|" + c
	if strings.Contains(text, "副职") {
		return "", "", Errorf(EINVALID, "post", MsgDeputyPost)
	}
	sd := sideOf(c)
	if oneOf(Committee(c), Committees) {
		sd = sideOfCommittee(Committee(c))
	}
	if sd == unknownSide || sd == bothSides {
		sd = sideOf(p)
	}
	var pp Post
	switch {
	case strings.Contains(p, "一肩挑") || strings.Contains(p, "兼") && strings.Contains(p, "主任") && strings.Contains(p, "书记") ||
		strings.Contains(p, "书记") && strings.Contains(p, "主任") && !strings.Contains(p, "副"):
		pp, sd = PostBoth, partySide
	case strings.Contains(p, "副书记"):
		pp = PostDeputySecretary
	case strings.Contains(p, "书记"):
		pp = PostSecretary
	case strings.Contains(p, "副主任"):
		pp = PostDeputyChair
	case strings.Contains(p, "主任"):
		pp = PostChair
	case strings.Contains(p, "委员") || strings.Contains(p, "成员"):
		pp = PostMember
	default:
		return "", "", Errorf(EINVALID, "post", MsgNotAPost, "Text", strings.TrimSpace(post))
	}
	if sd == unknownSide || sd == bothSides {
		sd = sideOfPost(pp)
	}
	if sd == unknownSide {
		return "", "", Errorf(EINVALID, "committee", MsgNoCommittee, "Text", strings.TrimSpace(post))
	}
	return seat(sideCommittee(sd, community), pp, post)
}

// seat checks that the committee has the post.
func seat(c Committee, p Post, text string) (Committee, Post, error) {
	if c == "" {
		return "", "", Errorf(EINVALID, "committee", MsgNoCommittee, "Text", strings.TrimSpace(text))
	}
	if !oneOf(p, PostsOf(c)) {
		if p == PostBoth {
			return "", "", Errorf(EINVALID, "post", MsgBothOnParty)
		}
		return "", "", Errorf(EINVALID, "post", MsgPostNotOnCommittee, "Committee", c.Label(), "Post", p.Label(), "Posts", postList(PostsOf(c)))
	}
	return c, p, nil
}

// seatText folds full-width forms, drops spaces and quotation marks and
// lowercases Latin letters.
func seatText(s string) string {
	return strings.Map(func(r rune) rune {
		r = HalfWidth(r)
		if unicode.IsSpace(r) || strings.ContainsRune("\"'“”‘’「」", r) {
			return -1
		}
		return unicode.ToLower(r)
	}, s)
}

// sideOf says which committee a text names: the party organisation's,
// the villagers' or residents', neither or both.
func sideOf(s string) side {
	party := false
	for _, w := range []string{"党", "支部", "支委", "总支"} {
		party = party || strings.Contains(s, w)
	}
	people := false
	for _, w := range []string{"村委", "居委", "村民委员会", "居民委员会", "村民小组"} {
		people = people || strings.Contains(s, w)
	}
	switch {
	case party && people:
		return bothSides
	case party:
		return partySide
	case people:
		return peopleSide
	}
	return unknownSide
}

func sideOfCommittee(c Committee) side {
	if c.IsParty() {
		return partySide
	}
	return peopleSide
}

// sideOfPost is the committee a post belongs to by its title alone.
func sideOfPost(p Post) side {
	switch p {
	case PostSecretary, PostDeputySecretary, PostBoth:
		return partySide
	case PostChair, PostDeputyChair:
		return peopleSide
	}
	return unknownSide
}

func sideCommittee(s side, community bool) Committee {
	switch {
	case s == partySide && community:
		return CommitteeCommunityParty
	case s == partySide:
		return CommitteeVillageParty
	case s == peopleSide && community:
		return CommitteeResidents
	case s == peopleSide:
		return CommitteeVillagers
	}
	return ""
}

// resultWords are the ways people write an election's result.
var resultWords = map[string]ElectionResult{
	"当选": Elected, "选举": Elected, "选举产生": Elected, "选上": Elected, "已当选": Elected,
	"未当选": NotElected, "落选": NotElected, "未选上": NotElected,
	"任命": Appointed, "上级党组织任命": Appointed, "上级任命": Appointed, "党组织任命": Appointed, "组织任命": Appointed,
}

// ParseElectionResult reads an election's result: 当选 (选举产生),
// 未当选 (落选), 上级党组织任命 (任命), or the programme's own values.
func ParseElectionResult(text string) (ElectionResult, error) {
	t := seatText(text)
	if oneOf(ElectionResult(t), ElectionResults) {
		return ElectionResult(t), nil
	}
	if r, ok := resultWords[t]; ok {
		return r, nil
	}
	return "", Errorf(EINVALID, "result", MsgNotAResult, "Text", strings.TrimSpace(text))
}
