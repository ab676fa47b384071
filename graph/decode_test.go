package graph

import (
	"bytes"
	"reflect"
	"slices"
	"testing"
	"unicode/utf8"

	"github.com/pathways-fr/pathways/data"
	"github.com/pathways-fr/pathways/internal/synthetic"
)

// decodeSeeds are documents that decodeFast reads, or leaves to
// decodeDataset: escapes, odd spacing, keys in other case, nulls,
// duplicates, trailing data.
var decodeSeeds = []string{
	`{"jobs":[{"id":"a","title":"A"}],"edges":[{"from":"a","to":"a","type":"proche","evidence":"x"}]}`,
	"{\n \"jobs\" : [ {\"id\":\"a\",\"title\":\"A\\u00e9\"} ,\n{\"id\":\"b\",\"title\":\"B\"}\n] ,\r\n\"edges\":[\n{\"to\":\"b\",\"from\":\"a\",\"evidence\":\"l\\u2019\\\"x\\\"\\n\"}\n ]\t}\n",
	`{"jobs":[{"id":"a","title":"A"}],"edges":[{"From":"a","to":"a"}]}`,
	`{"jobs":[{"id":"a","title":"A"}],"edges":[{"from":null,"to":"a"}]}`,
	`{"jobs":[{"id":"a","title":"A"}],"edges":[{"from":"a","from":"b","to":"a"}]}`,
	`{"jobs":[{"id":"a","title":"A"}],"edges":null}`,
	`{"jobs":null}`,
	`{"jobs":[{"id":"a","title":"A"}],"jobs":[{"id":"b","title":"B"}]}`,
	`{"jobs":[{"id":"a","title":"A"}]} x`,
	`{"jobs":[{"id":"a","title":"A","extra":1}]}`,
	`{"title":"T","version":"1","dataset":"d","families":[{"id":"f","number":1,"title":"F"}],"jobs":[{"id":"a","title":"A","family":"f","synonyms":["s"]}],"names":[{"job":"a","text":"AA","kind":"acronym"}]}`,
	`{"jobs":[{"id":"a","title":"A"}],"edges":[{"from":"a","to":"a",}]}`,
	`{"jobs":[{"id":"a","title":"A"}],"edges":[{"from":"a","to":"a"},]}`,
	`{"jobs":[{"id":"a","title":"A"}],"edges":[{"from":"a","to":1}]}`,
	`{"jobs":[{"id":"a","title":"A"}],"edges":[{"from":"a\u0001","to":"a"}]}`,
	`{"jobs":[{"id":"a","title":"A"}],"version":1e3}`,
	`{"jobs":[{"id":"a","title":"A"}],"title":tru}`,
	`{"jobs":[],"edges":[]}`,
	`{"jobs":[{"id":"a","title":"A"}],"edges":[ ]}`,
	`{"jobs":[{"id":"a","title":"A","has_card":true,"synonyms":[],"level_text":"Bac +2","family":"f"},{"id":"b","title":"B","has_card":false,"synonyms":["x","y\u00e9"]}]}`,
	`{"jobs":[{"id":"a","title":"A","has_card":null}]}`,
	`{"jobs":[{"id":"a","title":"A","synonyms":null}]}`,
	`{"jobs":[{"id":"a","title":"A","has_card":truex}]}`,
	`{"jobs":[{"id":"a","title":"A","has_card":1}]}`,
	`{"jobs":[{"id":"a","title":"A","Title":"B"}]}`,
	`{"jobs":[{"id":"a","title":"A","title":"B"}]}`,
	`{"jobs":[{"id":"a","title":"A","synonyms":["x",]}]}`,
	`{"jobs":[{"id":"a","title":"A","perspectives":["B"],"has_card":true,"trainings":{"text":"t","count":3}}]}`,
	`{"jobs":[{"id":"a","title":"A"} {"id":"b"}]}`,
	`{}`,
	`[]`,
	``,
}

// checkDecodeFast checks that what decodeFast reads, decodeDataset reads
// the same.
func checkDecodeFast(t *testing.T, b []byte) {
	t.Helper()
	if !utf8.Valid(b) {
		return // LoadMetiers refuses it first
	}
	defer func(at int) { splitEdgesAt = at }(splitEdgesAt)
	for _, at := range []int{splitEdgesAt, 0} {
		splitEdgesAt = at
		checkDecodeFastOnce(t, b)
	}
}

func checkDecodeFastOnce(t *testing.T, b []byte) {
	t.Helper()
	fast, ok := decodeFast(b)
	if !ok {
		return
	}
	slow, err := decodeDataset(b, "doc.json")
	if err != nil {
		t.Fatalf("decodeFast read %q, decodeDataset refused it: %v", b, err)
	}
	fast.familyByID, slow.familyByID = nil, nil
	for i, ends := range fast.edgeJobs {
		for k, id := range []string{slow.Edges[i].From, slow.Edges[i].To} {
			if j := ends[k]; j >= 0 && slow.Jobs[j].ID != id || j < 0 && slices.ContainsFunc(slow.Jobs, func(fj fileJob) bool { return fj.ID == id }) {
				t.Fatalf("decodeFast(%.200q): edge %d end %d is job %d, want %q", b, i, k, j, id)
			}
		}
	}
	fast.edgeJobs = nil
	if !reflect.DeepEqual(fast, slow) {
		t.Fatalf("decodeFast(%.200q) = %+v,\nwant %+v", b, fast, slow)
	}
}

