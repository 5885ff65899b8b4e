package discord

import (
	"context"
	"crypto/tls"
	"net"
	"net/http"
	"strings"
	"time"

	"github.com/gorilla/websocket"
)

// discordgo v0.29.0 never tells its caller the close code the gateway sent:
// its read loop only logs the error, closes the session and (unless
// ShouldReconnectOnError is false) reconnects. Close codes 4004 and
// 4010-4014 mean "do not reconnect", so the adapter dials the websocket
// itself and watches the frames the server sends for a close frame, noting
// its code for RunGateway.

// openTimeout bounds connecting and the HELLO/IDENTIFY/READY exchange.
const openTimeout = 30 * time.Second

// dialer returns the websocket dialer discordgo uses for the gateway. It
// does not use HTTP(S)_PROXY (the sniffer needs the plain frames).
func (a *Adapter) dialer() *websocket.Dialer {
	wrap := func(c net.Conn) net.Conn {
		a.gw.closeCode.Store(0)
		// discordgo reads HELLO and READY without a deadline; RunGateway
		// clears this one once Open has returned.
		_ = c.SetDeadline(time.Now().Add(openTimeout))
		sc := &sniffConn{Conn: c, onClose: func(code int) { a.gw.closeCode.Store(int64(code)) }}
		a.gw.conn.Store(sc)
		return sc
	}
	return &websocket.Dialer{
		HandshakeTimeout: 15 * time.Second,
		NetDialContext: func(ctx context.Context, network, addr string) (net.Conn, error) {
			c, err := (&net.Dialer{Timeout: 15 * time.Second}).DialContext(ctx, network, addr)
			if err != nil {
				return nil, err
			}
			return wrap(c), nil
		},
		NetDialTLSContext: func(ctx context.Context, network, addr string) (net.Conn, error) {
			host, _, _ := net.SplitHostPort(addr)
			d := &tls.Dialer{NetDialer: &net.Dialer{Timeout: 15 * time.Second},
				Config: &tls.Config{ServerName: host, MinVersion: tls.VersionTLS12}}
			c, err := d.DialContext(ctx, network, addr)
			if err != nil {
				return nil, err
			}
			return wrap(c), nil
		},
	}
}

// sniffConn passes reads through while following the websocket framing of
// what the server sends (after the HTTP handshake response) and reports the
// status code of a close frame.
type sniffConn struct {
	net.Conn
	onClose func(code int)

	handshakeDone bool
	crlf          int // bytes of "\r\n\r\n" matched so far
	hdr           [14]byte
	hdrLen        int
	remaining     uint64 // payload bytes of the current frame still to come
	isClose       bool
	mask          [4]byte
	masked        bool
	code          [2]byte
	codeLen       int
}

func (c *sniffConn) Read(p []byte) (int, error) {
	n, err := c.Conn.Read(p)
	c.scan(p[:n])
	return n, err
}

// scan advances the frame parser over b.
func (c *sniffConn) scan(b []byte) {
	for len(b) > 0 {
		switch {
		case !c.handshakeDone:
			b = c.skipHandshake(b)
		case c.remaining > 0:
			b = c.payload(b)
		default:
			c.hdr[c.hdrLen] = b[0]
			c.hdrLen++
			b = b[1:]
			c.header()
		}
	}
}

func (c *sniffConn) skipHandshake(b []byte) []byte {
	const end = "\r\n\r\n"
	for i, ch := range b {
		switch {
		case ch == end[c.crlf]:
			c.crlf++
		case ch == '\r':
			c.crlf = 1
		default:
			c.crlf = 0
		}
		if c.crlf == len(end) {
			c.handshakeDone = true
			return b[i+1:]
		}
	}
	return nil
}

// header completes a frame header once all its bytes are in.
func (c *sniffConn) header() {
	if c.hdrLen < 2 {
		return
	}
	size := 2
	l7 := c.hdr[1] & 0x7f
	switch l7 {
	case 126:
		size += 2
	case 127:
		size += 8
	}
	masked := c.hdr[1]&0x80 != 0
	if masked {
		size += 4
	}
	if c.hdrLen < size {
		return
	}
	var n uint64
	switch l7 {
	case 126:
		n = uint64(c.hdr[2])<<8 | uint64(c.hdr[3])
	case 127:
		for _, x := range c.hdr[2:10] {
			n = n<<8 | uint64(x)
		}
	default:
		n = uint64(l7)
	}
	c.masked = masked
	if masked {
		copy(c.mask[:], c.hdr[size-4:size])
	}
	c.isClose = c.hdr[0]&0x0f == websocket.CloseMessage
	c.codeLen = 0
	c.remaining = n
	c.hdrLen = 0
}

func (c *sniffConn) payload(b []byte) []byte {
	take := uint64(len(b))
	if take > c.remaining {
		take = c.remaining
	}
	if c.isClose {
		for i := uint64(0); i < take && c.codeLen < 2; i++ {
			x := b[i]
			if c.masked {
				x ^= c.mask[c.codeLen%4]
			}
			c.code[c.codeLen] = x
			c.codeLen++
			if c.codeLen == 2 {
				c.onClose(int(c.code[0])<<8 | int(c.code[1]))
			}
		}
	}
	c.remaining -= take
	return b[take:]
}

// gatewayOverride answers discordgo's GET /gateway and /gateway/bot with a
// configured URL and passes every other request on.
type gatewayOverride struct {
	url  string
	next http.RoundTripper
}

// RoundTrip implements http.RoundTripper.
func (g gatewayOverride) RoundTrip(r *http.Request) (*http.Response, error) {
	if r.Method == http.MethodGet && (strings.HasSuffix(r.URL.Path, "/gateway") || strings.HasSuffix(r.URL.Path, "/gateway/bot")) {
		body := `{"url":` + quoteJSON(g.url) + `,"shards":1,"session_start_limit":{"total":1000,"remaining":1000,"reset_after":0,"max_concurrency":1}}`
		return &http.Response{StatusCode: http.StatusOK, Status: "200 OK", Proto: "HTTP/1.1", ProtoMajor: 1, ProtoMinor: 1,
			Header: http.Header{"Content-Type": {"application/json"}}, Body: nopBody(body), ContentLength: int64(len(body)), Request: r}, nil
	}
	return g.next.RoundTrip(r)
}

func transportOf(c *http.Client) http.RoundTripper {
	if c.Transport != nil {
		return c.Transport
	}
	return http.DefaultTransport
}
