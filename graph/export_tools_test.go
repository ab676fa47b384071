package graph_test

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/pathways-fr/pathways/graph"
	"github.com/pathways-fr/pathways/internal/testtool"
)

// TestGraphMLSchema validates every GraphML export with libxml2's xmllint
// against the GraphML 1.0 schema of testdata/graphml (see its header).
func TestGraphMLSchema(t *testing.T) {
	xmllint := testtool.Command(t, "Debian package libxml2-utils", "xmllint")
	schema, err := filepath.Abs("testdata/graphml/graphml.xsd")
	if err != nil {
		t.Fatal(err)
	}
	for name, g := range exportGraphs(t) {
		var b bytes.Buffer
		if err := graph.WriteGraphML(&b, g); err != nil {
			t.Fatalf("WriteGraphML(%s): %v", name, err)
		}
		file := filepath.Join(t.TempDir(), "g.graphml")
		if err := os.WriteFile(file, b.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		out, err := exec.Command(xmllint, "--noout", "--nonet", "--schema", schema, file).CombinedOutput()
		if err != nil {
			t.Errorf("xmllint --schema graphml.xsd on the GraphML of %s: %v\n%s", name, err, clipOutput(out))
		}
	}
}

// TestGraphMLSchemaRefuses checks that the schema test can fail: the id
// the export wrote before, level-bac+2, is not an NMTOKEN.
func TestGraphMLSchemaRefuses(t *testing.T) {
	xmllint := testtool.Command(t, "Debian package libxml2-utils", "xmllint")
	file := filepath.Join(t.TempDir(), "bad.graphml")
	doc := `<?xml version="1.0" encoding="UTF-8"?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns"><graph edgedefault="directed"><node id="level-bac+2"/></graph></graphml>`
	if err := os.WriteFile(file, []byte(doc), 0o644); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command(xmllint, "--noout", "--nonet", "--schema", "testdata/graphml/graphml.xsd", file).CombinedOutput(); err == nil {
		t.Errorf("xmllint accepted the node id level-bac+2:\n%s", out)
	}
}

func clipOutput(b []byte) []byte {
	if len(b) > 2000 {
		return append(b[:2000:2000], "…"...)
	}
	return b
}
