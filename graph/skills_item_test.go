package graph

import (
	"testing"

	"github.com/pathways-fr/pathways/data"
)

// TestSkillItemLookup checks the lookup of items by number against the
// map by code, on v4.60 and on codes that are not written plainly.
func TestSkillItemLookup(t *testing.T) {
	s, err := LoadSkills(data.ROME4(), nil)
	if err != nil {
		t.Fatal(err)
	}
	l := &skillLoader{s: s}
	l.numberCodes()
	if l.nums == nil {
		t.Fatal("numberCodes: v4.60's item codes not taken as numbers")
	}
	for code, want := range s.byCode {
		if got, ok := l.item(code); !ok || got != want {
			t.Errorf("item(%q) = %d, %v; want %d", code, got, ok, want)
		}
	}
	first := s.items[0].Code
	for _, code := range []string{"0" + first, "+" + first, " " + first, "-1", "x", "", "99999999999"} {
		if got, ok := l.item(code); ok {
			t.Errorf("item(%q) = %d, want none", code, got)
		}
	}
	odd := &skillLoader{s: &Skills{items: []Item{{Code: "10"}, {Code: "9a"}}, byCode: map[string]int32{"10": 0, "9a": 1}}}
	odd.numberCodes()
	if odd.nums != nil {
		t.Error("numberCodes: codes that are not all numbers taken as numbers")
	}
	if got, ok := odd.item("9a"); !ok || got != 1 {
		t.Errorf("item(9a) = %d, %v; want 1 from the map", got, ok)
	}
}
