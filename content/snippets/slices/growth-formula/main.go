// Appends 10,000 elements one at a time and prints every capacity
// change: the capacity the growth formula asks for, the bytes that
// is, the bytes rounded up to the allocator's next size class (or
// whole pages above 32 KiB), and the capacity append returned.
package main

import "fmt"

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

const header = " old cap  formula    bytes  rounded  new cap"

// row prints one growth of a slice of elements of size bytes.
func row(oldCap, newLen, newCap, size int) {
	f := next(newLen, oldCap)
	fmt.Printf("%8d %8d %8d %8d %8d\n",
		oldCap, f, f*size, newCap*size, newCap)
}

var (
	sinkInts  []int
	sinkBytes []byte
)

func main() {
	fmt.Println("[]int\n" + header)
	var ints []int
	allocs, total := 0, 0
	for i := range 10_000 {
		old := cap(ints)
		ints = append(ints, i)
		sinkInts = ints // on the heap from the first append
		if cap(ints) != old {
			row(old, len(ints), cap(ints), 8)
			allocs, total = allocs+1, total+8*cap(ints)
		}
	}
	fmt.Println(allocs, "allocations,", total, "bytes")

	fmt.Println("[]byte\n" + header)
	var bytes []byte
	allocs, total = 0, 0
	for i := range 10_000 {
		old := cap(bytes)
		bytes = append(bytes, byte(i))
		sinkBytes = bytes
		if cap(bytes) != old {
			row(old, len(bytes), cap(bytes), 1)
			allocs, total = allocs+1, total+cap(bytes)
		}
	}
	fmt.Println(allocs, "allocations,", total, "bytes")
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
