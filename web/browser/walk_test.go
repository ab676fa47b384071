package browser_test

import (
	"fmt"
	"net/url"
	"slices"
	"strings"

	"github.com/chromedp/chromedp"
)

// stepSourceNames are the names the page gives the sources of a step.
var stepSourceNames = map[string]string{"metiers": "répertoire des métiers", "rome": "ROME 4.0", "bridge": "pont répertoire ↔ ROME 4.0"}

// checkSources checks that the routes shown on the combined dataset name
// the source of each step as /api/path gives it (want, step by step),
// that they cross from the repertoire to ROME 4.0 by the bridge, and
// that the summary names every source used.
func (b *browserSession) checkSources(want []string) {
	t := b.t
	t.Helper()
	type step struct{ Source, Shown string }
	got := eval[[]step](b, "read the steps' sources", `Array.from(document.querySelectorAll('#path-out .route .step')).map((li) => ({
		Source: li.dataset.source || '', Shown: (li.querySelector('.step-source') || {}).textContent || ''}))`)
	var sources []string
	for i, s := range got {
		sources = append(sources, s.Source)
		if wantShown := "source : " + stepSourceNames[s.Source]; s.Source != "" && s.Shown != wantShown {
			t.Errorf("step %d says %q, want %q", i, s.Shown, wantShown)
		}
	}
	if !slices.Equal(sources, want) {
		t.Errorf("the steps' sources are %q, want %q as /api/path says", sources, want)
	}
	if !slices.Contains(want, "rome") || !slices.Contains(want, "bridge") {
		t.Errorf("the routes' sources are %q, want a combined route (ROME 4.0 steps reached by the bridge)", want)
	}
	summary := eval[string](b, "read the summary", `document.querySelector('#path-out .summary').textContent`)
	for _, src := range []string{"metiers", "rome", "bridge"} {
		if slices.Contains(want, src) && !strings.Contains(summary, stepSourceNames[src]) {
			t.Errorf("the summary %q does not name the source %q the routes use", summary, stepSourceNames[src])
		}
	}
}

// studyScenario opens a route from a diploma to a job that needs a
// higher one, on the repertoire: the page shows the study step, never as
// a job, with the target card's words on training.
func (b *browserSession) studyScenario() {
	t := b.t
	t.Helper()
	var doc struct {
		Paths []struct {
			Steps []struct{ Type, Title, Evidence string }
		}
	}
	b.getJSON("/api/path?from=BTS&to=data-scientist&k=3&dataset=metiers", &doc)
	var evidence string
	for _, p := range doc.Paths {
		for _, s := range p.Steps {
			if s.Type == "formation" && evidence == "" {
				evidence = s.Evidence
			}
		}
	}
	if evidence == "" {
		t.Fatalf("GET /api/path?from=BTS&to=data-scientist has no study step with evidence")
	}
	b.do("open a route with a study step", chromedp.Navigate(b.base+"/?from=BTS&to=data-scientist&dataset=metiers"))
	b.waitFor("the study step", `document.querySelector('#path-out .route .step-study .evidence')`)
	got := eval[struct{ Link, Text string }](b, "read the study step", `(() => {
		const li = document.querySelector('#path-out .route .step-study');
		return {Link: li.querySelector('.step-head a') ? 'a link' : '', Text: li.textContent};
	})()`)
	if got.Link != "" {
		t.Errorf("the study step links to a job page, want no link: it is not a job")
	}
	if !strings.Contains(got.Text, evidence) {
		t.Errorf("the study step reads %q, want the card's words %q", got.Text, evidence)
	}
	// A route of the repertoire is drawn whole on a desktop.
	b.waitFor("the map of the route", `document.querySelector('#path-map svg a')`)
	if m := b.checkMap("#path-map"); m.Overflow {
		t.Errorf("desktop: the route's map is %.0f px wide in a %.0f px frame, want it whole without scrolling", m.Width, m.FrameWidth)
	}
	// The study step is drawn as an edge labelled « études ».
	if !eval[bool](b, "find the study edge", `Array.from(document.querySelectorAll('#path-map svg g.edge text')).some((t) => t.textContent.trim() === 'études')`) {
		t.Errorf("the route's map draws no edge labelled « études » for its study step")
	}
	b.shot("desktop-study")
	b.checkA11y("desktop-study")
}

// apiGap is the skills gap of a step of /api/path.
type apiGap struct {
	Learn   struct{ Total, Principal int } `json:"learn"`
	Keep    struct{ Total, Principal int } `json:"keep"`
	ToLearn []struct{ Label, Core string } `json:"to_learn"`
}

// checkPrintedGap checks that the printed plan gives the gap of the step
// to title: its counts, and the first core skill to learn.
func (b *browserSession) checkPrintedGap(text, title string, gap apiGap) {
	b.t.Helper()
	want := []string{
		fmt.Sprintf("%d à acquérir, dont %d de cœur de métier", gap.Learn.Total, gap.Learn.Principal),
		fmt.Sprintf("%d conservée", gap.Keep.Total),
	}
	for _, s := range gap.ToLearn {
		if s.Core == "principale" {
			want = append(want, s.Label)
			break
		}
	}
	for _, w := range want {
		if !strings.Contains(text, w) {
			b.t.Errorf("the printed plan lacks %q in the skills gap of the step to %q", w, title)
		}
	}
}

