package browser_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/pathways-fr/pathways/internal/fixture/served"
	"github.com/pathways-fr/pathways/internal/testtool"
	"github.com/pathways-fr/pathways/web"
)

// chromiumPath returns Debian's Chromium. Without it the browser test is
// skipped on a workstation, and fails on CI, where it must be installed.
func chromiumPath(t *testing.T) string {
	t.Helper()
	return testtool.Command(t, "apt-get install chromium", "chromium", "/usr/bin/chromium")
}

// browserSession drives one Chromium tab against the real server.
type browserSession struct {
	t    *testing.T
	ctx  context.Context
	base string // server URL
	dir  string // where screenshots go

	axeSrc string // axe-core's script

	mu      sync.Mutex
	console []chromedp.ConsoleMessage
}

// do runs actions; on failure it keeps a screenshot and the console.
func (b *browserSession) do(what string, actions ...chromedp.Action[chromedp.Void]) {
	b.t.Helper()
	if err := chromedp.Do(b.ctx, actions...); err != nil {
		b.fail(what, err)
	}
}

// eval returns the value of a JavaScript expression in the page.
func eval[T any](b *browserSession, what, expr string) T {
	b.t.Helper()
	v, err := chromedp.Run(b.ctx, chromedp.Evaluate[T](expr))
	if err != nil {
		b.fail(what, err)
	}
	return v
}

// waitFor waits until a JavaScript expression is truthy.
func (b *browserSession) waitFor(what, expr string) {
	b.t.Helper()
	b.do(what, chromedp.Poll[chromedp.Void](expr, chromedp.WithPollingInterval(50*time.Millisecond),
		chromedp.WithPollingTimeout(15*time.Second)))
}

func (b *browserSession) fail(what string, err error) {
	b.t.Helper()
	if b.ctx.Err() == nil {
		b.shot("failure")
	}
	b.mu.Lock()
	for _, m := range b.console {
		b.t.Logf("console: %s", m)
	}
	b.mu.Unlock()
	b.t.Fatalf("%s: %v", what, err)
}

// shotOf saves a screenshot of the element sel and logs its path.
func (b *browserSession) shotOf(name, sel string) {
	b.t.Helper()
	png, err := chromedp.Run(b.ctx, chromedp.Screenshot(chromedp.CSS(sel)))
	if err != nil {
		b.t.Errorf("screenshot %s: %v", name, err)
		return
	}
	b.save(name+".png", png)
}

// save writes an artefact of the test and logs its path.
func (b *browserSession) save(name string, data []byte) {
	b.t.Helper()
	p := filepath.Join(b.dir, name)
	if err := os.WriteFile(p, data, 0o644); err != nil {
		b.t.Errorf("saving %s: %v", name, err)
		return
	}
	b.t.Logf("artefact: %s", p)
}

// shot saves a full-page screenshot and logs its path.
func (b *browserSession) shot(name string) {
	b.t.Helper()
	png, err := chromedp.Run(b.ctx, chromedp.FullScreenshot(100))
	if err != nil {
		b.t.Errorf("screenshot %s: %v", name, err)
		return
	}
	b.save(name+".png", png)
}

