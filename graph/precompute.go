package graph

import "sync"

// memo holds values computed from a graph after it was built, once each.
type memo struct {
	m sync.Map // key → *memoEntry
}

type memoEntry struct {
	once sync.Once
	v    any
}

// Memo returns the value kept with g under key, calling build to compute
// it on first use; concurrent first calls wait for the one build. Query
// packages keep there what they precompute from the graph, such as their
// own indexes, so that it is built once per graph and dropped with it when
// the data is reloaded. key should be of an unexported type of the caller,
// as for context keys. The value must not be modified after build returns.
func (g *Graph) Memo(key any, build func() any) any {
	e, ok := g.memo.m.Load(key)
	if !ok {
		e, _ = g.memo.m.LoadOrStore(key, &memoEntry{})
	}
	me := e.(*memoEntry)
	me.once.Do(func() { me.v = build() })
	return me.v
}
