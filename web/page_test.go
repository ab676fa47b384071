package web

import (
	"bytes"
	"compress/gzip"
	"io"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"path"
	"regexp"
	"strings"
	"testing"

	"github.com/pathways-fr/pathways/internal/fixture"
	"github.com/pathways-fr/pathways/internal/testtool"
)

// pageServer returns the whole server on the embedded repertoire, built
// once per test binary.
var pageServer = testtool.Once("NewServer(metiers)", func() (http.Handler, error) {
	g, err := fixture.LoadMetiers()
	if err != nil {
		return nil, err
	}
	return NewServer(Config{Datasets: NewDatasets("metiers", g)})
})

func get(t *testing.T, h http.Handler, target string, hdr ...string) *httptest.ResponseRecorder {
	t.Helper()
	req := httptest.NewRequest("GET", target, nil)
	for i := 0; i+1 < len(hdr); i += 2 {
		req.Header.Set(hdr[i], hdr[i+1])
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

func TestPageIndex(t *testing.T) {
	h := pageServer(t)
	rec := get(t, h, "/")
	if rec.Code != http.StatusOK {
		t.Fatalf("GET / = %d, want 200", rec.Code)
	}
	if ct := rec.Header().Get("Content-Type"); !strings.HasPrefix(ct, "text/html") {
		t.Errorf("GET / Content-Type = %q, want text/html", ct)
	}
	for _, k := range []string{"Content-Security-Policy", "X-Content-Type-Options", "X-Frame-Options", "Referrer-Policy"} {
		if rec.Header().Get(k) == "" {
			t.Errorf("GET / has no %s header", k)
		}
	}
	if csp := rec.Header().Get("Content-Security-Policy"); !strings.Contains(csp, "script-src 'self'") {
		t.Errorf("GET / Content-Security-Policy = %q, want script-src 'self'", csp)
	}
	body := rec.Body.String()
	if !strings.Contains(body, `lang="fr"`) {
		t.Errorf("GET / is not marked as French")
	}
	// Assets are referenced with their content hash, and that URL is
	// cached for long.
	m := regexp.MustCompile(`src="(/static/app\.js\?v=[0-9a-f]+)"`).FindStringSubmatch(body)
	if m == nil {
		t.Fatalf("GET / does not reference /static/app.js?v=HASH")
	}
	rec = get(t, h, m[1])
	if rec.Code != http.StatusOK || !strings.Contains(rec.Header().Get("Cache-Control"), "immutable") {
		t.Errorf("GET %s = %d, Cache-Control %q, want 200 and immutable", m[1], rec.Code, rec.Header().Get("Cache-Control"))
	}
	// The query string is the state of the page: / answers for any of it.
	if rec := get(t, h, "/?from=technicien&to=architecte"); rec.Code != http.StatusOK {
		t.Errorf("GET /?from=… = %d, want 200", rec.Code)
	}
}

// TestPageNoInlineCode checks the page against the CSP: scripts come from
// /static/ only, with no inline script, handler or style.
func TestPageNoInlineCode(t *testing.T) {
	b, err := static.ReadFile("static/index.html")
	if err != nil {
		t.Fatal(err)
	}
	html := string(b)
	scripts := regexp.MustCompile(`(?is)<script\b([^>]*)>(.*?)</script>`).FindAllStringSubmatch(html, -1)
	if len(scripts) == 0 {
		t.Errorf("index.html has no script")
	}
	for _, s := range scripts {
		if !regexp.MustCompile(`\bsrc="/static/[^"]+"`).MatchString(s[1]) {
			t.Errorf("index.html script %q does not load from /static/", s[0])
		}
		if strings.TrimSpace(s[2]) != "" {
			t.Errorf("index.html has inline script content %q", s[2])
		}
	}
	if on := regexp.MustCompile(`(?i)\son[a-z]+\s*=`).FindString(html); on != "" {
		t.Errorf("index.html has an inline event handler %q", on)
	}
	if regexp.MustCompile(`(?i)<style\b|\sstyle\s*=`).MatchString(html) {
		t.Errorf("index.html has inline style, which the CSP blocks")
	}
	if strings.Contains(strings.ToLower(html), "javascript:") {
		t.Errorf("index.html has a javascript: URL")
	}
	if !regexp.MustCompile(`<script type="module" src="/static/app\.js">`).MatchString(html) {
		t.Errorf("index.html does not load app.js as a module")
	}
	for name, js := range pageScripts(t) {
		// Text from the API goes in as text, never as markup.
		for _, bad := range []string{"innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function"} {
			if bytes.Contains(js, []byte(bad)) {
				t.Errorf("%s uses %s", name, bad)
			}
		}
	}
}

// pageScripts returns the page's JavaScript modules by name.
func pageScripts(t *testing.T) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	err := fs.WalkDir(static, "static", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || path.Ext(name) != ".js" {
			return err
		}
		b, err := static.ReadFile(name)
		out[name] = b
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestPageModules checks the shape of the script: small modules, every
// import names a module that exists, and the level and diploma words come
// from /api/levels, not from a copy in the script.
func TestPageModules(t *testing.T) {
	scripts := pageScripts(t)
	if len(scripts) < 5 {
		t.Fatalf("the page has %d scripts, want it split into modules", len(scripts))
	}
	imp := regexp.MustCompile(`(?m)^import .* from '(\./[^']+)';$`)
	for name, js := range scripts {
		if n := bytes.Count(js, []byte("\n")); n > 300 {
			t.Errorf("%s has %d lines, want at most 300", name, n)
		}
		for _, m := range imp.FindAllSubmatch(js, -1) {
			dep := path.Join(path.Dir(name), string(m[1]))
			if _, ok := scripts[dep]; !ok {
				t.Errorf("%s imports %s, which is not a module of the page", name, m[1])
			}
		}
		// A few words only the diploma vocabulary holds.
		for _, word := range []string{"Licence pro", "Mastère", "Doctorat", "'bac+5'", "CAP, BEP"} {
			if bytes.Contains(js, []byte(word)) {
				t.Errorf("%s holds %q: levels and diplomas must come from /api/levels", name, word)
			}
		}
	}
}

// TestPageAssetGzip checks that scripts and styles are sent gzipped to
// clients that take it, with their own validator, and plain otherwise.
func TestPageAssetGzip(t *testing.T) {
	h := pageServer(t)
	for _, target := range []string{"/static/app.js", "/static/js/svgmap.js", "/static/style.css", "/"} {
		plain := get(t, h, target)
		zipped := get(t, h, target, "Accept-Encoding", "gzip, br")
		if plain.Header().Get("Content-Encoding") != "" {
			t.Errorf("GET %s without Accept-Encoding has Content-Encoding %q", target, plain.Header().Get("Content-Encoding"))
		}
		if zipped.Code != http.StatusOK || zipped.Header().Get("Content-Encoding") != "gzip" {
			t.Errorf("GET %s Accept-Encoding: gzip = %d, Content-Encoding %q, want 200 gzip", target, zipped.Code, zipped.Header().Get("Content-Encoding"))
			continue
		}
		if v := zipped.Header().Get("Vary"); !strings.Contains(v, "Accept-Encoding") {
			t.Errorf("GET %s Vary = %q, want Accept-Encoding", target, v)
		}
		zr, err := gzip.NewReader(zipped.Body)
		if err != nil {
			t.Fatalf("GET %s: %v", target, err)
		}
		body, err := io.ReadAll(zr)
		if err != nil || !bytes.Equal(body, plain.Body.Bytes()) {
			t.Errorf("GET %s gunzipped differs from the plain body (err %v)", target, err)
		}
		if zipped.Header().Get("ETag") == plain.Header().Get("ETag") {
			t.Errorf("GET %s has the same ETag gzipped and plain", target)
		}
		etag := zipped.Header().Get("ETag")
		if rec := get(t, h, target, "Accept-Encoding", "gzip", "If-None-Match", etag); rec.Code != http.StatusNotModified {
			t.Errorf("GET %s gzip If-None-Match: %s = %d, want 304", target, etag, rec.Code)
		}
	}
	if rec := get(t, h, "/static/app.js", "Accept-Encoding", "gzip;q=0"); rec.Header().Get("Content-Encoding") != "" {
		t.Errorf("GET /static/app.js Accept-Encoding: gzip;q=0 is gzipped")
	}
}

func TestPageStatic(t *testing.T) {
	h := pageServer(t)
	tests := []struct {
		target string
		code   int
		ctype  string
	}{
		{"/static/app.js", http.StatusOK, "text/javascript"},
		{"/static/style.css", http.StatusOK, "text/css"},
		{"/static/icon.svg", http.StatusOK, "image/svg+xml"},
		{"/static/", http.StatusNotFound, ""},
		{"/static", http.StatusNotFound, ""},
		{"/static/../go.mod", http.StatusNotFound, ""},
		{"/static/%2e%2e/go.mod", http.StatusNotFound, ""},
		{"/static/..%2fpage.go", http.StatusNotFound, ""},
		{"/static/missing.js", http.StatusNotFound, "application/json"},
		{"/static/index.html", http.StatusNotFound, "application/json"},
		{"/static/app.js/", http.StatusNotFound, ""},
	}
	for _, tt := range tests {
		rec := get(t, h, tt.target)
		if rec.Code != tt.code {
			t.Errorf("GET %s = %d, want %d", tt.target, rec.Code, tt.code)
			continue
		}
		if tt.ctype != "" && !strings.HasPrefix(rec.Header().Get("Content-Type"), tt.ctype) {
			t.Errorf("GET %s Content-Type = %q, want %s", tt.target, rec.Header().Get("Content-Type"), tt.ctype)
		}
		if tt.code == http.StatusOK && rec.Header().Get("X-Content-Type-Options") != "nosniff" {
			t.Errorf("GET %s has no X-Content-Type-Options: nosniff", tt.target)
		}
	}
}

func TestPageRevalidation(t *testing.T) {
	h := pageServer(t)
	for _, target := range []string{"/", "/static/app.js"} {
		rec := get(t, h, target)
		etag := rec.Header().Get("ETag")
		if etag == "" {
			t.Errorf("GET %s has no ETag", target)
			continue
		}
		if cc := rec.Header().Get("Cache-Control"); cc != "no-cache" {
			t.Errorf("GET %s Cache-Control = %q, want no-cache (no hash in the URL)", target, cc)
		}
		if rec := get(t, h, target, "If-None-Match", etag); rec.Code != http.StatusNotModified || rec.Body.Len() != 0 {
			t.Errorf("GET %s If-None-Match: %s = %d with %d bytes, want 304 and no body", target, etag, rec.Code, rec.Body.Len())
		}
		if rec := get(t, h, target, "If-None-Match", `"other"`); rec.Code != http.StatusOK {
			t.Errorf("GET %s If-None-Match: other = %d, want 200", target, rec.Code)
		}
	}
}
