package graph

import (
	"bytes"
	"errors"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzParseLevel checks that any text either parses to a valid level or
// is refused with ErrUnknownLevel, without panicking.
func FuzzParseLevel(f *testing.F) {
	for _, s := range []string{"bac+2", "Bac +4/5", "BTS", "licence pro", "diplôme d'ingénieur", "niveau 6", "bac2", "", "bac +", "\xff", "bac 9"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		l, err := ParseLevel(s)
		switch {
		case err == nil && !l.Valid():
			t.Fatalf("ParseLevel(%q) = %v, nil: not a valid level", s, l)
		case err != nil && !errors.Is(err, ErrUnknownLevel):
			t.Fatalf("ParseLevel(%q) error %v does not wrap ErrUnknownLevel", s, err)
		}
	})
}

// FuzzKey checks the invariants of Key: idempotent, ASCII, and blind to
// case.
func FuzzKey(f *testing.F) {
	for _, s := range []string{"Administrateur de bases de données", "Chef d’équipe", "web-designer", "ŒUVRE", "\xff\xfe", "a  b"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		k := Key(s)
		if Key(k) != k {
			t.Fatalf("Key(Key(%q)) = %q, want %q", s, Key(k), k)
		}
		for i := 0; i < len(k); i++ {
			if c := k[i]; !(c == ' ' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9') {
				t.Fatalf("Key(%q) = %q holds byte %q", s, k, c)
			}
		}
		if utf8.ValidString(s) && Key(strings.ToUpper(s)) != k && !strings.ContainsAny(s, "ßıſ") {
			// Upper-casing may change letters with no one-to-one fold
			// (ß → SS); those are skipped.
			if Key(strings.ToLower(strings.ToUpper(s))) == Key(strings.ToLower(s)) {
				t.Fatalf("Key(upper(%q)) = %q, want %q", s, Key(strings.ToUpper(s)), k)
			}
		}
	})
}

// FuzzLoadMetiers feeds arbitrary bytes to the dataset loader: it must
// either load a graph or return an error wrapping ErrInvalid, never panic.
func FuzzLoadMetiers(f *testing.F) {
	f.Add([]byte(`{"jobs":[{"id":"a","title":"A","level_text":"Bac +2","perspectives":["B"],"has_card":true}]}`))
	f.Add([]byte(`{"families":[{"id":"f","title":"F"}],"jobs":[{"id":"a","title":"A","family":"f"},{"id":"b","title":"B"}],"edges":[{"from":"a","to":"b","type":"proche"}]}`))
	f.Add([]byte(`{"jobs":[{"id":"a","title":"A"},{"id":"a","title":"A"}]}`))
	f.Add([]byte(`{"jobs":[`))
	f.Add([]byte("\xff"))
	f.Add([]byte(`[]`))
	f.Fuzz(func(t *testing.T, b []byte) {
		g, err := LoadMetiers(bytes.NewReader(b), "fuzz.json")
		if err != nil {
			if !errors.Is(err, ErrInvalid) {
				t.Fatalf("LoadMetiers error %v does not wrap ErrInvalid", err)
			}
			return
		}
		if g.Len() == 0 {
			t.Fatalf("LoadMetiers loaded an empty graph without error")
		}
		for i := int32(0); i < int32(g.Len()); i++ {
			for _, a := range g.Out(i) {
				if e := g.Edge(a.Edge); g.Node(i).ID != e.From || g.Node(a.Node).ID != e.To {
					t.Fatalf("arc %d→%d does not match edge %v", i, a.Node, e)
				}
			}
		}
	})
}

// FuzzLoadCSV feeds arbitrary nodes.csv and edges.csv to the CSV import:
// it must load a consistent graph or refuse with ErrInvalid, never panic.
func FuzzLoadCSV(f *testing.F) {
	f.Add([]byte("id,title,kind,level\na,A,job,bac+2\nb,B,job,\n"), []byte("from,to,type,evidence\na,b,evolution,B\n"))
	f.Add([]byte("id;title\r\na;A\r\n"), []byte("from;to;type\r\n"))
	f.Add([]byte("id,title\na,A\na,A\n"), []byte("from,to,type\na,z,proche\n"))
	f.Add([]byte("\xef\xbb\xbfid,title\n\"a,A\n"), []byte(""))
	f.Add([]byte("title\nA\n"), []byte("from,to,type\n"))
	f.Fuzz(func(t *testing.T, nodes, edges []byte) {
		g, err := LoadCSV(bytes.NewReader(nodes), bytes.NewReader(edges), "fuzz")
		if err != nil {
			if !errors.Is(err, ErrInvalid) {
				t.Fatalf("LoadCSV error %v does not wrap ErrInvalid", err)
			}
			return
		}
		for i := int32(0); i < int32(g.Len()); i++ {
			for _, a := range g.Out(i) {
				if e := g.Edge(a.Edge); g.Node(i).ID != e.From || g.Node(a.Node).ID != e.To {
					t.Fatalf("arc %d→%d does not match edge %v", i, a.Node, e)
				}
			}
		}
	})
}
