package web

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pathways-fr/pathways/internal/fixture"
	"github.com/pathways-fr/pathways/internal/testtool"
)

// TestDOTRendersWellFormedSVG renders the DOT export of the repertoire
// and the DOT golden files with the system's Graphviz (Debian's dot) and
// parses each SVG as XML.
func TestDOTRendersWellFormedSVG(t *testing.T) {
	dot := testtool.Command(t, "Debian package graphviz", "dot")
	g := fixture.Metiers(t)
	var export bytes.Buffer
	if err := WriteGraphDOT(&export, g); err != nil {
		t.Fatalf("WriteGraphDOT: %v", err)
	}
	sources := map[string][]byte{"export metiers": export.Bytes()}
	goldens, _ := filepath.Glob("testdata/*.dot.golden")
	for _, f := range goldens {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		sources[f] = b
	}
	if len(sources) < 2 {
		t.Fatalf("no DOT golden file in testdata")
	}
	for name, src := range sources {
		svg := renderSystemDOT(t, dot, src)
		if err := wellFormed(svg); err != nil {
			t.Errorf("dot -Tsvg of %s: ill-formed SVG: %v", name, err)
		}
		if !bytes.Contains(svg, []byte("<svg")) {
			t.Errorf("dot -Tsvg of %s: no <svg element", name)
		}
	}
}

// TestWellFormedRefuses checks that the check can fail: the raw "&" the
// links had before.
func TestWellFormedRefuses(t *testing.T) {
	if err := wellFormed([]byte(`<svg><a href="/?job=x&dataset=y"/></svg>`)); err == nil {
		t.Errorf("wellFormed accepted a raw & in an attribute")
	}
}

func renderSystemDOT(t *testing.T, dot string, src []byte) []byte {
	t.Helper()
	cmd := exec.Command(dot, "-Tsvg")
	cmd.Stdin = bytes.NewReader(src)
	var out, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("dot -Tsvg: %v\n%s", err, stderr.String())
	}
	return out.Bytes()
}

// wellFormed parses b as XML to its end, entities and all.
func wellFormed(b []byte) error {
	d := xml.NewDecoder(bytes.NewReader(b))
	d.Strict = true
	d.Entity = xml.HTMLEntity
	for {
		_, err := d.Token()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return err
		}
	}
}

// svgTitles returns the texts of the <title> elements of an SVG.
func svgTitles(b []byte) []string {
	var titles []string
	d := xml.NewDecoder(bytes.NewReader(b))
	d.Strict = false
	in := false
	for {
		tok, err := d.Token()
		if err != nil {
			return titles
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			in = tok.Name.Local == "title"
		case xml.CharData:
			if in {
				titles = append(titles, strings.TrimSpace(string(tok)))
			}
		case xml.EndElement:
			in = false
		}
	}
}
