package web

import (
	"math"
	"strconv"
	"strings"
	"testing"

	"github.com/pathways-fr/pathways/graph"
)

// luminance is the relative luminance of a #rrggbb colour (WCAG 2.1).
func luminance(t *testing.T, hex string) float64 {
	t.Helper()
	var l float64
	for i, w := range []float64{0.2126, 0.7152, 0.0722} {
		v, err := strconv.ParseUint(hex[1+2*i:3+2*i], 16, 8)
		if err != nil {
			t.Fatalf("colour %q: %v", hex, err)
		}
		c := float64(v) / 255
		if c <= 0.03928 {
			c /= 12.92
		} else {
			c = math.Pow((c+0.055)/1.055, 2.4)
		}
		l += w * c
	}
	return l
}

func contrast(t *testing.T, a, b string) float64 {
	x, y := luminance(t, a), luminance(t, b)
	return (max(x, y) + 0.05) / (min(x, y) + 0.05)
}

// Every text the maps draw on a box reads at WCAG AA: 4.5:1.
func TestSVGTextContrast(t *testing.T) {
	for _, l := range append([]graph.Level{graph.LevelNone}, graph.Levels...) {
		if c := contrast(t, levelColour(l), levelTextColour(l)); c < 4.5 {
			t.Errorf("level %v: text %s on %s has contrast %.2f, want ≥ 4.5", l, levelTextColour(l), levelColour(l), c)
		}
	}
	for _, p := range [][2]string{{fadedText, fadedFill}, {"#444444", "#eeeeee"}} {
		if c := contrast(t, p[0], p[1]); c < 4.5 {
			t.Errorf("text %s on %s has contrast %.2f, want ≥ 4.5", p[0], p[1], c)
		}
	}
}

func TestAccessibleSVG(t *testing.T) {
	dot := "digraph carte {\n\t" + dotTitlePrefix + commentText("De A à <B>") + "\n\t" + dotDescPrefix + commentText("Deux \"métiers\" & un lien\u202e.") + "\n}\n"
	svg := "<?xml version=\"1.0\"?>\n<svg width=\"1pt\" viewBox=\"0 0 1 1\">\n<g id=\"graph0\" class=\"graph\">\n<title>carte</title>\n<!-- n0 -->\n<g id=\"node1\" class=\"node\">\n<title>n0</title>\n<text>A</text>\n</g>\n</g>\n</svg>\n"
	got := string(accessibleSVG([]byte(svg), []byte(dot)))
	for _, want := range []string{`<svg width="1pt" viewBox="0 0 1 1" role="img">` + "\n<title>De A à &lt;B&gt;</title>\n<desc>Deux &#34;métiers&#34; &amp; un lien.</desc>", "<!-- n0 -->", "<text>A</text>"} {
		if !strings.Contains(got, want) {
			t.Errorf("accessibleSVG = %s, want it to hold %s", got, want)
		}
	}
	if strings.Count(got, "<title>") != 1 {
		t.Errorf("accessibleSVG = %s, want Graphviz's titles dropped", got)
	}
}
