package web

import (
	"bytes"
	"compress/gzip"
	"container/list"
	"sync"
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
	zw, _ := gzip.NewWriterLevel(&b, gzip.BestCompression)
	zw.Write(svg)
	if zw.Close() == nil && b.Len() < len(svg) {
		e.gz = bytes.Clone(b.Bytes())
	}
	return e
}

// size returns the bytes e holds, roughly.
func (e *svgEntry) size() int64 { return int64(len(e.svg) + len(e.gz) + len(e.key) + 128) }

// etagOf returns the entity tag of the SVG drawn from the DOT with the
// given key. The same DOT always gives the same SVG, so the tag is known
// before the render.
func etagOf(key string) string { return `"` + key[:32] + `"` }

// svgCache keeps the most recently used SVGs, up to a number of bytes.
// It is safe for concurrent use.
type svgCache struct {
	mu    sync.Mutex
	max   int64
	size  int64
	order *list.List // of *svgEntry, most recent first
	items map[string]*list.Element
}

// newSVGCache returns a cache of at most max bytes; max <= 0 keeps
// nothing.
func newSVGCache(max int64) *svgCache {
	return &svgCache{max: max, order: list.New(), items: map[string]*list.Element{}}
}

func (c *svgCache) get(key string) *svgEntry {
	c.mu.Lock()
	defer c.mu.Unlock()
	el, ok := c.items[key]
	if !ok {
		return nil
	}
	c.order.MoveToFront(el)
	return el.Value.(*svgEntry)
}

// add keeps e, evicting the least recently used entries to make room. An
// entry larger than half the cache is not kept.
func (c *svgCache) add(e *svgEntry) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if e.size() > c.max/2 {
		return
	}
	if el, ok := c.items[e.key]; ok {
		c.order.MoveToFront(el)
		return
	}
	c.items[e.key] = c.order.PushFront(e)
	c.size += e.size()
	for c.size > c.max {
		el := c.order.Back()
		old := el.Value.(*svgEntry)
		c.order.Remove(el)
		delete(c.items, old.key)
		c.size -= old.size()
	}
}

// bytes returns the bytes held and the number of entries.
func (c *svgCache) bytes() (int64, int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.size, len(c.items)
}
