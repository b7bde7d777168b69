package store_test

import (
	"context"
	"fmt"
	"reflect"
	"sort"
	"testing"

	"peiyang/internal/people"
	"peiyang/models"
	"peiyang/store"
)

// searchDB holds trainees with chosen names, ID numbers and phones.
func searchDB(t *testing.T) (*store.DB, map[string]*models.Trainee) {
	t.Helper()
	db := newDB(t)
	byName := map[string]*models.Trainee{}
	people := []struct{ name, phone string }{
		{"赵明阳", "13812345678"},
		{"张伟", "13900001111"},
		{"王伟", "028-86601234"},
		{"张伟东", ""},
		{"曾国华", "15011112222"},
		{"单田芳", "15033334444"},
		{"欧阳娜娜", "18655556666"},
		{"阿依古丽·买买提", "18977778888"},
		{"李明", "17700009999"},
	}
	for i, p := range people {
		tr := &models.Trainee{Name: p.name, IDNumber: idNumber(400 + i), Phone: p.phone, Direction: models.Inflow}
		must(t, db.CreateTrainee(ctx, tr))
		byName[p.name] = tr
	}
	// an ID number ending in X
	x := &models.Trainee{Name: "何晓", Direction: models.Inflow}
	for seq := 500; ; seq++ {
		if id := idNumber(seq); id[17] == 'X' {
			x.IDNumber = id
			break
		}
	}
	must(t, db.CreateTrainee(ctx, x))
	byName[x.Name] = x
	return db, byName
}

func names(ts []*models.Trainee) []string {
	out := []string{}
	for _, t := range ts {
		out = append(out, t.Name)
	}
	return out
}

func sorted(s []string) []string {
	s = append([]string{}, s...)
	sort.Strings(s)
	return s
}

func TestSearchTrainees(t *testing.T) {
	if bothStores(t, TestSearchTrainees) {
		return
	}
	db, by := searchDB(t)
	zhao := by["赵明阳"]
	everyone := []string{}
	for n := range by {
		everyone = append(everyone, n)
	}
	tests := []struct {
		name, query string
		want        []string // in any order
	}{
		{"one character of the name", "明", []string{"赵明阳", "李明"}},
		{"one character, the surname", "张", []string{"张伟", "张伟东"}},
		{"two characters", "伟东", []string{"张伟东"}},
		{"two characters inside", "明阳", []string{"赵明阳"}},
		{"whole name", "赵明阳", []string{"赵明阳"}},
		{"full pinyin", "zhaomingyang", []string{"赵明阳"}},
		{"pinyin in capitals and spaced", " Zhao Ming Yang ", []string{"赵明阳"}},
		{"pinyin prefix", "zhaom", []string{"赵明阳"}},
		{"given name's pinyin", "mingyang", []string{"赵明阳"}},
		{"initials", "zmy", []string{"赵明阳"}},
		{"initials prefix", "zw", []string{"张伟", "张伟东"}},
		{"surname read as a surname", "zengguohua", []string{"曾国华"}},
		{"not the common reading", "cengguohua", []string{}},
		{"单 is shan", "shantianfang", []string{"单田芳"}},
		{"compound surname", "ouyang", []string{"欧阳娜娜"}},
		{"minority name without its dot", "古丽买买提", []string{"阿依古丽·买买提"}},
		{"minority name with its dot", "古丽·买", []string{"阿依古丽·买买提"}},
		{"ID number fragment everyone shares", zhao.IDNumber[6:12], everyone},
		{"ID number in full", zhao.IDNumber, []string{"赵明阳"}},
		{"ID number end", zhao.IDNumber[13:], []string{"赵明阳"}},
		{"ID number X in lower case", by["何晓"].IDNumber[12:17] + "x", []string{"何晓"}},
		{"phone fragment", "2345", []string{"赵明阳"}},
		{"phone end", "5678", []string{"赵明阳"}},
		{"landline fragment", "86601234", []string{"王伟"}},
		{"landline with its hyphen", "028-866", []string{"王伟"}},
		{"full-width digits", "１２３４５", []string{"赵明阳"}},
		{"no match", "xyzxyz", []string{}},
		{"empty", "  ", []string{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := db.SearchTrainees(ctx, tt.query, 50)
			must(t, err)
			if g := sorted(names(got)); !reflect.DeepEqual(g, sorted(tt.want)) {
				t.Errorf("SearchTrainees(%q) = %v, want %v", tt.query, g, sorted(tt.want))
			}
		})
	}
}

func TestSearchOrderAndLimit(t *testing.T) {
	if bothStores(t, TestSearchOrderAndLimit) {
		return
	}
	db, _ := searchDB(t)
	// Exact name first, then names starting with the query, then the rest.
	must(t, db.CreateTrainee(ctx, &models.Trainee{Name: "李张伟", IDNumber: idNumber(600), Direction: models.Inflow}))
	got, err := db.SearchTrainees(ctx, "张伟", 10)
	must(t, err)
	if want := []string{"张伟", "张伟东", "李张伟"}; !reflect.DeepEqual(names(got), want) {
		t.Errorf("order %v, want %v", names(got), want)
	}
	got, err = db.SearchTrainees(ctx, "伟", 2)
	must(t, err)
	if len(got) != 2 {
		t.Errorf("limit 2 gave %d results", len(got))
	}
	// The results are whole trainees.
	got, err = db.SearchTrainees(ctx, "zmy", 0)
	must(t, err)
	if len(got) != 1 || got[0].IDNumber == "" || got[0].CreatedAt.IsZero() {
		t.Errorf("result not a full trainee: %+v", got)
	}
}

