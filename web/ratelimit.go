package web

import (
	"container/list"
	"fmt"
	"math"
	"net/http"
	"net/netip"
	"strconv"
	"sync"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/pathways-fr/pathways/pathways"
)

// codeRateLimited is the error code of a request refused because its
// client asked for too many drawings.
const codeRateLimited = "rate_limited"

// maxRateClients bounds the clients a rateLimiter remembers: about 150
// bytes each, so a few megabytes at most, however many addresses ask.
const maxRateClients = 10000

// rateLimiter is a token bucket per client. A client may make burst
// requests at once, then rate a second on average.
//
// It remembers at most max clients, least recently seen last. A client
// whose bucket has filled up since its last request is forgotten: a new
// bucket is full too, so forgetting it changes nothing. When max clients
// are remembered and none is idle, the least recently seen is forgotten
// and starts afresh, the price of bounded memory. It is safe for
// concurrent use.
type rateLimiter struct {
	rate  float64 // tokens a second
	burst float64
	max   int
	now   func() time.Time

	mu      sync.Mutex
	order   *list.List // of *bucket, most recently seen first
	clients map[string]*list.Element
}

// bucket is the tokens a client has left, as of last.
type bucket struct {
	key    string
	tokens float64
	last   time.Time
}

// newRateLimiter returns a limiter of rate requests a second and bursts
// of burst, or nil, meaning no limit, if rate is not positive. A burst
// below 1 is 1.
func newRateLimiter(rate float64, burst int) *rateLimiter {
	if !(rate > 0) || math.IsInf(rate, 1) {
		return nil
	}
	return &rateLimiter{
		rate:    rate,
		burst:   float64(max(burst, 1)),
		max:     maxRateClients,
		now:     time.Now,
		order:   list.New(),
		clients: map[string]*list.Element{},
	}
}

// allow takes a token from the bucket of key. When the bucket is empty it
// returns false and how long until it holds a token again.
func (l *rateLimiter) allow(key string) (bool, time.Duration) {
	now := l.now()
	l.mu.Lock()
	defer l.mu.Unlock()
	l.forgetIdle(now)
	var b *bucket
	if el, ok := l.clients[key]; ok {
		b = el.Value.(*bucket)
		b.tokens = min(l.burst, b.tokens+now.Sub(b.last).Seconds()*l.rate)
		b.last = now
		l.order.MoveToFront(el)
	} else {
		for l.order.Len() >= l.max {
			l.forget(l.order.Back())
		}
		b = &bucket{key: key, tokens: l.burst, last: now}
		l.clients[key] = l.order.PushFront(b)
	}
	if b.tokens >= 1 {
		b.tokens--
		return true, 0
	}
	return false, time.Duration((1 - b.tokens) / l.rate * float64(time.Second))
}

// forgetIdle forgets the clients whose bucket is full again: those last
// seen longer ago than an empty bucket takes to fill.
func (l *rateLimiter) forgetIdle(now time.Time) {
	fill := time.Duration(l.burst / l.rate * float64(time.Second))
	for el := l.order.Back(); el != nil && now.Sub(el.Value.(*bucket).last) >= fill; el = l.order.Back() {
		l.forget(el)
	}
}

func (l *rateLimiter) forget(el *list.Element) {
	l.order.Remove(el)
	delete(l.clients, el.Value.(*bucket).key)
}

// size returns the number of clients remembered.
func (l *rateLimiter) size() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.order.Len()
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

// limitRenders is the middleware of the drawing routes: each client, as
// gin's ClientIP tells it (the peer address unless trusted proxies are
// configured), may ask for as many drawings as s.renderLimit allows.
// Beyond, the answer is 429 with Retry-After and the error document.
func (s *server) limitRenders() gin.HandlerFunc {
	l := s.renderLimit
	if l == nil {
		return func(*gin.Context) {}
	}
	return func(c *gin.Context) {
		ok, wait := l.allow(clientKey(c.ClientIP()))
		if ok {
			return
		}
		secs := max(int(math.Ceil(wait.Seconds())), 1)
		c.Header("Retry-After", strconv.Itoa(secs))
		c.Header("Cache-Control", "no-store")
		c.Header("Content-Type", jsonType)
		c.AbortWithStatusJSON(http.StatusTooManyRequests, errorDoc{Error: errorBody{
			Code:        codeRateLimited,
			Message:     fmt.Sprintf("trop de cartes demandées depuis votre adresse : réessayez dans %d s", secs),
			Suggestions: []pathways.Suggestion{},
		}})
	}
}