// TestBrowser drives Chromium through the counsellors' page, on the
// combined dataset it answers on by default: the path finder with its
// suggestions, « Lequel voulez-vous dire ? » for an ambiguous start, a
// route across the repertoire and ROME 4.0 with each step's source, its
// map, a node of the map to a job page, the back button, a study step,
// the printed plan (to PDF), the level explorer, « Qui devient … ? » with
// its own question, the comparison and the map of all jobs, at a desktop
// and a phone size. Every map must be readable (labels of 11 px or
// more), reachable with the keyboard, and free of Graphviz's internal
// names; axe-core must find nothing at every state.
func TestBrowser(t *testing.T) {
	exe := chromiumPath(t)
	axe := axeScript(t)

	// Every dataset the page offers: the repertoire, ROME 4.0 and the
	// combined dataset the page answers on by default, with their skills.
	h, err := web.NewServer(web.Config{Datasets: web.NewDatasets("metiers", served.Datasets(t)...)})
	if err != nil {
		t.Fatal(err)
	}
	// With fakeDiplomas set, /api/levels gains a "diplomas" list when the
	// server has none yet, so the page is seen reading it; the browser
	// keeps no copy of /api/levels, so both answers are seen.
	var fakeDiplomas atomic.Bool
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/api/levels" {
			serveLevels(w, r, h, fakeDiplomas.Load())
			return
		}
		h.ServeHTTP(w, r)
	}))
	defer ts.Close()

	dir := os.Getenv("PATHWAYS_SCREENSHOTS")
	if dir == "" {
		dir = t.TempDir()
	} else if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}

	// A bound on the whole walk, not a measure of it: each step waits for
	// a DOM condition, and the machine may be shared.
	ctx, cancel := context.WithTimeout(context.Background(), 300*time.Second)
	defer cancel()
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(exe),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1280, 800),
	)
	actx, cancelAlloc := chromedp.NewExecAllocator(ctx, opts...)
	defer cancelAlloc()
	bctx, cancelBrowser := chromedp.NewContext(actx)
	defer cancelBrowser()

	b := &browserSession{t: t, ctx: bctx, base: ts.URL, dir: dir, axeSrc: axe}
	messages := chromedp.Console(bctx)
	go func() {
		for m, err := range messages {
			if err != nil {
				return
			}
			b.mu.Lock()
			b.console = append(b.console, m)
			b.mu.Unlock()
		}
	}()

	for _, size := range []struct {
		name string
		w, h int64
	}{{"desktop", 1280, 800}, {"phone", 390, 844}} {
		b.do("set the viewport", chromedp.EmulateViewport(size.w, size.h))
		if size.name == "desktop" {
			b.pathScenario()
			route := eval[string](b, "read the URL", `location.href`)
			b.studyScenario()
			b.do("open the route again", chromedp.Navigate(route))
			b.waitFor("the route", `document.querySelector('#path-out .route .step .evidence blockquote')`)
		} else {
			// The phone opens the same views from shared links.
			b.do("open a shared route", chromedp.Navigate(ts.URL+"/?from=technicien-reseaux-cloud&to=architecte-cloud-reseaux"))
			b.waitFor("the route", `document.querySelector('#path-out .route .step .evidence blockquote')`)
			b.waitFor("the map of the route", `document.querySelector('#path-map svg a')`)
		}
		// The route on the combined dataset, the page's default, is drawn
		// whole on a desktop: its routes without their neighbours.
		if m := b.checkMap("#path-map"); size.name == "desktop" && m.Width > m.FrameWidth+1 {
			t.Errorf("desktop: the route's map on all is %.0f px wide in a %.0f px frame, want it whole without scrolling", m.Width, m.FrameWidth)
		}
		b.shot(size.name + "-path")
		b.checkA11y(size.name + "-path")
		b.shotOf(size.name+"-path-map", "#path-map")
		if size.name == "desktop" {
			b.mapKeyboard("#path-map")
			b.printScenario()
		}

		b.do("open the job page", chromedp.Navigate(ts.URL+"/?job=architecte-logiciel"))
		b.waitFor("the job card", `document.querySelector('#job-h') && document.querySelector('#job-out .card-part')`)
		b.waitFor("the map around the job", `document.querySelector('#job-map svg a')`)
		b.checkMap("#job-map")
		b.shot(size.name + "-job")
		b.checkA11y(size.name + "-job")

		if size.name == "desktop" {
			b.diplomaScenario()
			fakeDiplomas.Store(true)
			b.diplomaScenario()
			fakeDiplomas.Store(false)
		}
		b.levelScenario()
		b.checkMap("#level-map")
		if size.name == "desktop" {
			b.mapDrag("#level-map")
		}
		b.shot(size.name + "-level")
		b.checkA11y(size.name + "-level")
		if size.name == "desktop" {
			b.levelAllScenario()
			b.unknownScenario()
		}

		b.feedersScenario(size.name == "desktop")
		b.checkMap("#feeders-map")
		b.shot(size.name + "-feeders")
		b.checkA11y(size.name + "-feeders")

		b.compareScenario()
		b.shot(size.name + "-compare")
		b.checkA11y(size.name + "-compare")

		b.do("open the map", chromedp.Navigate(ts.URL+"/?map=&dataset=metiers"))
		b.waitFor("the map of all jobs", `document.querySelector('#big-map svg a')`)
		b.checkMap("#big-map")
		b.shot(size.name + "-map")
		b.checkA11y(size.name + "-map")
		b.overviewScenario(size.name)
	}

	b.mu.Lock()
	defer b.mu.Unlock()
	for _, m := range b.console {
		switch {
		case m.IsException():
			t.Errorf("JavaScript exception: %s", m)
		case strings.Contains(m.Text, "Content Security Policy"):
			t.Errorf("CSP violation: %s", m)
		default:
			t.Logf("console: %s", m)
		}
	}
}

