package graph

import (
	"bytes"
	"errors"
	"testing"
)

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