func TestSearchIndexFollowsChanges(t *testing.T) {
	if bothStores(t, TestSearchIndexFollowsChanges) {
		return
	}
	db, by := searchDB(t)
	find := func(q string) []string {
		t.Helper()
		got, err := db.SearchTrainees(ctx, q, 50)
		must(t, err)
		return sorted(names(got))
	}
	zhao := by["赵明阳"]
	oldID := zhao.IDNumber
	zhao.Name = "赵晨曦"
	zhao.Phone = "13166667777"
	zhao.IDNumber = idNumber(700)
	must(t, db.UpdateTrainee(ctx, zhao))
	for _, q := range []string{"明阳", "zhaomingyang", "zmy", "12345678", oldID} {
		if got := find(q); len(got) != 0 {
			t.Errorf("after the update %q still finds %v", q, got)
		}
	}
	for _, q := range []string{"晨曦", "zhaochenxi", "zcx", "6666777", zhao.IDNumber[10:16]} {
		if got := find(q); !contains(got, "赵晨曦") {
			t.Errorf("after the update %q finds %v, want 赵晨曦", q, got)
		}
	}
	// An update that keeps the name keeps the keys.
	zhao.Employer = "顺丰"
	must(t, db.UpdateTrainee(ctx, zhao))
	if got := find("zcx"); !reflect.DeepEqual(got, []string{"赵晨曦"}) {
		t.Errorf("after an unrelated update: %v", got)
	}
	must(t, db.DeleteTrainee(ctx, zhao.ID))
	for _, q := range []string{"晨曦", "zcx", "6666777"} {
		if got := find(q); len(got) != 0 {
			t.Errorf("after the delete %q still finds %v", q, got)
		}
	}
	// A change rolled back leaves the index as it was.
	li := by["李明"]
	_ = db.Update(ctx, func(ctx2 context.Context) error {
		li.Name = "李华"
		must(t, db.UpdateTrainee(ctx2, li))
		return fmt.Errorf("cancel")
	})
	if got := find("李明"); !reflect.DeepEqual(got, []string{"李明"}) {
		t.Errorf("after a rolled-back rename: %v", got)
	}
	ok, err := db.IntegrityCheck(ctx)
	must(t, err)
	if ok != "ok" {
		t.Error(ok)
	}
}

func contains(s []string, v string) bool {
	for _, x := range s {
		if x == v {
			return true
		}
	}
	return false
}

// The index is rebuilt on opening when it was made by another version.
func TestSearchIndexRebuiltOnVersionChange(t *testing.T) {
	if bothStores(t, TestSearchIndexRebuiltOnVersionChange) {
		return
	}
	dir := t.TempDir() + "/p.db"
	db, err := store.Open(dir)
	must(t, err)
	must(t, db.CreateTrainee(ctx, &models.Trainee{Name: "赵明阳", IDNumber: idNumber(1), Direction: models.Inflow}))
	must(t, db.SetSetting(ctx, "store.search_index_version", "0"))
	must(t, db.Close())
	db, err = store.Open(dir)
	must(t, err)
	defer db.Close()
	if v, _ := db.Setting(ctx, "store.search_index_version"); v == "0" {
		t.Error("index version not updated on opening")
	}
	got, err := db.SearchTrainees(ctx, "zmy", 5)
	must(t, err)
	if len(got) != 1 {
		t.Errorf("after the rebuild: %v", names(got))
	}
}

func BenchmarkSearchTrainees(b *testing.B) {
	db := newDB(b)
	ts := people.New(3).Trainees(20000)
	must(b, db.LoadDataset(ctx, &models.Dataset{Trainees: ts}))
	queries := []string{"王", "伟", "张伟", "明阳", "zhang", "zhangw", "wangfang", "zw", "lxh", "1990", "0101", "138", "5678"}
	for i := 0; i < 50; i++ {
		queries = append(queries, ts[i*97].Name, ts[i*89].IDNumber[8:13])
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := db.SearchTrainees(ctx, queries[i%len(queries)], 20); err != nil {
			b.Fatal(err)
		}
	}
}

// The first k results of a search are the first k of a longer one,
// whatever k: the key ranges are read a page of k at a time, and a page
// holding trainees already found (two keys of one name, a name found by
// an earlier range) reads on.
func TestSearchPagesAgree(t *testing.T) {
	if bothStores(t, TestSearchPagesAgree) {
		return
	}
	db := newDB(t)
	must(t, db.LoadDataset(ctx, bigDataset(1500, 2)))
	for i, name := range []string{"王王", "王王王", "张王", "王张王"} {
		must(t, db.CreateTrainee(ctx, &models.Trainee{Name: name, IDNumber: idNumber(700 + i), Direction: models.Inflow}))
	}
	for _, q := range []string{"王", "张", "王王", "w", "wang", "zh", "1990", "0101", "138", "阳"} {
		all, err := db.SearchTrainees(ctx, q, 60)
		must(t, err)
		for _, k := range []int{1, 2, 3, 5, 8, 13, 21, 40} {
			got, err := db.SearchTrainees(ctx, q, k)
			must(t, err)
			want := all[:min(k, len(all))]
			if !reflect.DeepEqual(ids(got, func(t *models.Trainee) int64 { return t.ID }), ids(want, func(t *models.Trainee) int64 { return t.ID })) {
				t.Fatalf("%q, limit %d: %v, want the first of %v", q, k, names(got), names(all))
			}
		}
	}
}