func TestDecodeFast(t *testing.T) {
	docs := [][]byte{data.Metiers(), synthetic.Generate(synthetic.Options{Jobs: 300, Edges: 2000, Seed: 5})}
	for _, d := range docs {
		if _, ok := decodeFast(d); !ok {
			t.Errorf("decodeFast left a well-formed document of %d bytes to decodeDataset", len(d))
		}
	}
	for _, s := range decodeSeeds {
		docs = append(docs, []byte(s))
	}
	for _, d := range docs {
		checkDecodeFast(t, d)
	}
}

func FuzzDecodeFast(f *testing.F) {
	for _, s := range decodeSeeds {
		f.Add([]byte(s))
	}
	f.Add(synthetic.Generate(synthetic.Options{Jobs: 4, Edges: 6, Seed: 1}))
	f.Fuzz(checkDecodeFast)
}

// foldSeeds are names as the datasets print them, and text that is not.
var foldSeeds = []string{
	"", " ", "Directeur des systèmes d’information 12", "DÉVELOPPEUR", "Œnologue", "Straße",
	"Kelvin \u212a", "l'ÉTÉ - été", "\xff\xfeA", "a--b  c", "Administrateur de bases de données",
	"İstanbul", "ǅemal", "x\u0301", "  Chef  de  projet  ", "Ingénieur réseaux & télécoms",
}

// checkQuickFold checks that quickFold and quickWords say what Fold,
// Tokens and Key say.
func checkQuickFold(t *testing.T, s string) {
	t.Helper()
	if got, want := quickFold(s), Fold(s); got != want {
		t.Fatalf("quickFold(%q) = %q, want %q", s, got, want)
	}
	if got := quickWords(s); !reflect.DeepEqual(got.tokens, Tokens(s)) && len(got.tokens)+len(Tokens(s)) > 0 || got.key != Key(s) {
		t.Fatalf("quickWords(%q) = %q, %q; want %q, %q", s, got.tokens, got.key, Tokens(s), Key(s))
	}
}

func TestQuickFold(t *testing.T) {
	for _, s := range foldSeeds {
		checkQuickFold(t, s)
	}
	rome, err := LoadROME(data.ROME())
	if err != nil {
		t.Fatal(err)
	}
	for _, g := range []*Graph{realGraph(t), rome} {
		for _, j := range g.Jobs() {
			checkQuickFold(t, j.Title)
			checkQuickFold(t, string(j.ID))
			for _, n := range j.Names {
				checkQuickFold(t, n.Text)
			}
		}
	}
	for r := rune(0); r < 0x3000; r++ {
		checkQuickFold(t, "a"+string(r)+"B")
	}
}

func FuzzQuickFold(f *testing.F) {
	for _, s := range foldSeeds {
		f.Add(s)
	}
	f.Fuzz(checkQuickFold)
}

// TestLoadFastMatchesSlow checks that a graph loaded through decodeFast
// is the graph decodeDataset leads to.
func TestLoadFastMatchesSlow(t *testing.T) {
	docs := map[string][]byte{
		"metiers":   data.Metiers(),
		"synthetic": synthetic.Generate(synthetic.Options{Jobs: 500, Edges: 4000, Seed: 7}),
		"dangling":  []byte(`{"jobs":[{"id":"a","title":"A"},{"id":"b","title":"B"}],"edges":[{"from":"a","to":"b"},{"from":"b","to":"a","type":"proche","evidence":"e"},{"from":"a","to":"b","evidence":"again"}]}`),
		"lines":     []byte("{\"jobs\":[{\"id\":\"a\",\"title\":\"A\"},{\"id\":\"b\",\"title\":\"B\"}],\"edges\":[\n{\"from\":\"a\",\"to\":\"b\"}\n,{\"from\":\"b\",\"to\":\"a\"},\n{\"from\":\"a\",\"to\":\"b\",\"type\":\"proche\"}\n],\n\"names\":[\n{\"job\":\"a\",\"text\":\"AA\",\"kind\":\"acronym\"}]}"),
	}
	defer func(at int) { splitEdgesAt = at }(splitEdgesAt)
	splitEdgesAt = 0 // read the edges in two halves
	for name, doc := range docs {
		fast, err := LoadMetiers(bytes.NewReader(doc), name)
		if err != nil {
			t.Fatalf("LoadMetiers(%s): %v", name, err)
		}
		ds, err := decodeDataset(doc, name)
		if err != nil {
			t.Fatal(err)
		}
		slow, err := buildMetiers(ds, name)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(fast.Jobs(), slow.Jobs()) || !reflect.DeepEqual(fast.Edges(), slow.Edges()) ||
			!reflect.DeepEqual(fast.Problems(), slow.Problems()) || !reflect.DeepEqual(fast.Names(), slow.Names()) ||
			!reflect.DeepEqual(fast.fwd, slow.fwd) || !reflect.DeepEqual(fast.rev, slow.rev) || !reflect.DeepEqual(fast.titleRank, slow.titleRank) {
			t.Errorf("LoadMetiers(%s) differs from the graph decodeDataset leads to", name)
		}
	}
}
