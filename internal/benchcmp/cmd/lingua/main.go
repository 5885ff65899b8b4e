// Command lingua is the yardstick for temaplanbot's matcher: it preloads a
// lingua-go language detector for Norwegian Bokmål, Norwegian Nynorsk and
// English, reads one question a line from standard input, detects the
// language of each, and prints how long loading and detecting took and the
// peak memory (VmHWM from /proc/self/status).
//
//	go run ./cmd/lingua < questions.txt
//	go run ./cmd/lingua -print < questions.txt   # also one "lang<TAB>question" line each
package main

import (
	"bufio"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/pemistahl/lingua-go"
)

func main() {
	if err := run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "lingua:", err)
		os.Exit(1)
	}
}

func run(args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("lingua", flag.ContinueOnError)
	fs.SetOutput(stderr)
	print := fs.Bool("print", false, "print the detected language of every question")
	if err := fs.Parse(args); err != nil {
		return err
	}
	start := time.Now()
	detector := lingua.NewLanguageDetectorBuilder().
		FromLanguages(lingua.Bokmal, lingua.Nynorsk, lingua.English).
		WithPreloadedLanguageModels().
		Build()
	loaded := time.Now()

	out := bufio.NewWriter(stdout)
	defer out.Flush()
	counts := map[string]int{}
	sc := bufio.NewScanner(stdin)
	sc.Buffer(make([]byte, 64*1024), 1024*1024)
	n := 0
	for sc.Scan() {
		q := sc.Text()
		lang, ok := detector.DetectLanguageOf(q)
		name := "unknown"
		if ok {
			name = strings.ToLower(lang.String())
		}
		counts[name]++
		n++
		if *print {
			fmt.Fprintf(out, "%s\t%s\n", name, q)
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("read questions: %w", err)
	}
	done := time.Now()
	hwm, err := peakRSS()
	if err != nil {
		return err
	}
	fmt.Fprintf(stderr, "questions:      %d %v\n", n, counts)
	fmt.Fprintf(stderr, "load models:    %v\n", loaded.Sub(start).Round(time.Millisecond))
	fmt.Fprintf(stderr, "detect:         %v (%.1f µs/question)\n", done.Sub(loaded).Round(time.Millisecond),
		float64(done.Sub(loaded).Microseconds())/float64(max(n, 1)))
	fmt.Fprintf(stderr, "total:          %v\n", done.Sub(start).Round(time.Millisecond))
	fmt.Fprintf(stderr, "peak RSS:       %s\n", hwm)
	return nil
}

// peakRSS returns the VmHWM line of /proc/self/status ("123456 kB").
func peakRSS() (string, error) {
	data, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return "", fmt.Errorf("read /proc/self/status: %w", err)
	}
	for _, line := range strings.Split(string(data), "\n") {
		if v, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			return strings.TrimSpace(v), nil
		}
	}
	return "", fmt.Errorf("no VmHWM in /proc/self/status")
}
