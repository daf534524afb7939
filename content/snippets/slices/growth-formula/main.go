// Appends 10,000 elements one at a time and prints every capacity
// change: the capacity the growth formula asks for, the bytes that
// is, the bytes rounded up to the allocator's next size class (or
// whole pages above 32 KiB), and the capacity append returned.
package main

import (
	"fmt"
	"unsafe"
)

// next is the runtime's growth formula (runtime.nextslicecap).
func next(newLen, oldCap int) int {
	if newLen > 2*oldCap {
		return newLen
	}
	if oldCap < 256 {
		return 2 * oldCap
	}
	c := oldCap
	for c < newLen {
		c += (c + 3*256) >> 2
	}
	return c
}

var sinkInts []int
var sinkBytes []byte

func grow[T any](name string, s []T, sink *[]T) {
	size := int(unsafe.Sizeof(*new(T)))
	fmt.Printf("%s\n%8s %8s %8s %8s %8s\n", name,
		"old cap", "formula", "bytes", "rounded", "new cap")
	allocs, total := 0, 0
	for range 10_000 {
		old := cap(s)
		s = append(s, *new(T))
		*sink = s // on the heap from the first append
		if cap(s) == old {
			continue
		}
		f := next(len(s), old)
		fmt.Printf("%8d %8d %8d %8d %8d\n",
			old, f, f*size, cap(s)*size, cap(s))
		allocs++
		total += cap(s) * size
	}
	fmt.Printf("%d allocations, %d bytes\n", allocs, total)
}

func main() {
	grow("[]int", nil, &sinkInts)
	grow("[]byte", nil, &sinkBytes)
	// Output:
	// []int
	//  old cap  formula    bytes  rounded  new cap
	//        0        1        8        8        1
	//        1        2       16       16        2
	//        2        4       32       32        4
	//        4        8       64       64        8
	//        8       16      128      128       16
	//       16       32      256      256       32
	//       32       64      512      512       64
	//       64      128     1024     1024      128
	//      128      256     2048     2048      256
	//      256      512     4096     4096      512
	//      512      832     6656     6784      848
	//      848     1252    10016    10240     1280
	//     1280     1792    14336    14336     1792
	//     1792     2432    19456    20480     2560
	//     2560     3392    27136    27264     3408
	//     3408     4452    35616    40960     5120
	//     5120     6592    52736    57344     7168
	//     7168     9152    73216    73728     9216
	//     9216    11712    93696    98304    12288
	// 19 allocations, 357624 bytes
	// []byte
	//  old cap  formula    bytes  rounded  new cap
	//        0        1        1        8        8
	//        8       16       16       16       16
	//       16       32       32       32       32
	//       32       64       64       64       64
	//       64      128      128      128      128
	//      128      256      256      256      256
	//      256      512      512      512      512
	//      512      832      832      896      896
	//      896     1312     1312     1408     1408
	//     1408     1952     1952     2048     2048
	//     2048     2752     2752     3072     3072
	//     3072     4032     4032     4096     4096
	//     4096     5312     5312     5376     5376
	//     5376     6912     6912     6912     6912
	//     6912     8832     8832     9472     9472
	//     9472    12032    12032    12288    12288
	// 16 allocations, 46584 bytes
}