// pathScenario types a route, picks a suggestion with the keyboard,
// reads the route, clicks a job on the map and comes back.
func (b *browserSession) pathScenario() {
	t := b.t
	t.Helper()
	b.openHome()
	b.shot("desktop-home")
	b.checkA11y("desktop-home")
	b.do("type a route",
		chromedp.SendKeys(chromedp.ID("from"), "technicien"),
		chromedp.WaitVisible(chromedp.CSS("#from-list [role=option]")),
		chromedp.KeyEvent(kb.Escape),
		chromedp.SendKeys(chromedp.ID("to"), "architecte cloud"),
		chromedp.WaitVisible(chromedp.CSS("#to-list [role=option]")),
		chromedp.KeyEvent(kb.ArrowDown),
		chromedp.KeyEvent(kb.Enter),
	)
	type field struct {
		Value, ID, Selected string
	}
	to := eval[field](b, "read the to field",
		`({Value: document.querySelector('#to').value, ID: document.querySelector('#to').dataset.id || '',
		  Selected: document.querySelector('#to').getAttribute('aria-expanded')})`)
	if to.ID == "" || to.Value == "architecte" || to.Selected != "false" {
		t.Fatalf("after choosing a suggestion, #to = %+v, want a chosen job and the list closed", to)
	}

	b.do("submit", chromedp.Click(chromedp.CSS("#path-form button[type=submit]")))
	// « technicien » names two jobs: the page asks which before answering.
	from := b.chooseFirst("#path-out", ".route", "from", "desktop-choose")
	b.waitFor("a step with evidence", `document.querySelector('#path-out .route .step .evidence blockquote')`)
	loc := eval[string](b, "read the URL", `location.search`)
	q, _ := url.ParseQuery(strings.TrimPrefix(loc, "?"))
	if q.Get("from") != from || q.Get("to") != to.ID {
		t.Errorf("URL after the pick = %q, want from=%s&to=%s", loc, from, to.ID)
	}
	// The page shows what the API says: every step, every quote, every
	// level jump.
	var doc struct {
		Paths []struct {
			Steps []struct {
				Evidence, Source string
				RaisesLevel      bool `json:"raises_level"`
			}
		}
	}
	b.getJSON("/api/path?"+url.Values{"from": {from}, "to": {to.ID}, "k": {"3"}}.Encode(), &doc)
	var want struct{ Routes, Steps, Evidence, Jumps int }
	var wantSources []string
	for _, p := range doc.Paths {
		want.Routes++
		for _, s := range p.Steps {
			want.Steps++
			wantSources = append(wantSources, s.Source)
			if s.Evidence != "" {
				want.Evidence++
			}
			if s.RaisesLevel {
				want.Jumps++
			}
		}
	}
	got := eval[struct{ Routes, Steps, Evidence, Jumps int }](b, "count the steps", `({
		Routes: document.querySelectorAll('#path-out .route').length,
		Steps: document.querySelectorAll('#path-out .route .step').length,
		Evidence: document.querySelectorAll('#path-out .route .step .evidence blockquote').length,
		Jumps: Array.from(document.querySelectorAll('#path-out .route .step .badge-warn'))
			.filter(e => e.textContent === 'niveau requis plus élevé').length})`)
	if got != want || want.Routes == 0 {
		t.Errorf("the page shows %+v, want %+v as /api/path says (and at least one route)", got, want)
	}
	b.checkSources(wantSources)
	b.waitFor("the map of the route", `document.querySelector('#path-map svg a')`)

	// A job of the map: an <a> of the SVG whose link names a job.
	const node = `Array.from(document.querySelectorAll('#path-map svg a')).find(a =>
		/[?&]job=/.test(a.getAttribute('href') || a.getAttribute('xlink:href') || ''))`
	href := eval[string](b, "find a node of the map", `(`+node+`).getAttribute('href') || (`+node+`).getAttribute('xlink:href')`)
	u, err := url.Parse(href)
	if err != nil || u.Query().Get("job") == "" {
		t.Fatalf("map node link = %q, want /?job=ID", href)
	}
	job := u.Query().Get("job")
	title := b.jobTitle(job)
	b.do("click the node", chromedp.Click(chromedp.JSPath(node)))
	b.waitFor("the job page", `new URLSearchParams(location.search).get('job') === `+jsString(job)+
		` && document.querySelector('#job-h') && document.querySelector('#job-h').textContent === `+jsString(title))
	b.shot("desktop-job-from-map")
	if n := eval[int](b, "history", `history.length`); n < 3 {
		t.Errorf("history.length = %d after two searches, want at least 3 (pushState)", n)
	}

	b.do("go back", chromedp.Evaluate[chromedp.Void](`history.back()`))
	b.waitFor("the route again", `!document.querySelector('#view-path').hidden &&
		new URLSearchParams(location.search).get('from') === `+jsString(from)+` &&
		document.querySelector('#path-out .route .step .evidence blockquote')`)
}

// levelScenario opens the level explorer from a shared link, on the
// repertoire: on the combined dataset a BTS reaches some 1,500 jobs,
// more than a map can draw.
func (b *browserSession) levelScenario() {
	b.t.Helper()
	b.do("open the level explorer", chromedp.Navigate(b.base+"/?level=BTS&dataset=metiers"))
	b.waitFor("roles reachable with a BTS", `document.querySelectorAll('#level-out .role-list li').length > 0`)
	b.waitFor("the map of the level", `document.querySelector('#level-map svg a')`)
}

