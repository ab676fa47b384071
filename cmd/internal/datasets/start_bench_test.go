package datasets

import (
	"runtime"
	"syscall"
	"testing"
	"time"

	"github.com/pathways-fr/pathways/pathways"
)

// BenchmarkStart measures what a process does before its first answer
// (issue 12's target: < 300 ms from start to first answer): every dataset
// loaded with the skills, as LoadAll does for the server, then one text
// resolved on the combined dataset, the page's default, so that what it
// builds on first use (the name indexes of all, and of the métiers and
// ROME 4.0 it is made from) is paid too. cpu-ms/op is the processor time of the whole process per
// start (the collector and the loaders' goroutines included), which a
// machine shared with other work inflates less than the wall time.
func BenchmarkStart(b *testing.B) {
	b.ReportAllocs()
	start := cpuTime(b)
	for b.Loop() {
		gs, err := LoadAll(Options{})
		if err != nil {
			b.Fatal(err)
		}
		if _, err := pathways.Resolve(gs[len(gs)-1], "développeur web", 5); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(cpuTime(b)-start)/float64(b.N)/1e6, "cpu-ms/op")
	b.StopTimer()
	b.ReportMetric(float64(retained(b))/(1<<20), "kept-MiB")
}

// retained returns the bytes of heap the datasets of one LoadAll keep
// once collected: what a server holds per generation of its data.
func retained(b *testing.B) uint64 {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	gs, err := LoadAll(Options{})
	if err != nil {
		b.Fatal(err)
	}
	runtime.GC()
	runtime.ReadMemStats(&after)
	runtime.KeepAlive(gs)
	return after.HeapAlloc - before.HeapAlloc
}

func cpuTime(b *testing.B) time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		b.Fatal(err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
