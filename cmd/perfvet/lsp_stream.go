package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"sync"

	"github.com/sourcegraph/jsonrpc2"
)

// lspStream is a jsonrpc2.ObjectStream over LSP's Content-Length
// framing that answers a message it cannot decode with a JSON-RPC error
// and reads on. jsonrpc2's own stream closes the connection on such a
// message, which would end the editor's session over one bad request.
type lspStream struct {
	r      *bufio.Reader
	w      io.Writer
	closer io.Closer
	mu     sync.Mutex // serialises writes: the connection's and the error replies
}

// newLSPStream reads from r and writes to w; Close closes both when they
// are closers.
func newLSPStream(r io.Reader, w io.Writer) *lspStream {
	return &lspStream{r: bufio.NewReader(r), w: w, closer: closers{r, w}}
}

// WriteObject writes obj as one framed message.
func (s *lspStream) WriteObject(obj any) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return jsonrpc2.VSCodeObjectCodec{}.WriteObject(s.w, obj)
}

// ReadObject decodes the next message that decodes into v, answering
// each one before it that does not. Only a broken frame (headers
// without a length, a stream that ends) is an error, because after it
// the next message's start cannot be found.
func (s *lspStream) ReadObject(v any) error {
	for {
		body, err := readFrame(s.r)
		if err != nil {
			return err
		}
		decodeErr := json.Unmarshal(body, v)
		if decodeErr == nil {
			return nil
		}
		if err := s.WriteObject(malformedReply(body, decodeErr)); err != nil {
			return err
		}
	}
}

// Close closes the underlying reader and writer.
func (s *lspStream) Close() error { return s.closer.Close() }

// readFrame reads one message: headers up to an empty line, then
// exactly Content-Length bytes, so that a body that is not valid JSON
// still leaves the reader at the next message.
func readFrame(r *bufio.Reader) ([]byte, error) {
	length := -1
	for {
		line, err := r.ReadString('\n')
		if err != nil {
			return nil, err
		}
		line = strings.TrimRight(line, "\r\n")
		if line == "" {
			break
		}
		name, value, ok := strings.Cut(line, ":")
		if ok && strings.EqualFold(strings.TrimSpace(name), "Content-Length") {
			n, err := strconv.Atoi(strings.TrimSpace(value))
			if err != nil || n < 0 {
				return nil, fmt.Errorf("invalid Content-Length %q", value)
			}
			length = n
		}
	}
	if length < 0 {
		return nil, fmt.Errorf("message without a Content-Length header")
	}
	body := make([]byte, length)
	if _, err := io.ReadFull(r, body); err != nil {
		return nil, err
	}
	return body, nil
}

// malformedReply is the error response to a message that could not be
// decoded: a parse error for text that is not JSON, else an invalid
// request, echoing the message's id when it has a usable one.
func malformedReply(body []byte, decodeErr error) map[string]any {
	reply := map[string]any{"jsonrpc": "2.0", "id": nil}
	var probe struct {
		ID any `json:"id"`
	}
	code, message := codeInvalidRequest, "invalid request: "+decodeErr.Error()
	if !json.Valid(body) {
		code, message = codeParseError, "parse error: "+decodeErr.Error()
	} else if json.Unmarshal(body, &probe) == nil {
		switch probe.ID.(type) {
		case string, float64:
			reply["id"] = probe.ID
		}
	}
	reply["error"] = map[string]any{"code": code, "message": message}
	return reply
}

// closers closes each of its values that is an io.Closer.
type closers []any

func (cs closers) Close() error {
	var first error
	for _, c := range cs {
		if c, ok := c.(io.Closer); ok {
			if err := c.Close(); err != nil && first == nil {
				first = err
			}
		}
	}
	return first
}
