package web

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"io/fs"
	"net/http"
	"path"
	"strings"
	"sync"

	"github.com/gin-gonic/gin"
)

// static holds the page: index.html and the assets it references.
//
//go:embed static
var static embed.FS

// asset is an embedded file ready to serve.
type asset struct {
	body  []byte
	gz    func() []byte // body gzipped, nil when that is not smaller; compressed on first use
	ctype string
	etag  string // strong validator: a hash of body
	hash  string // short hash put in the asset's URL by index.html
}

// assetTypes are the content types of the files under static/. The
// system's MIME tables are not consulted, so every machine answers alike.
var assetTypes = map[string]string{
	".html": "text/html; charset=utf-8",
	".js":   "text/javascript; charset=utf-8",
	".css":  "text/css; charset=utf-8",
	".svg":  "image/svg+xml",
	".png":  "image/png",
	".ico":  "image/x-icon",
	".json": "application/json",
}

// pageAssets reads the embedded files. The index is rewritten so that
// each "/static/NAME" it references carries "?v=HASH" of that file: a
// URL with the current hash is then cached for a year, and a new
// release changes the URL.
func pageAssets() (index asset, assets map[string]asset, err error) {
	sub, err := fs.Sub(static, "static")
	if err != nil {
		return asset{}, nil, err
	}
	assets = map[string]asset{}
	err = fs.WalkDir(sub, ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(sub, name)
		if err != nil {
			return err
		}
		assets[name] = newAsset(name, b)
		return nil
	})
	if err != nil {
		return asset{}, nil, err
	}
	html := assets["index.html"].body
	for name, a := range assets {
		if name == "index.html" {
			continue
		}
		ref := `"/static/` + name + `"`
		html = bytes.ReplaceAll(html, []byte(ref), []byte(`"/static/`+name+`?v=`+a.hash+`"`))
	}
	return newAsset("index.html", html), assets, nil
}

func newAsset(name string, b []byte) asset {
	sum := sha256.Sum256(b)
	h := hex.EncodeToString(sum[:])
	ctype, ok := assetTypes[path.Ext(name)]
	if !ok {
		ctype = "application/octet-stream"
	}
	return asset{body: b, gz: sync.OnceValue(func() []byte { return gzipped(b) }), ctype: ctype, etag: `"` + h[:32] + `"`, hash: h[:12]}
}

// gzipped compresses b, or returns nil when that does not save at least a
// tenth (as for an already compressed image). An asset is compressed when
// first asked for gzipped, not at start: at the best compression the page
// took about a third of the time from a loaded dataset to a built server.
func gzipped(b []byte) []byte {
	var out bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&out, gzip.BestCompression)
	zw.Write(b) // writes to a bytes.Buffer do not fail
	zw.Close()
	if out.Len() > len(b)*9/10 {
		return nil
	}
	return out.Bytes()
}

// addPageRoutes serves the page at / and its assets under /static/. There
// is no directory listing: only the embedded files are known, and any
// other name, "..", or a folder is a 404.
func addPageRoutes(r *gin.Engine, s *server) {
	index, assets, err := pageAssets()
	if err != nil {
		// The files are compiled in: failing to read them is a build bug.
		panic("web: reading the embedded page: " + err.Error())
	}
	page := func(c *gin.Context) {
		// The page is small and its assets carry their hash: revalidate it.
		serveAsset(c, index, "no-cache")
	}
	r.GET("/", page)
	r.HEAD("/", page)
	file := func(c *gin.Context) {
		name := strings.TrimPrefix(c.Param("filepath"), "/")
		a, ok := assets[name]
		if !ok || name == "index.html" || !fs.ValidPath(name) {
			writeError(c, errNotFound)
			return
		}
		cache := "no-cache"
		if c.Query("v") == a.hash {
			cache = "public, max-age=31536000, immutable"
		}
		serveAsset(c, a, cache)
	}
	r.GET("/static/*filepath", file)
	r.HEAD("/static/*filepath", file)
}

// serveAsset writes a, gzipped when the client takes it, or 304 Not
// Modified when the client holds it. The gzipped body has its own ETag,
// as two encodings of a file are two representations.
func serveAsset(c *gin.Context, a asset, cache string) {
	h := c.Writer.Header()
	h.Set("Cache-Control", cache)
	h.Set("X-Content-Type-Options", "nosniff")
	body, etag := a.body, a.etag
	if gz := a.gz(); gz != nil {
		h.Set("Vary", "Accept-Encoding")
		if acceptsGzip(c.GetHeader("Accept-Encoding")) {
			body, etag = gz, strings.TrimSuffix(a.etag, `"`)+`-gz"`
			h.Set("Content-Encoding", "gzip")
		}
	}
	h.Set("ETag", etag)
	if etagMatch(c.GetHeader("If-None-Match"), etag) {
		c.Status(http.StatusNotModified)
		return
	}
	c.Data(http.StatusOK, a.ctype, body)
}

// etagMatch reports whether an If-None-Match header names etag (weak
// comparison, as RFC 9110 asks for If-None-Match).
func etagMatch(header, etag string) bool {
	for _, t := range strings.Split(header, ",") {
		t = strings.TrimPrefix(strings.TrimSpace(t), "W/")
		if t == "*" || t == etag {
			return true
		}
	}
	return false
}
