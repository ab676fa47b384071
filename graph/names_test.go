package graph

import (
	"bytes"
	"reflect"
	"testing"

	"github.com/pathways-fr/pathways/data"
)

// TestMergeNames checks that the name index of the combined dataset, made
// from the indexes of the two graphs it joins, is the one entriesOf and indexNames
// make from its own nodes.
func TestMergeNames(t *testing.T) {
	m, err := LoadMetiers(bytes.NewReader(data.Metiers()), "metiers.json")
	if err != nil {
		t.Fatal(err)
	}
	r, err := LoadROME4(data.ROME4(), data.ROME())
	if err != nil {
		t.Fatal(err)
	}
	br, err := ParseBridge(data.BridgeROME4())
	if err != nil {
		t.Fatal(err)
	}
	all, err := Combine(m, r, br)
	if err != nil {
		t.Fatal(err)
	}
	got, want := all.index(), indexNames(entriesOf(all.jobs, nil))
	if len(got.entries) != len(want.entries) {
		t.Fatalf("merged index: %d entries, want %d", len(got.entries), len(want.entries))
	}
	for e := range want.entries {
		if !reflect.DeepEqual(got.entries[e], want.entries[e]) {
			t.Fatalf("merged index: entry %d = %+v, want %+v", e, got.entries[e], want.entries[e])
		}
	}
	if !reflect.DeepEqual(got, want) {
		t.Error("merged index: its keys, words or postings differ from those of its own nodes")
	}
	rare := 0
	for _, en := range got.entries {
		if en.Rare {
			rare++
		}
	}
	if rare == 0 {
		t.Error("merged index: no entry marked rare, want ROME 4.0's peu_usite appellations")
	}
}

// TestNamesRare checks that a name is rare when the job lists it so, under
// the same text and kind, even after a repeat that is not.
func TestNamesRare(t *testing.T) {
	jobs := []*Job{{ID: "x1", Title: "Alpha", Kind: KindJob, Names: []Name{
		{Text: "Beta", Kind: NameAppellation}, {Text: "Beta", Kind: NameAppellation, Rare: true},
		{Text: "Gamma", Kind: NameAppellation, Rare: true}, {Text: "alpha", Kind: NameSynonym, Rare: true},
	}}}
	got := map[string]bool{}
	for _, en := range entriesOf(jobs, nil) {
		got[en.Text] = en.Rare
	}
	want := map[string]bool{"Alpha": false, "x1": false, "Beta": true, "Gamma": true}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("entriesOf: rare by entry = %v, want %v", got, want)
	}
}

// TestNameIndexLists checks the lists of the name index of ROME 4.0
// against a plain scan of its entries: every key lists the entries of that
// key, every word the entries holding it, in increasing order; the words
// are sorted and distinct.
func TestNameIndexLists(t *testing.T) {
	g, err := LoadROME4(data.ROME4(), data.ROME())
	if err != nil {
		t.Fatal(err)
	}
	names := g.Names()
	byKey := map[string][]int32{}
	byWord := map[string][]int32{}
	for e, en := range names {
		byKey[en.Key] = append(byKey[en.Key], int32(e))
		for _, w := range en.Tokens {
			if p := byWord[w]; len(p) == 0 || p[len(p)-1] != int32(e) {
				byWord[w] = append(p, int32(e))
			}
		}
	}
	for k, want := range byKey {
		if got := g.NamesByKey(k); !reflect.DeepEqual(got, want) {
			t.Errorf("NamesByKey(%q) = %v, want %v", k, got, want)
		}
	}
	if got := g.NamesByKey("pas une cle"); got != nil {
		t.Errorf("NamesByKey(unknown) = %v, want nil", got)
	}
	words := g.Words()
	if len(words) != len(byWord) {
		t.Fatalf("Words() has %d words, want %d", len(words), len(byWord))
	}
	for w, word := range words {
		if w > 0 && words[w-1] >= word {
			t.Fatalf("Words() not sorted and distinct at %d: %q, %q", w, words[w-1], word)
		}
		if got := g.Postings(w); !reflect.DeepEqual(got, byWord[word]) {
			t.Errorf("Postings(%q) = %v, want %v", word, got, byWord[word])
		}
	}
	if lo, hi := g.WordPrefix("developp"); hi <= lo {
		t.Error(`WordPrefix("developp") is empty`)
	}
}

// TestEntriesOfHalves checks that the names of a large graph, folded in
// two halves at once, are those of one pass over its nodes.
func TestEntriesOfHalves(t *testing.T) {
	r, err := LoadROME4(data.ROME4(), data.ROME())
	if err != nil {
		t.Fatal(err)
	}
	if len(r.jobs) < 1000 {
		t.Fatalf("ROME 4.0 has %d nodes, too few to be folded in halves", len(r.jobs))
	}
	if got, want := entriesOf(r.jobs, nil), appendEntries(nil, r.jobs, 0, nil); !reflect.DeepEqual(got, want) {
		t.Errorf("entriesOf: %d entries, one pass %d, or they differ", len(got), len(want))
	}
}