// getJSON decodes an API document, of the combined dataset (the page's
// default) unless path names another.
func (b *browserSession) getJSON(path string, v any) {
	b.t.Helper()
	if !strings.Contains(path, "dataset=") {
		sep := "?"
		if strings.Contains(path, "?") {
			sep = "&"
		}
		path += sep + "dataset=all"
	}
	res, err := http.Get(b.base + path)
	if err != nil {
		b.t.Fatal(err)
	}
	defer res.Body.Close()
	if err := json.NewDecoder(res.Body).Decode(v); err != nil || res.StatusCode != http.StatusOK {
		b.t.Fatalf("GET %s: %d %v", path, res.StatusCode, err)
	}
}

// jobTitle asks the API for the title of a job.
func (b *browserSession) jobTitle(id string) string {
	b.t.Helper()
	var doc struct{ Title string }
	b.getJSON("/api/jobs/"+url.PathEscape(id), &doc)
	return doc.Title
}

// jsString quotes s as a JavaScript string literal.
func jsString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

// mapState is what checkMap reads of a map on the page.
type mapState struct {
	Tab, Role, Label   string
	MinLabelPx         float64 // smallest label as drawn, in CSS pixels
	Width, FrameWidth  float64
	Pannable, Overflow bool
	GroupTitles        int    // Graphviz's "n10", "n10->n11" left in the page
	Title, Desc        string // what assistive technology reads of the map
}

// readMap is a JavaScript function of a selector returning a mapState.
const readMap = `(sel) => {
	const svg = document.querySelector(sel + ' svg.graph');
	const frame = svg.closest('.map-frame');
	const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
	let min = Infinity;
	for (const t of svg.querySelectorAll('text[font-size]')) min = Math.min(min, parseFloat(t.getAttribute('font-size')));
	return {Tab: frame.getAttribute('tabindex') || '', Role: frame.getAttribute('role') || '',
		Label: frame.getAttribute('aria-label') || '', MinLabelPx: min * scale,
		Width: svg.getBoundingClientRect().width, FrameWidth: frame.clientWidth,
		Pannable: frame.classList.contains('pannable'),
		Overflow: frame.scrollWidth > frame.clientWidth + 1 || frame.scrollHeight > frame.clientHeight + 1,
		GroupTitles: svg.querySelectorAll('g > title').length,
		Title: (svg.querySelector(':scope > title') || {}).textContent || '',
		Desc: (svg.querySelector(':scope > desc') || {}).textContent || ''};
}`

// checkMap checks that the map in sel reads at 11 px or more, is a
// focusable, named region (axe's scrollable-region-focusable), can be
// panned when larger than its frame, and carries no Graphviz group names.
func (b *browserSession) checkMap(sel string) mapState {
	b.t.Helper()
	b.waitFor("the map "+sel, `document.querySelector(`+jsString(sel+" svg.graph")+`)`)
	m := eval[mapState](b, "read the map "+sel, `(`+readMap+`)(`+jsString(sel)+`)`)
	b.t.Logf("%s: %.0f px wide in a %.0f px frame, smallest label %.1f px, pannable %v", sel, m.Width, m.FrameWidth, m.MinLabelPx, m.Pannable)
	if m.MinLabelPx < 10.99 {
		b.t.Errorf("%s: smallest label drawn at %.1f px, want at least 11", sel, m.MinLabelPx)
	}
	if m.Tab != "0" || m.Role != "region" || m.Label == "" {
		b.t.Errorf("%s: frame tabindex %q role %q label %q, want a focusable named region", sel, m.Tab, m.Role, m.Label)
	}
	if m.Overflow && !m.Pannable {
		b.t.Errorf("%s: the map overflows its frame (%.0f px in %.0f) but cannot be panned", sel, m.Width, m.FrameWidth)
	}
	if m.GroupTitles != 0 {
		b.t.Errorf("%s: %d Graphviz group titles left for screen readers", sel, m.GroupTitles)
	}
	if m.Title == "" || !strings.Contains(m.Desc, "Sur la carte : ") {
		b.t.Errorf("%s: SVG title %q, desc %q, want a title and a desc naming the jobs", sel, m.Title, m.Desc)
	}
	return m
}

