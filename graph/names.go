package graph

import (
	"slices"
	"sort"
	"strings"
	"sync"
)

// NameEntry is one name under which a node can be found: its ID, title,
// a synonym, an acronym, an appellation or an alias.
type NameEntry struct {
	Node   int32
	Text   string
	Kind   NameKind
	Key    string   // Key(Text)
	Tokens []string // Tokens(Text)
	// Rare is set when the job lists this name, with this text and kind,
	// as seldom used (Name.Rare).
	Rare bool
}

// nameIndex finds nodes by name: by exact key, and by word through an
// inverted index whose words are sorted so that prefixes are ranges. Its
// lists are slices of two flat arrays, built once all entries are known.
type nameIndex struct {
	entries []NameEntry
	byKey   map[string]int32 // the entries of a key are keyed[keyOff[k]:keyOff[k+1]]
	keyOff  []int32
	keyed   []int32
	words   []string
	postOff []int32 // the entries of words[w] are post[postOff[w]:postOff[w+1]]
	post    []int32
}

// lazyNames are the name entries and the name index of a graph, each
// built on its first use: the largest part of a load is folding and
// indexing names (ROME 4.0 holds 13,120 appellations in two genders), and
// only resolution reads them. The entries of a combined graph are those
// of its sources (Combine), which need only their entries, not their
// index.
type lazyNames struct {
	entriesOnce sync.Once
	entries     []NameEntry
	merge       func() []NameEntry // set by Combine
	built       func() *nameIndex  // an index built with the nodes (Builder.indexNodes)
	once        sync.Once
	ix          *nameIndex
}

// nameEntries returns the name entries of g, building them on first use.
func (g *Graph) nameEntries() []NameEntry {
	l := &g.names
	l.entriesOnce.Do(func() {
		if l.built != nil {
			l.entries = g.index().entries
			return
		}
		if l.merge == nil {
			l.entries = entriesOf(g.jobs, nil)
		} else {
			l.entries, l.merge = l.merge(), nil
		}
	})
	return l.entries
}

// index returns the name index of g, building it on first use.
func (g *Graph) index() *nameIndex {
	l := &g.names
	l.once.Do(func() {
		if l.built != nil {
			l.ix = l.built()
			return
		}
		l.ix = indexNames(g.nameEntries())
	})
	return l.ix
}

// IndexNames builds the name index of g now, which its first resolution
// would otherwise build; any goroutine may call it, at any time.
func (g *Graph) IndexNames() { g.index() }

// entriesOf returns the names of the nodes, taking the words of a name
// from seen when it holds them (the names a Builder folded) rather than
// folding it again. A large graph's are folded in two halves at once:
// ROME 4.0's 40,000 names were, at start, on the longest chain from its
// load to the first answer (docs/PERFORMANCE.md).
func entriesOf(jobs []*Job, seen map[string]words) []NameEntry {
	if len(jobs) < 1000 {
		return appendEntries(nil, jobs, 0, seen)
	}
	mid := len(jobs) / 2
	var second []NameEntry
	var wg sync.WaitGroup
	wg.Go(func() { second = appendEntries(nil, jobs[mid:], int32(mid), seen) })
	first := appendEntries(nil, jobs[:mid], 0, seen)
	wg.Wait()
	return append(slices.Grow(first, len(second)), second...)
}

// appendEntries appends the names of jobs, the first of which is node
// base, to entries; seen is as for entriesOf.
func appendEntries(entries []NameEntry, jobs []*Job, base int32, seen map[string]words) []NameEntry {
	n := 0
	for _, j := range jobs {
		n += 2 + len(j.Names)
	}
	entries = slices.Grow(entries, n)
	for k, j := range jobs {
		if j.Kind == KindLevel {
			continue
		}
		i := base + int32(k)
		first := len(entries)
		entries = addName(entries, first, NameEntry{Node: i, Text: j.Title, Kind: NameTitle}, seen)
		entries = addName(entries, first, NameEntry{Node: i, Text: string(j.ID), Kind: NameID}, seen)
		for _, nm := range j.Names {
			entries = addName(entries, first, NameEntry{Node: i, Text: nm.Text, Kind: nm.Kind, Rare: nm.Rare}, seen)
		}
	}
	return entries
}

// addName appends the name en of its node, whose entries start at first,
// unless it has no word or the node already has a name of the same key
// (e.g. a synonym equal to the title); a repeat of the same text and kind
// marked rare marks the entry kept. seen is as for entriesOf.
func addName(entries []NameEntry, first int, en NameEntry, seen map[string]words) []NameEntry {
	w, ok := seen[en.Text]
	if !ok {
		w = wordsOf(en.Text)
	}
	if len(w.tokens) == 0 {
		return entries
	}
	for e := first; e < len(entries); e++ {
		if k := &entries[e]; k.Key == w.key {
			if en.Rare && k.Text == en.Text && k.Kind == en.Kind {
				k.Rare = true
			}
			return entries
		}
	}
	en.Key, en.Tokens = w.key, w.tokens
	return append(entries, en)
}