// overviewScenario opens the map of the combined dataset, drawn by
// families, then one family's map, titled by the family's title.
func (b *browserSession) overviewScenario(size string) {
	t := b.t
	t.Helper()
	b.do("open the overview", chromedp.Navigate(b.base+"/?map="))
	b.waitFor("the overview", `document.querySelector('#big-map svg.graph')`)
	// The families stand in rows of four: on a desktop the overview fits
	// the frame's width with labels of 11 px or more (on a phone, four
	// columns at 11 px are wider than the screen: it is panned).
	m := eval[mapState](b, "read the overview", `(`+readMap+`)("#big-map")`)
	t.Logf("%s overview: %.0f px wide in a %.0f px frame, smallest label %.1f px", size, m.Width, m.FrameWidth, m.MinLabelPx)
	if m.MinLabelPx < 10.99 {
		t.Errorf("%s: the overview's smallest label is drawn at %.1f px, want at least 11", size, m.MinLabelPx)
	}
	if size == "desktop" && m.Width > m.FrameWidth+1 {
		t.Errorf("desktop: the overview is %.0f px wide in a %.0f px frame, want it within the width", m.Width, m.FrameWidth)
	}
	if m.Overflow && !m.Pannable {
		t.Errorf("%s: the overview overflows its frame but cannot be panned", size)
	}
	b.shot(size + "-overview")
	b.checkA11y(size + "-overview")

	var job struct {
		Family      string `json:"family"`
		FamilyTitle string `json:"family_title"`
	}
	b.getJSON("/api/jobs/data-scientist", &job)
	if job.FamilyTitle == "" {
		t.Fatalf("GET /api/jobs/data-scientist has no family title")
	}
	want := "Carte de la famille « " + job.FamilyTitle + " »"
	b.do("open a family's map", chromedp.Navigate(b.base+"/?map="+url.QueryEscape(job.Family)))
	b.waitFor("the family's map", `document.querySelector('#big-map svg.graph')`)
	if got := eval[string](b, "read the title", `document.querySelector('#map-h').textContent`); got != want {
		t.Errorf("the family's map is titled %q, want %q", got, want)
	}
	b.shot(size + "-family-map")
	b.checkA11y(size + "-family-map")
}

// levelAllScenario opens the level explorer on the combined dataset: a
// BTS reaches too many jobs for a map; the page says so and offers the
// map of the repertoire's jobs alone, which it then draws.
func (b *browserSession) levelAllScenario() {
	t := b.t
	t.Helper()
	b.do("open the level explorer", chromedp.Navigate(b.base+"/?level=BTS&depth=1"))
	b.waitFor("roles reachable with a BTS", `document.querySelectorAll('#level-out .role-list li').length > 0`)
	b.waitFor("the map or why there is none", `document.querySelector('#level-map svg a, #level-map .notice')`)
	note := eval[string](b, "read the map's notice", `(document.querySelector('#level-map .notice') || {}).textContent || ''`)
	if note == "" {
		t.Logf("the map of BTS on all was drawn: no narrower map to offer")
	} else {
		if !strings.HasPrefix(note, "Carte non dessinée : ") {
			t.Errorf("the level explorer's map says %q, want why it is not drawn", note)
		}
		b.shot("desktop-level-all")
		b.shotOf("desktop-level-all-notice", "#level-map")
		b.checkA11y("desktop-level-all")
		b.do("ask for the narrower map", chromedp.Click(chromedp.CSS("#level-map .notice button")))
		b.waitFor("the map of the métiers alone", `document.querySelector('#level-map svg a')`)
		b.checkMap("#level-map")
		b.shotOf("desktop-level-all-metiers-map", "#level-map")
	}
	b.shot("desktop-level-all-metiers")
	b.checkA11y("desktop-level-all-metiers")
}

// unknownScenario submits a misspelt job: the path and feeders views
// ask « Lequel voulez-vous dire ? » with the API's suggestions, each one
// click away from the answer.
func (b *browserSession) unknownScenario() {
	t := b.t
	t.Helper()
	for _, v := range []struct{ name, query, param string }{
		{"path", "?from=" + url.QueryEscape("dévelopeur") + "&to=architecte-cloud-reseaux", "from"},
		{"feeders", "?feeders=" + url.QueryEscape("dévelopeur"), "feeders"},
	} {
		b.do("open a misspelt "+v.name, chromedp.Navigate(b.base+"/"+v.query))
		sel := "#" + v.name + "-out .choose a.choice"
		b.waitFor("the suggestions of the "+v.name+" view", `document.querySelector(`+jsString(sel)+`)`)
		id := eval[string](b, "read the first suggestion", `new URL(document.querySelector(`+jsString(sel)+`).href).searchParams.get(`+jsString(v.param)+`)`)
		if id == "" || id == "dévelopeur" {
			t.Fatalf("%s: the first suggestion sets %s=%q, want a job's id", v.name, v.param, id)
		}
		b.shot("desktop-unknown-" + v.name)
		b.checkA11y("desktop-unknown-" + v.name)
		b.do("pick the first suggestion", chromedp.Click(chromedp.CSS(sel)))
		answer := map[string]string{"path": "#path-out .route", "feeders": "#feeders-out .roles"}[v.name]
		b.waitFor("the answer after the pick", `document.querySelector(`+jsString(answer)+`)`)
	}
}

// openHome opens the home page and waits for its first drawing (the
// examples), which sets the fields: typing before it would be undone.
func (b *browserSession) openHome() {
	b.t.Helper()
	b.do("open the page", chromedp.Navigate(b.base+"/"), chromedp.WaitVisible(chromedp.ID("from")))
	b.waitFor("the examples", `document.querySelector('#path-out .examples a')`)
}
