package web

import (
	"bytes"
	"compress/gzip"
	"math"
	"sync"

	"github.com/hashicorp/golang-lru/v2/simplelru"
)

// svgEntry is a rendered SVG with its gzip, keyed by the SHA-256 of the
// DOT it was drawn from: equal views share one entry.
type svgEntry struct {
	key string // hex SHA-256 of the DOT
	svg []byte
	gz  []byte // nil when gzip does not make it smaller
}

func newSVGEntry(key string, svg []byte) *svgEntry {
	e := &svgEntry{key: key, svg: svg}
	var b bytes.Buffer
	b.Grow(len(svg) / 4)
	zw := gzipWriters.Get().(*gzip.Writer)
	zw.Reset(&b)
	zw.Write(svg)
	if zw.Close() == nil && b.Len() < len(svg) {
		e.gz = bytes.Clone(b.Bytes())
	}
	zw.Reset(nil)
	gzipWriters.Put(zw)
	return e
}

// gzipWriters are reused: a writer at the best compression allocates
// about a megabyte of tables, which one per render made garbage.
var gzipWriters = sync.Pool{New: func() any {
	zw, _ := gzip.NewWriterLevel(nil, gzip.BestCompression)
	return zw
}}

// size returns the bytes e holds, roughly.
func (e *svgEntry) size() int64 { return int64(len(e.svg) + len(e.gz) + len(e.key) + 128) }

// etagOf returns the entity tag of the SVG drawn from the DOT with the
// given key. The same DOT always gives the same SVG, so the tag is known
// before the render.
func etagOf(key string) string { return `"` + key[:32] + `"` }

// svgCache keeps the most recently used SVGs, up to a number of bytes:
// an LRU of entries, the oldest evicted while the bytes held exceed the
// budget. It is safe for concurrent use.
type svgCache struct {
	mu   sync.Mutex
	max  int64
	size int64
	lru  *simplelru.LRU[string, *svgEntry]
}

// newSVGCache returns a cache of at most max bytes; max <= 0 keeps
// nothing.
func newSVGCache(max int64) *svgCache {
	c := &svgCache{max: max}
	// The count is bounded by the bytes; the LRU's own bound is only
	// there because it needs one.
	c.lru, _ = simplelru.NewLRU[string, *svgEntry](math.MaxInt32, func(_ string, e *svgEntry) { c.size -= e.size() })
	return c
}

func (c *svgCache) get(key string) *svgEntry {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, _ := c.lru.Get(key)
	return e
}

// add keeps e, evicting the least recently used entries to make room. An
// entry larger than half the cache is not kept.
func (c *svgCache) add(e *svgEntry) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if e.size() > c.max/2 {
		return
	}
	if _, ok := c.lru.Get(e.key); ok {
		return
	}
	c.lru.Add(e.key, e)
	c.size += e.size()
	for c.size > c.max {
		c.lru.RemoveOldest()
	}
}

// bytes returns the bytes held and the number of entries.
func (c *svgCache) bytes() (int64, int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.size, c.lru.Len()
}
