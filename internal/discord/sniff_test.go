package discord

import (
	"bytes"
	"encoding/binary"
	"testing"
)

// frame builds a server-to-client websocket frame (optionally masked).
func frame(op byte, payload []byte, mask bool) []byte {
	b := []byte{0x80 | op}
	mbit := byte(0)
	if mask {
		mbit = 0x80
	}
	switch n := len(payload); {
	case n < 126:
		b = append(b, mbit|byte(n))
	case n < 1<<16:
		b = append(b, mbit|126, byte(n>>8), byte(n))
	default:
		b = append(b, mbit|127)
		b = binary.BigEndian.AppendUint64(b, uint64(n))
	}
	if mask {
		key := []byte{1, 2, 3, 4}
		b = append(b, key...)
		for i, x := range payload {
			b = append(b, x^key[i%4])
		}
		return b
	}
	return append(b, payload...)
}

func closeFrame(code int, mask bool) []byte {
	return frame(8, append([]byte{byte(code >> 8), byte(code)}, "bye"...), mask)
}

func TestSniffFindsCloseCodes(t *testing.T) {
	handshake := []byte("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n")
	big := bytes.Repeat([]byte("x"), 70000) // 64-bit length; contains no close frame
	mid := bytes.Repeat([]byte{8, 0x0f, 0xa4}, 100)
	cases := []struct {
		name   string
		stream [][]byte
		want   int
	}{
		{"close after text frames", [][]byte{handshake, frame(1, []byte(`{"op":10}`), false), closeFrame(4004, false)}, 4004},
		{"16- and 64-bit lengths", [][]byte{handshake, frame(1, mid, false), frame(2, big, false), closeFrame(4014, false)}, 4014},
		{"masked close", [][]byte{handshake, closeFrame(4010, true)}, 4010},
		{"no close", [][]byte{handshake, frame(1, mid, false)}, 0},
		{"close bytes inside a payload are not a close", [][]byte{handshake, frame(1, closeFrame(4004, false), false)}, 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			all := bytes.Join(c.stream, nil)
			for _, chunk := range []int{1, 2, 3, 7, 4096, len(all)} {
				got := 0
				s := &sniffConn{onClose: func(code int) { got = code }}
				for i := 0; i < len(all); i += chunk {
					s.scan(all[i:min(i+chunk, len(all))])
				}
				if got != c.want {
					t.Fatalf("read in chunks of %d: got %d, want %d", chunk, got, c.want)
				}
			}
		})
	}
}