// mapKeyboard zooms the map in sel with the keyboard and back.
func (b *browserSession) mapKeyboard(sel string) {
	b.t.Helper()
	before := b.checkMap(sel)
	b.do("focus the map", chromedp.Focus(chromedp.CSS(sel+" .map-frame")), chromedp.KeyEvent("+"))
	zoomed := eval[mapState](b, "read the zoomed map", `(`+readMap+`)(`+jsString(sel)+`)`)
	if zoomed.Width <= before.Width {
		b.t.Errorf("%s: + on the focused map left it %.0f px wide (was %.0f), want larger", sel, zoomed.Width, before.Width)
	}
	b.do("reset the zoom", chromedp.KeyEvent("0"))
	if back := eval[mapState](b, "read the map again", `(`+readMap+`)(`+jsString(sel)+`)`); back.Width != before.Width {
		b.t.Errorf("%s: 0 on the focused map gave %.0f px, want %.0f as at first", sel, back.Width, before.Width)
	}
	if active := eval[bool](b, "where the focus is", `document.activeElement === document.querySelector(`+jsString(sel+" .map-frame")+`)`); !active {
		b.t.Errorf("%s: the focus left the map frame while zooming", sel)
	}
}

// printScenario prints the first route with « Imprimer le plan » and
// checks the printed page: no navigation, form or button, the date, the
// route's steps and quotes, lines for notes, and at most two A4 pages.
func (b *browserSession) printScenario() {
	t := b.t
	t.Helper()
	loc := eval[string](b, "read the URL", `location.search`)
	var doc struct {
		Paths []struct {
			Steps []struct {
				Title, Evidence, Says string
				Gap                   *apiGap
			}
		}
	}
	q, _ := url.ParseQuery(strings.TrimPrefix(loc, "?"))
	if q.Get("k") == "" {
		q.Set("k", "3") // as the page asks
	}
	b.getJSON("/api/path?"+q.Encode(), &doc)
	if len(doc.Paths) < 2 {
		t.Fatalf("GET /api/path?%s has %d routes, want at least 2 to print one", q.Encode(), len(doc.Paths))
	}
	// Headless Chromium has no print dialog: count the calls instead.
	b.do("print the first route",
		chromedp.Evaluate[chromedp.Void](`window.print = () => { window.printed = (window.printed || 0) + 1; }`),
		chromedp.Click(chromedp.CSS("#path-out .route .print-button")),
		chromedp.Action[chromedp.Void](func(ctx context.Context, tg *chromedp.Target) (chromedp.Void, error) {
			_, err := cdp.Call(ctx, tg, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "print"})
			return chromedp.Void{}, err
		}))
	var got struct {
		Printed, Routes, NoteLines int
		Controls                   []string
		Head, Text                 string
	}
	got = eval[struct {
		Printed, Routes, NoteLines int
		Controls                   []string
		Head, Text                 string
	}](b, "read the printed page", `(() => {
		const shown = (el) => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden';
		return {Printed: window.printed || 0,
			Routes: Array.from(document.querySelectorAll('.route')).filter(shown).length,
			NoteLines: Array.from(document.querySelectorAll('.note-line')).filter(shown).length,
			Controls: Array.from(document.querySelectorAll('nav, form, button, input, select')).filter(shown).map(e => e.outerHTML.slice(0, 60)),
			Head: document.querySelector('#print-head').innerText, Text: document.body.innerText};
	})()`)
	if got.Printed != 1 || got.Routes != 1 {
		t.Errorf("after « Imprimer le plan »: print called %d times, %d routes printed; want 1 and 1", got.Printed, got.Routes)
	}
	if len(got.Controls) != 0 {
		t.Errorf("the printed page shows controls: %q", got.Controls)
	}
	steps := doc.Paths[0].Steps
	if !regexp.MustCompile(`\b20\d\d\b`).MatchString(got.Head) || !strings.Contains(got.Head, steps[0].Title) ||
		!strings.Contains(got.Head, steps[len(steps)-1].Title) || got.NoteLines == 0 {
		t.Errorf("the printed page head %q (%d note lines), want a date, the start and the target, and lines for notes", got.Head, got.NoteLines)
	}
	gaps := 0
	for _, s := range doc.Paths[0].Steps {
		// A step reads in plain words where the API writes them; the
		// quote behind them is on the screen, on demand.
		why := s.Says
		if why == "" {
			why = s.Evidence
		}
		if !strings.Contains(got.Text, s.Title) || !strings.Contains(got.Text, why) {
			t.Errorf("the printed plan lacks the step %q or why it is taken, %q", s.Title, why)
		}
		if s.Gap != nil {
			gaps++
			b.checkPrintedGap(got.Text, s.Title, *s.Gap)
		}
	}
	if gaps == 0 {
		t.Errorf("the first route of /api/path?%s has no skills gap to print", q.Encode())
	}
	b.shot("desktop-print")
	b.checkA11y("desktop-print")
	pdf, err := chromedp.Run(b.ctx, chromedp.PrintToPDF(chromedp.PDFPaper(chromedp.PaperA4), chromedp.PDFPreferCSSPageSize()))
	if err != nil {
		b.fail("print to PDF", err)
	}
	b.save("plan.pdf", pdf)
	if n := pdfPages(pdf); n < 1 || n > 2 {
		t.Errorf("the printed plan has %d A4 pages, want 1 or 2", n)
	}
	b.do("back to the screen", chromedp.Action[chromedp.Void](func(ctx context.Context, tg *chromedp.Target) (chromedp.Void, error) {
		_, err := cdp.Call(ctx, tg, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{})
		return chromedp.Void{}, err
	}))
}