// indexNames indexes entries by key and by word, both at once: the
// index of the combined dataset is built at start (docs/PERFORMANCE.md).
func indexNames(entries []NameEntry) *nameIndex {
	ix := &nameIndex{entries: entries}
	var wg sync.WaitGroup
	wg.Go(func() { ix.byKey, ix.keyOff, ix.keyed = indexKeys(entries) })
	ix.words, ix.postOff, ix.post = indexWords(entries)
	wg.Wait()
	return ix
}

// indexKeys returns the entries by key: the number of each key, and the
// entries of key k as keyed[keyOff[k]:keyOff[k+1]].
func indexKeys(entries []NameEntry) (byKey map[string]int32, keyOff, keyed []int32) {
	byKey = make(map[string]int32, len(entries))
	group := make([]int32, len(entries))
	for e, en := range entries {
		k, ok := byKey[en.Key]
		if !ok {
			k = int32(len(byKey))
			byKey[en.Key] = k
		}
		group[e] = k
	}
	keyOff, keyed = flatLists(len(byKey), group, nil)
	return byKey, keyOff, keyed
}

// indexWords returns the distinct words of the entries, sorted, and the
// entries holding words[w] as post[postOff[w]:postOff[w+1]].
func indexWords(entries []NameEntry) (words []string, postOff, post []int32) {
	wordOf := make(map[string]int32, len(entries))
	var names []string
	n := 0 // the tokens, an entry's repeated ones included
	for _, en := range entries {
		n += len(en.Tokens)
	}
	group, owner := make([]int32, 0, n), make([]int32, 0, n)
	for e, en := range entries {
		for t, tok := range en.Tokens {
			if slices.Contains(en.Tokens[:t], tok) {
				continue
			}
			w, ok := wordOf[tok]
			if !ok {
				w = int32(len(names))
				wordOf[tok] = w
				names = append(names, tok)
			}
			group, owner = append(group, w), append(owner, int32(e))
		}
	}
	order := make([]int32, len(names)) // word numbers in sorted order
	for i := range order {
		order[i] = int32(i)
	}
	slices.SortFunc(order, func(a, b int32) int { return strings.Compare(names[a], names[b]) })
	rank := make([]int32, len(names))
	words = make([]string, len(names))
	for r, w := range order {
		rank[w], words[r] = int32(r), names[w]
	}
	for i, w := range group {
		group[i] = rank[w]
	}
	postOff, post = flatLists(len(names), group, owner)
	return words, postOff, post
}

// flatLists returns n lists as one array and their offsets: item i
// (owner[i], or i when owner is nil) goes to list group[i], in the order
// of i.
func flatLists(n int, group, owner []int32) (off, flat []int32) {
	off = make([]int32, n+1)
	for _, g := range group {
		off[g+1]++
	}
	for i := range n {
		off[i+1] += off[i]
	}
	flat = make([]int32, len(group))
	next := slices.Clone(off[:n])
	for i, g := range group {
		v := int32(i)
		if owner != nil {
			v = owner[i]
		}
		flat[next[g]] = v
		next[g]++
	}
	return off, flat
}

// mergeNames returns the name entries of g, a graph whose nodes other
// than levels are copies of nodes of srcs (as Combine makes it), from the
// name entries of srcs: the entries entriesOf would give, without folding
// any name again.
func mergeNames(g *Graph, srcs ...*Graph) []NameEntry {
	type source struct {
		entries []NameEntry
		start   []int32 // the first entry of each node, and the end
	}
	ss := make([]source, len(srcs))
	total := 0
	for k, src := range srcs {
		s := source{entries: src.nameEntries(), start: make([]int32, src.Len()+1)}
		for _, en := range s.entries {
			s.start[en.Node+1]++
		}
		for i := range src.Len() {
			s.start[i+1] += s.start[i]
		}
		ss[k], total = s, total+len(s.entries)
	}
	entries := make([]NameEntry, 0, total)
	for i, j := range g.jobs {
		if j.Kind == KindLevel {
			continue
		}
		for k, src := range srcs {
			if si, ok := src.pos[j.ID]; ok {
				for _, en := range ss[k].entries[ss[k].start[si]:ss[k].start[si+1]] {
					en.Node = int32(i)
					entries = append(entries, en)
				}
				break
			}
		}
	}
	return entries
}

// Names returns every name entry. The slice must not be modified.
func (g *Graph) Names() []NameEntry { return g.nameEntries() }

// NamesByKey returns the entries whose Key is key.
func (g *Graph) NamesByKey(key string) []int32 {
	ix := g.index()
	k, ok := ix.byKey[key]
	if !ok {
		return nil
	}
	return ix.keyed[ix.keyOff[k]:ix.keyOff[k+1]:ix.keyOff[k+1]]
}

// Words returns the sorted distinct words of all names.
func (g *Graph) Words() []string { return g.index().words }

// WordPrefix returns the range [lo, hi) of Words that start with prefix.
func (g *Graph) WordPrefix(prefix string) (lo, hi int) {
	w := g.index().words
	lo = sort.SearchStrings(w, prefix)
	hi = lo
	for hi < len(w) && strings.HasPrefix(w[hi], prefix) {
		hi++
	}
	return lo, hi
}

// Postings returns the entries that contain word number w, in increasing
// order.
func (g *Graph) Postings(w int) []int32 {
	ix := g.index()
	return ix.post[ix.postOff[w]:ix.postOff[w+1]:ix.postOff[w+1]]
}
