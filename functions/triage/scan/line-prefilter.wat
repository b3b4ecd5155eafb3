;; The literal automaton's byte loops, in WebAssembly text. Source of truth: `npm run build` (and
;; prepare) assembles it with wabt into line-prefilter-wasm.ts; a test checks the two agree.
;;
;; Memory layout (set up by literal-automaton.ts):
;;   0      byte → class table, 256 bytes
;;   $next  u16 transition table: next[(state << shift) | class]; accepting states are >= $first
;;   …      the bytes to scan
(module
  (import "m" "mem" (memory 1))

  ;; scan: one automaton step per byte from the root state. Returns the offset of the first byte
  ;; after which the automaton accepts, or -1.
  (func (export "scan") (param $pos i32) (param $end i32) (param $shift i32) (param $next i32) (param $first i32) (result i32)
    (local $s i32)
    (block $done
      (loop $step
        (br_if $done (i32.ge_u (local.get $pos) (local.get $end)))
        (local.set $s
          (i32.load16_u
            (i32.add (local.get $next)
              (i32.shl
                (i32.or (i32.shl (local.get $s) (local.get $shift)) (i32.load8_u (i32.load8_u (local.get $pos))))
                (i32.const 1)))))
        (if (i32.ge_u (local.get $s) (local.get $first)) (then (return (local.get $pos))))
        (local.set $pos (i32.add (local.get $pos) (i32.const 1)))
        (br $step)))
    (i32.const -1))

  ;; lines: walks two streams of whole lines at once, [$a, $aEnd) and [$b, $bEnd), each from the
  ;; root state. One automaton step per byte is a chain of dependent loads; two independent chains
  ;; interleaved keep the CPU busy during each other's latency. Each stream writes, from $outA or
  ;; $outB, one u32 entry list per line on which the automaton accepts, in order:
  ;;   0x80000000 | offset of the line's first byte, then the line's index in its stream,
  ;;   every accepting state reached on the line (< 0x10000),
  ;;   0x40000000 | offset of the line's newline.
  ;; So the caller gets each candidate line with its literals in one call and never walks a line
  ;; again. A line of n bytes writes at most n + 2 entries. Returns the end of stream a's entries;
  ;; stream b's end is left in $endB, and the newline counts of the streams in $linesA, $linesB.
  (global $endB (export "endB") (mut i32) (i32.const 0))
  (global $linesA (export "linesA") (mut i32) (i32.const 0))
  (global $linesB (export "linesB") (mut i32) (i32.const 0))
  (func (export "lines")
    (param $a i32) (param $aEnd i32) (param $b i32) (param $bEnd i32)
    (param $shift i32) (param $next i32) (param $first i32) (param $oa i32) (param $ob i32) (result i32)
    (local $sa i32) (local $sb i32) (local $ca i32) (local $cb i32)
    (local $hitA i32) (local $hitB i32) (local $na i32) (local $nb i32)
    (local $startA i32) (local $startB i32)
    (local.set $startA (local.get $a))
    (local.set $startB (local.get $b))
    (block $paired
      (loop $both
        (br_if $paired (i32.ge_u (local.get $a) (local.get $aEnd)))
        (br_if $paired (i32.ge_u (local.get $b) (local.get $bEnd)))
        (local.set $ca (i32.load8_u (i32.load8_u (local.get $a))))
        (local.set $sa (i32.load16_u (i32.add (local.get $next)
          (i32.shl (i32.or (i32.shl (local.get $sa) (local.get $shift)) (local.get $ca)) (i32.const 1)))))
        (if (i32.ge_u (local.get $sa) (local.get $first))
          (then
            (if (i32.eqz (local.get $hitA))
              (then
                (i32.store (local.get $oa) (i32.or (local.get $startA) (i32.const 0x80000000)))
                (i32.store offset=4 (local.get $oa) (local.get $na))
                (local.set $oa (i32.add (local.get $oa) (i32.const 8)))
                (local.set $hitA (i32.const 1))))
            (i32.store (local.get $oa) (local.get $sa))
            (local.set $oa (i32.add (local.get $oa) (i32.const 4)))))
        ;; Class 1 is the newline: the automaton is back at the root and a new line begins.
        (if (i32.eq (local.get $ca) (i32.const 1))
          (then
            (if (local.get $hitA)
              (then
                (i32.store (local.get $oa) (i32.or (local.get $a) (i32.const 0x40000000)))
                (local.set $oa (i32.add (local.get $oa) (i32.const 4)))
                (local.set $hitA (i32.const 0))))
            (local.set $na (i32.add (local.get $na) (i32.const 1)))
            (local.set $startA (i32.add (local.get $a) (i32.const 1)))))
        (local.set $a (i32.add (local.get $a) (i32.const 1)))
        (local.set $cb (i32.load8_u (i32.load8_u (local.get $b))))
        (local.set $sb (i32.load16_u (i32.add (local.get $next)
          (i32.shl (i32.or (i32.shl (local.get $sb) (local.get $shift)) (local.get $cb)) (i32.const 1)))))
        (if (i32.ge_u (local.get $sb) (local.get $first))
          (then
            (if (i32.eqz (local.get $hitB))
              (then
                (i32.store (local.get $ob) (i32.or (local.get $startB) (i32.const 0x80000000)))
                (i32.store offset=4 (local.get $ob) (local.get $nb))
                (local.set $ob (i32.add (local.get $ob) (i32.const 8)))
                (local.set $hitB (i32.const 1))))
            (i32.store (local.get $ob) (local.get $sb))
            (local.set $ob (i32.add (local.get $ob) (i32.const 4)))))
        ;; Class 1 is the newline: the automaton is back at the root and a new line begins.
        (if (i32.eq (local.get $cb) (i32.const 1))
          (then
            (if (local.get $hitB)
              (then
                (i32.store (local.get $ob) (i32.or (local.get $b) (i32.const 0x40000000)))
                (local.set $ob (i32.add (local.get $ob) (i32.const 4)))
                (local.set $hitB (i32.const 0))))
            (local.set $nb (i32.add (local.get $nb) (i32.const 1)))
            (local.set $startB (i32.add (local.get $b) (i32.const 1)))))
        (local.set $b (i32.add (local.get $b) (i32.const 1)))
        (br $both)))
    ;; Whichever stream is longer finishes alone.
    (block $soloA
      (loop $restA
        (br_if $soloA (i32.ge_u (local.get $a) (local.get $aEnd)))
        (local.set $ca (i32.load8_u (i32.load8_u (local.get $a))))
        (local.set $sa (i32.load16_u (i32.add (local.get $next)
          (i32.shl (i32.or (i32.shl (local.get $sa) (local.get $shift)) (local.get $ca)) (i32.const 1)))))
        (if (i32.ge_u (local.get $sa) (local.get $first))
          (then
            (if (i32.eqz (local.get $hitA))
              (then
                (i32.store (local.get $oa) (i32.or (local.get $startA) (i32.const 0x80000000)))
                (i32.store offset=4 (local.get $oa) (local.get $na))
                (local.set $oa (i32.add (local.get $oa) (i32.const 8)))
                (local.set $hitA (i32.const 1))))
            (i32.store (local.get $oa) (local.get $sa))
            (local.set $oa (i32.add (local.get $oa) (i32.const 4)))))
        ;; Class 1 is the newline: the automaton is back at the root and a new line begins.
        (if (i32.eq (local.get $ca) (i32.const 1))
          (then
            (if (local.get $hitA)
              (then
                (i32.store (local.get $oa) (i32.or (local.get $a) (i32.const 0x40000000)))
                (local.set $oa (i32.add (local.get $oa) (i32.const 4)))
                (local.set $hitA (i32.const 0))))
            (local.set $na (i32.add (local.get $na) (i32.const 1)))
            (local.set $startA (i32.add (local.get $a) (i32.const 1)))))
        (local.set $a (i32.add (local.get $a) (i32.const 1)))
        (br $restA)))
    (block $soloB
      (loop $restB
        (br_if $soloB (i32.ge_u (local.get $b) (local.get $bEnd)))
        (local.set $cb (i32.load8_u (i32.load8_u (local.get $b))))
        (local.set $sb (i32.load16_u (i32.add (local.get $next)
          (i32.shl (i32.or (i32.shl (local.get $sb) (local.get $shift)) (local.get $cb)) (i32.const 1)))))
        (if (i32.ge_u (local.get $sb) (local.get $first))
          (then
            (if (i32.eqz (local.get $hitB))
              (then
                (i32.store (local.get $ob) (i32.or (local.get $startB) (i32.const 0x80000000)))
                (i32.store offset=4 (local.get $ob) (local.get $nb))
                (local.set $ob (i32.add (local.get $ob) (i32.const 8)))
                (local.set $hitB (i32.const 1))))
            (i32.store (local.get $ob) (local.get $sb))
            (local.set $ob (i32.add (local.get $ob) (i32.const 4)))))
        ;; Class 1 is the newline: the automaton is back at the root and a new line begins.
        (if (i32.eq (local.get $cb) (i32.const 1))
          (then
            (if (local.get $hitB)
              (then
                (i32.store (local.get $ob) (i32.or (local.get $b) (i32.const 0x40000000)))
                (local.set $ob (i32.add (local.get $ob) (i32.const 4)))
                (local.set $hitB (i32.const 0))))
            (local.set $nb (i32.add (local.get $nb) (i32.const 1)))
            (local.set $startB (i32.add (local.get $b) (i32.const 1)))))
        (local.set $b (i32.add (local.get $b) (i32.const 1)))
        (br $restB)))
    ;; Input that does not end with a newline: its last line ends at the stream's end.
    (if (local.get $hitA)
      (then
        (i32.store (local.get $oa) (i32.or (local.get $aEnd) (i32.const 0x40000000)))
        (local.set $oa (i32.add (local.get $oa) (i32.const 4)))))
    (if (local.get $hitB)
      (then
        (i32.store (local.get $ob) (i32.or (local.get $bEnd) (i32.const 0x40000000)))
        (local.set $ob (i32.add (local.get $ob) (i32.const 4)))))
    (global.set $endB (local.get $ob))
    (global.set $linesA (local.get $na))
    (global.set $linesB (local.get $nb))
    (local.get $oa))

  ;; newlines: the number of 0x0a bytes in [$pos, $end), 16 at a time.
  (func (export "newlines") (param $pos i32) (param $end i32) (result i32)
    (local $count i32) (local $acc v128) (local $round i32)
    (block $wide
      (loop $blocks
        (br_if $wide (i32.gt_u (i32.add (local.get $pos) (i32.const 16)) (local.get $end)))
        ;; Lanes count down by one per newline (eq gives -1); flush before a lane can wrap.
        (local.set $acc
          (i8x16.add (local.get $acc) (i8x16.eq (v128.load align=1 (local.get $pos)) (i8x16.splat (i32.const 10)))))
        (local.set $pos (i32.add (local.get $pos) (i32.const 16)))
        (local.set $round (i32.add (local.get $round) (i32.const 1)))
        (if (i32.eq (local.get $round) (i32.const 255))
          (then
            (local.set $count (i32.add (local.get $count) (call $lanes (local.get $acc))))
            (local.set $acc (v128.const i32x4 0 0 0 0))
            (local.set $round (i32.const 0))))
        (br $blocks)))
    (local.set $count (i32.add (local.get $count) (call $lanes (local.get $acc))))
    (block $tail
      (loop $bytes
        (br_if $tail (i32.ge_u (local.get $pos) (local.get $end)))
        (if (i32.eq (i32.load8_u (local.get $pos)) (i32.const 10))
          (then (local.set $count (i32.add (local.get $count) (i32.const 1)))))
        (local.set $pos (i32.add (local.get $pos) (i32.const 1)))
        (br $bytes)))
    (local.get $count))

  ;; Sum of the 16 lanes, each holding minus its count modulo 256.
  (func $lanes (param $acc v128) (result i32)
    (local $wide v128)
    (local.set $wide (i16x8.extadd_pairwise_i8x16_u (i8x16.neg (local.get $acc))))
    (local.set $wide (i32x4.extadd_pairwise_i16x8_u (local.get $wide)))
    (i32.add
      (i32.add (i32x4.extract_lane 0 (local.get $wide)) (i32x4.extract_lane 1 (local.get $wide)))
      (i32.add (i32x4.extract_lane 2 (local.get $wide)) (i32x4.extract_lane 3 (local.get $wide)))))
)
