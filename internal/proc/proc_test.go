package proc

import (
	"os"
	"testing"
)

func TestRSS(t *testing.T) {
	if _, err := os.Stat("/proc/self/statm"); err != nil {
		t.Skip("no /proc here")
	}
	if got := RSS(os.Getpid()); got <= 0 {
		t.Errorf("RSS(own pid) = %d, want a positive number of bytes", got)
	}
}

func TestRSSNoProcess(t *testing.T) {
	if got := RSS(-1); got != 0 {
		t.Errorf("RSS(-1) = %d, want 0", got)
	}
}