// pdfPages counts the page objects of a PDF (Chromium writes them
// uncompressed).
func pdfPages(pdf []byte) int {
	return len(regexp.MustCompile(`/Type\s*/Page[^s]`).FindAll(pdf, -1))
}

// chooseFirst answers the question « Lequel voulez-vous dire ? » that the
// view whose answer box is out asks about « technicien »: it checks that
// no answer (the answers selector) shows before a job is chosen, takes
// the screenshot and the axe-core check named shot, and picks the first
// choice, a technicien job, whose id it returns as the link puts it in
// the page's parameter param.
func (b *browserSession) chooseFirst(out, answers, param, shot string) string {
	t := b.t
	t.Helper()
	b.waitFor("the question « Lequel voulez-vous dire ? »", `document.querySelector('`+out+` .choose a.choice')`)
	if n := eval[int](b, "count the answers", `document.querySelectorAll('`+out+` `+answers+`').length`); n != 0 {
		t.Errorf("%s shows %d answers (%s) before the job is chosen, want 0", out, n, answers)
	}
	b.shot(shot)
	b.checkA11y(shot)
	pick := eval[string](b, "read the first choice", `new URL(document.querySelector('`+out+` .choose a.choice').href).searchParams.get('`+param+`')`)
	if !strings.HasPrefix(pick, "technicien-") {
		t.Fatalf("the first choice of %s is %s=%q, want a technicien job", out, param, pick)
	}
	b.do("pick the first job", chromedp.Click(chromedp.CSS(out+" .choose a.choice")))
	return pick
}

// feedersScenario opens « Qui devient … ? »: from its tab with a typed
// job and a depth (interactive), or from a shared link, and checks that
// the page lists what /api/feeders says, with the level as a level.
func (b *browserSession) feedersScenario(interactive bool) {
	t := b.t
	t.Helper()
	if interactive {
		// « technicien » names two jobs: the tab asks which before answering.
		b.openHome()
		b.do("open the feeders tab",
			chromedp.Click(chromedp.CSS(`.tabs a[data-view=feeders]`)),
			chromedp.WaitVisible(chromedp.ID("feeders-to")),
			chromedp.SendKeys(chromedp.ID("feeders-to"), "technicien"),
			chromedp.WaitVisible(chromedp.CSS("#feeders-list [role=option]")),
			chromedp.KeyEvent(kb.Escape),
			chromedp.SetValue(chromedp.ID("feeders-depth"), "1"),
			chromedp.Click(chromedp.CSS("#feeders-form button[type=submit]")))
		pick := b.chooseFirst("#feeders-out", ".role-list li", "feeders", "desktop-feeders-choose")
		b.waitFor("the feeders of the job picked", `document.querySelector('#feeders-out .roles') && !document.querySelector('#feeders-out .choose')`)
		loc := eval[string](b, "read the URL", `location.search`)
		if q, _ := url.ParseQuery(strings.TrimPrefix(loc, "?")); q.Get("feeders") != pick || q.Get("depth") != "1" {
			t.Errorf("URL after the pick = %q, want feeders=%s&depth=1", loc, pick)
		}
	}
	b.do("open shared feeders", chromedp.Navigate(b.base+"/?feeders=architecte-logiciel&depth=2"))
	b.waitFor("the feeders", `document.querySelectorAll('#feeders-out .role-list li').length > 0`)
	b.waitFor("the map of the feeders", `document.querySelector('#feeders-map svg a')`)
	var doc struct {
		Start []struct{ Level string }
		Roles []struct{ Distance int }
	}
	b.getJSON("/api/feeders?to=architecte-logiciel&depth=2", &doc)
	want := 0
	for _, r := range doc.Roles {
		if r.Distance > 0 {
			want++
		}
	}
	got := eval[struct {
		Roles  int
		Levels []string
	}](b, "count the feeders", `({Roles: document.querySelectorAll('#feeders-out .role-list li').length,
		Levels: Array.from(document.querySelectorAll('#feeders-out .summary a.badge-level')).map(a => a.getAttribute('href'))})`)
	if got.Roles != want || want == 0 {
		t.Errorf("the feeders tab lists %d jobs, want %d as /api/feeders says (and at least one)", got.Roles, want)
	}
	if len(doc.Start) != 1 || len(got.Levels) != 1 || !strings.Contains(got.Levels[0], "level="+url.QueryEscape(doc.Start[0].Level)) {
		t.Errorf("the feeders tab links levels %q, want one link to the level explorer for %+v", got.Levels, doc.Start)
	}
}

