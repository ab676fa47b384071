package web

import (
	"fmt"
	"math"
	"net/netip"
	"sync"
	"time"

	"github.com/hashicorp/golang-lru/v2/expirable"
	"golang.org/x/time/rate"
)

// maxRateClients bounds the clients a rateLimiter remembers: a few
// hundred bytes each, so a few megabytes at most, however many addresses
// ask.
const maxRateClients = 10000

// rateLimiter is a token bucket (rate.Limiter) per client. A client may
// make burst requests at once, then rate a second on average.
//
// The buckets are held in an expirable LRU: a client unseen for as long
// as an empty bucket takes to fill is forgotten, since a new bucket is
// full too; beyond max clients the least recently seen is forgotten and
// starts afresh, the price of bounded memory. It is safe for concurrent
// use.
type rateLimiter struct {
	limit   rate.Limit
	burst   int
	now     func() time.Time
	mu      sync.Mutex // makes get-or-create atomic
	clients *expirable.LRU[string, *rate.Limiter]
}

// newRateLimiter returns a limiter of perSec requests a second and bursts
// of burst, remembering at most maxClients, or nil, meaning no limit, if
// perSec is not positive. A burst below 1 is 1.
func newRateLimiter(perSec float64, burst, maxClients int) *rateLimiter {
	if !(perSec > 0) || math.IsInf(perSec, 1) {
		return nil
	}
	burst = max(burst, 1)
	fill := time.Duration(float64(burst) / perSec * float64(time.Second))
	return &rateLimiter{
		limit:   rate.Limit(perSec),
		burst:   burst,
		now:     time.Now,
		clients: expirable.NewLRU[string, *rate.Limiter](maxClients, nil, max(fill, time.Second)),
	}
}

// allow takes a token from the bucket of key. When the bucket is empty it
// returns false and how long until it holds a token again.
func (l *rateLimiter) allow(key string) (bool, time.Duration) {
	now := l.now()
	l.mu.Lock()
	lim, ok := l.clients.Get(key)
	if !ok {
		lim = rate.NewLimiter(l.limit, l.burst)
	}
	l.clients.Add(key, lim) // renews its expiry
	l.mu.Unlock()
	r := lim.ReserveN(now, 1)
	if d := r.DelayFrom(now); d > 0 {
		r.CancelAt(now)
		return false, d
	}
	return true, 0
}

// waitFor returns how long until the bucket of key holds a token, without
// taking one: 0 if it holds one now.
func (l *rateLimiter) waitFor(key string) time.Duration {
	lim, ok := l.clients.Peek(key)
	if !ok {
		return 0
	}
	tokens := lim.TokensAt(l.now())
	if tokens >= 1 {
		return 0
	}
	return time.Duration((1 - tokens) / float64(l.limit) * float64(time.Second))
}

// size returns the number of clients remembered.
func (l *rateLimiter) size() int { return l.clients.Len() }

// limited is the error of a request refused by a rateLimiter.
func limited(what string, wait time.Duration) error {
	secs := max(int(math.Ceil(wait.Seconds())), 1)
	return &httpError{code: codeRateLimited, retryAfter: secs,
		msg: fmt.Sprintf("trop de %s depuis votre adresse : réessayez dans %d s", what, secs)}
}

// clientKey returns the key of a client address: the address itself, but
// for IPv6 its /64, the block one subscriber usually holds whole.
func clientKey(ip string) string {
	a, err := netip.ParseAddr(ip)
	if err != nil {
		return ip
	}
	a = a.Unmap()
	if a.Is4() {
		return a.String()
	}
	p, err := a.WithZone("").Prefix(64)
	if err != nil {
		return ip
	}
	return p.String()
}
