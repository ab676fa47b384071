package pathways

import (
	"sync/atomic"

	"github.com/pathways-fr/pathways/graph"
)

// SkillBase is what a dataset's graph answers skill questions with: the
// skills of the ROME 4.0 release its fiches come from, and, for a graph
// that holds métiers (dataset all), the bridge from métiers to fiches.
type SkillBase struct {
	Skills *graph.Skills
	Bridge Bridge // nil when the graph has no métiers
}

// skillSlot holds the SkillBase attached to one graph.
type skillSlot struct{ base atomic.Pointer[SkillBase] }

type skillSlotKey struct{}

func slotOf(g *graph.Graph) *skillSlot {
	return g.Memo(skillSlotKey{}, func() any { return &skillSlot{} }).(*skillSlot)
}

// AttachSkills attaches the skills s (from graph.LoadSkills on the ROME
// 4.0 graph of the same release) and the bridge b to g, a ROME 4.0 graph
// or the combined graph: the loader calls it once, right after building
// g and before serving it, so that the skills travel with the graph
// through reloads. A second call replaces the first.
func AttachSkills(g *graph.Graph, s *graph.Skills, b Bridge) {
	slotOf(g).base.Store(&SkillBase{Skills: s, Bridge: b})
}

// SkillsFor returns the skills attached to g, and false when none were.
func SkillsFor(g *graph.Graph) (SkillBase, bool) {
	if b := slotOf(g).base.Load(); b != nil {
		return *b, true
	}
	return SkillBase{}, false
}

// NewBridge returns the métier → fiches map of a reviewed bridge
// (data/bridge-rome4.json), in the bridge's order.
func NewBridge(f *graph.BridgeFile) Bridge {
	b := Bridge{}
	for _, l := range f.Links {
		b[l.Job] = append(b[l.Job], l.Code)
	}
	return b
}