// lowContrast is a JavaScript expression listing the page's visible text
// (outside the SVG maps) whose contrast with its background is under
// 4.5:1, the WCAG 2.1 AA threshold for body text.
const lowContrast = `(() => {
	const parse = (c) => {
		const m = /rgba?\(([^)]+)\)/.exec(c);
		if (!m) return null;
		const p = m[1].split(/[\s,\/]+/).filter(Boolean).map(Number);
		return {r: p[0], g: p[1], b: p[2], a: p.length > 3 ? p[3] : 1};
	};
	const lum = (c) => {
		const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
		return 0.2126 * f(c.r) + 0.7152 * f(c.g) + 0.0722 * f(c.b);
	};
	const background = (el) => {
		for (; el; el = el.parentElement) {
			const c = parse(getComputedStyle(el).backgroundColor);
			if (c && c.a > 0.5) return c;
		}
		return {r: 255, g: 255, b: 255, a: 1};
	};
	const bad = [];
	const walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
	for (let n = walk.nextNode(); n; n = walk.nextNode()) {
		const el = n.parentElement;
		if (!n.textContent.trim() || !el || el.closest('svg') || !el.getClientRects().length) continue;
		const cs = getComputedStyle(el);
		if (cs.visibility === 'hidden') continue;
		const a = lum(parse(cs.color)), b = lum(background(el));
		const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
		if (ratio < 4.5) bad.push(ratio.toFixed(2) + ' ' + cs.color + ': ' + n.textContent.trim().slice(0, 40));
	}
	return bad;
})()`

// checkContrast fails on any text of the page below 4.5:1.
func (b *browserSession) checkContrast(state string) {
	b.t.Helper()
	if bad := eval[[]string](b, "measure the contrast", lowContrast); len(bad) != 0 {
		b.t.Errorf("%s: text under 4.5:1 contrast: %q", state, bad)
	}
}

// serveLevels answers /api/levels from h, not to be cached, adding two
// diplomas when fake is set and the document has no "diplomas" list.
func serveLevels(w http.ResponseWriter, r *http.Request, h http.Handler, fake bool) {
	r.Header.Del("Accept-Encoding")
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, r)
	var doc map[string]any
	if err := json.Unmarshal(rec.Body.Bytes(), &doc); err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	if _, ok := doc["diplomas"]; fake && !ok {
		doc["diplomas"] = []map[string]string{{"text": "BTS", "level": "bac+2"}, {"text": "Brevet de test", "level": "bac+3"}}
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	json.NewEncoder(w).Encode(doc)
}

// diplomaScenario checks that the page offers the diplomas /api/levels
// lists, or the levels' labels when it lists none: in the level field,
// and as suggestions of the start field with their level.
func (b *browserSession) diplomaScenario() {
	t := b.t
	t.Helper()
	var doc struct {
		Levels   []struct{ ID, Label string }
		Diplomas []struct{ Text, Level string }
	}
	b.getJSON("/api/levels", &doc)
	labels := map[string]string{}
	for _, l := range doc.Levels {
		labels[l.ID] = l.Label
	}
	type diploma struct{ Text, Label string }
	var want []diploma
	for _, d := range doc.Diplomas {
		want = append(want, diploma{d.Text, labels[d.Level]})
	}
	if len(doc.Diplomas) == 0 {
		for _, l := range doc.Levels {
			for _, text := range strings.Split(l.Label, ", ") {
				want = append(want, diploma{text, l.Label})
			}
		}
	}
	b.do("open the level explorer", chromedp.Navigate(b.base+"/?level="))
	b.waitFor("the diplomas", `document.querySelectorAll('#diplomas option').length > 0`)
	b.checkA11y("desktop-diploma")
	got := eval[[]diploma](b, "read the diplomas",
		`Array.from(document.querySelectorAll('#diplomas option')).map(o => ({Text: o.value, Label: o.textContent}))`)
	if !slices.Equal(got, want) {
		t.Errorf("the level field offers %+v, want %+v from /api/levels", got, want)
	}
	last := want[len(want)-1]
	b.openHome()
	b.do("type a diploma", chromedp.SendKeys(chromedp.ID("from"), last.Text))
	b.waitFor("the suggestions", `document.querySelector('#from-list [role=option]')`)
	opts := eval[[]string](b, "read the suggestions",
		`Array.from(document.querySelectorAll('#from-list [role=option]')).map(li => li.textContent)`)
	if !slices.Contains(opts, last.Text+"Diplôme · "+last.Label) {
		t.Errorf("typing %q suggests %q, want the diploma with its level %q", last.Text, opts, last.Label)
	}
}

