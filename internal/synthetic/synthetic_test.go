package synthetic

import (
	"bufio"
	"bytes"
	"encoding/json"
	"io"
	"strings"
	"testing"
)

func TestSyntheticDeterministic(t *testing.T) {
	opts := Options{Jobs: 400, Edges: 2500, Families: 6, Seed: 42}
	a, b := Generate(opts), Generate(opts)
	if !bytes.Equal(a, b) {
		t.Error("Synthetic gave different bytes for the same options")
	}
	opts.Seed = 43
	if bytes.Equal(a, Generate(opts)) {
		t.Error("Synthetic gave the same bytes for seeds 42 and 43")
	}
}

// TestSyntheticLarge writes 100,000 jobs and 1,000,000 edges without
// keeping them, and counts the lines.
func TestSyntheticLarge(t *testing.T) {
	if testing.Short() {
		t.Skip("large output")
	}
	pr, pw := io.Pipe()
	go func() {
		pw.CloseWithError(Write(pw, Options{Jobs: 100_000, Edges: 1_000_000, Seed: 1}))
	}()
	var jobs, edges int
	sc := bufio.NewScanner(pr)
	for sc.Scan() {
		l := sc.Bytes()
		switch {
		case bytes.HasPrefix(l, []byte(`    {"id": `)) && bytes.Contains(l, []byte(`"has_card"`)):
			jobs++
		case bytes.HasPrefix(l, []byte(`    {"from": `)):
			edges++
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if jobs != 100_000 || edges != 1_000_000 {
		t.Errorf("Write(100000, 1000000) wrote %d jobs and %d edges", jobs, edges)
	}
}

func TestWriteQuoted(t *testing.T) {
	for _, s := range []string{"", `a "b" \ c`, "tab\there\nnewline\x01", "é ’ « » \u202e", "bad \xff utf8", "<&>"} {
		var b bytes.Buffer
		w := bufio.NewWriter(&b)
		writeQuoted(w, s)
		w.Flush()
		var got string
		if err := json.Unmarshal(b.Bytes(), &got); err != nil {
			t.Errorf("writeQuoted(%q) = %s: not a JSON string: %v", s, b.Bytes(), err)
			continue
		}
		want := strings.ToValidUTF8(s, "\uFFFD")
		if got != want {
			t.Errorf("writeQuoted(%q) decodes to %q, want %q", s, got, want)
		}
	}
}