// mapDrag drags the map in sel to the left with the mouse: the frame
// scrolls by the distance dragged, and the drag opens no job even when it
// starts on one.
func (b *browserSession) mapDrag(sel string) {
	t := b.t
	t.Helper()
	type frame struct{ X, Y, ScrollLeft float64 }
	read := `(() => { const f = document.querySelector(` + jsString(sel+" .map-frame") + `);
		const r = f.getBoundingClientRect();
		return {X: r.left + r.width / 2, Y: r.top + Math.min(r.height / 2, 200), ScrollLeft: f.scrollLeft}; })()`
	b.do("bring the map into view", chromedp.Evaluate[chromedp.Void](
		`document.querySelector(`+jsString(sel+" .map-frame")+`).scrollIntoView({block: 'start'})`))
	before := eval[frame](b, "read the frame", read)
	search := eval[string](b, "read the URL", `location.search`)
	const dx = 150
	b.do("drag the map",
		chromedp.MouseEvent(input.DispatchMouseEventTypeMousePressed, before.X, before.Y, chromedp.ButtonLeft),
		chromedp.MouseEvent(input.DispatchMouseEventTypeMouseMoved, before.X-dx/3, before.Y, chromedp.ButtonLeft),
		chromedp.MouseEvent(input.DispatchMouseEventTypeMouseMoved, before.X-dx, before.Y, chromedp.ButtonLeft),
		chromedp.MouseEvent(input.DispatchMouseEventTypeMouseReleased, before.X-dx, before.Y, chromedp.ButtonLeft))
	after := eval[frame](b, "read the frame", read)
	if moved := after.ScrollLeft - before.ScrollLeft; moved < dx-2 || moved > dx+2 {
		t.Errorf("%s: dragging %d px to the left scrolled the map by %.0f px, want %d", sel, dx, moved, dx)
	}
	if got := eval[string](b, "read the URL", `location.search`); got != search {
		t.Errorf("%s: dragging the map went to %q, want to stay on %q", sel, got, search)
	}
}

// compareScenario opens the side-by-side comparison of two ROME 4.0
// fiches and checks it against /api/compare, then the skills and the
// suggestions of a job page.
func (b *browserSession) compareScenario() {
	b.t.Helper()
	var want struct {
		Jobs []struct {
			ID string `json:"id"`
		} `json:"jobs"`
		Shared []struct{}   `json:"shared"`
		Only   [][]struct{} `json:"only"`
	}
	b.getJSON("/api/compare?jobs=M1876,M1860&dataset=rome", &want)
	b.do("open the comparison", chromedp.Navigate(b.base+"/?compare=M1876,M1860&dataset=rome"))
	b.waitFor("the side-by-side columns", `document.querySelectorAll('#compare-out .compare-grid .compare-col').length === 2`)
	cols := eval[[]string](b, "the columns", `Array.from(document.querySelectorAll('#compare-out .compare-col')).map((c) => c.dataset.job)`)
	if len(cols) != 2 || cols[0] != want.Jobs[0].ID || cols[1] != want.Jobs[1].ID {
		b.t.Errorf("comparison columns = %v, want M1876 and M1860", cols)
	}
	heads := eval[[]string](b, "the headings", `Array.from(document.querySelectorAll('#compare-out .compare-shared h2, #compare-out .compare-col h3')).map((e) => e.textContent)`)
	wantHeads := []string{fmt.Sprintf("En commun (%d)", len(want.Shared)), fmt.Sprintf("Seulement ici (%d)", len(want.Only[0])), fmt.Sprintf("Seulement ici (%d)", len(want.Only[1]))}
	if !slices.Equal(heads, wantHeads) {
		b.t.Errorf("comparison headings = %q, want %q", heads, wantHeads)
	}
	if side := eval[bool](b, "the layout", `(() => { const c = document.querySelectorAll('#compare-out .compare-col');
		return c[0].getBoundingClientRect().top === c[1].getBoundingClientRect().top; })()`); !side && b.width() >= 700 {
		b.t.Errorf("the two columns are not side by side")
	}
	if n := eval[int](b, "the official link", `document.querySelectorAll('#compare-out .pair .official').length`); n == 0 {
		b.t.Errorf("the comparison shows no official move, want M1876 → M1860")
	}

	b.do("open a job with skills", chromedp.Navigate(b.base+"/?job=M1860&dataset=rome"))
	b.waitFor("the skills", `document.querySelector('#job-skills .skill-principale')`)
	b.waitFor("the suggestions", `document.querySelector('#job-near .suggestion')`)
	note := eval[string](b, "the suggestions' label", `document.querySelector('#job-near .suggestion-note').textContent`)
	if !strings.Contains(note, "suggestion d’après les compétences, non officielle") {
		b.t.Errorf("suggestions are labelled %q, want the non-official note", note)
	}
}

// width returns the width of the viewport.
func (b *browserSession) width() int {
	return eval[int](b, "the viewport width", `window.innerWidth`)
}
