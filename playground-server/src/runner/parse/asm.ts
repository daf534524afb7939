/**
 * Reads the compiler's assembly listing (`compile -S=2`, directly or through `go build
 * -gcflags=-S=2`) into the package's functions and their instructions, each at the line of the
 * snippet it was compiled from.
 *
 * How the compiler prints it (src/cmd/internal/obj/objfile.go, writeSymDebugNamed): one header
 * line per symbol, `main.main<1> STEXT size=624 align=0x0 args=0x0 locals=0x1b8 funcid=0x0` (the
 * `<1>` is the ABI, printed at -S=2), then for a function one line per instruction,
 * `\t0x0029 00041 (play/main.go:8)\tCALL\truntime.newobject(SB)`, then the symbol's bytes in hex
 * and its relocations, also tab-indented. -S=2 rather than -S: at level 1 an instruction carries
 * the innermost position (`fmt/print.go:307` for code inlined from fmt), at 2 the outermost one,
 * the line of the snippet that the inlined call stands on, which is where a reader looks for it.
 */
import type { AsmFunction, AsmInstruction, AsmMark } from '../../contract/index.ts';
import { snippetModule } from './compiler.ts';

/**
 * A symbol's header; its name may hold spaces (`type:func(int, string)`), so the fields anchor it
 * from the end (their order changed in Go 1.27: align now comes right after size).
 */
const header = /^(.+?)(?:<\d+>)?(?:<idx [^>]*>)? (S[A-Z0-9_]+) (?:[a-z]+ )*size=\d+(?: [a-z]+=0x[0-9a-f]+| leaf)*$/;
const instruction = /^\t0x[0-9a-f]+ (\d+) \(([^)]*)\)\t(\S+)(?:\t(.*))?$/;
const position = /^(.*):(\d+)$/;
const snippetFile = new RegExp(`^(?:\\./|${snippetModule}/)([^/]+\\.go)$`);
/** Pseudo-instructions that only annotate the code for the runtime (liveness, stack maps). */
const pseudo = new Set(['PCDATA', 'FUNCDATA']);

const markRules: [AsmMark, RegExp][] = [
	[
		'alloc',
		/^runtime\.(?:newobject|mallocgc\w*|makeslice\w*|growslice|makemap\w*|makechan\w*|newarray|convT\w*|concatstring\w*|concatbyte\w*|slicebytetostring|stringtoslicebyte|stringtoslicerune|slicerunetostring|intstring|rawstring\w*|rawbyteslice|newproc|deferproc\w*)$/,
	],
	['clear', /^runtime\.(?:mapclear|memclrNoHeapPointers|memclrHasPointers|typedmemclr|typedslicemclr)$/],
	['write-barrier', /^runtime\.(?:gcWriteBarrier\w*|wbZero|wbMove)$/],
	['panic', /^runtime\.(?:panic\w*|goPanic\w*)$/],
];
const calls = new Set(['CALL', 'BL', 'JAL', 'JMP', 'B']);

/** What an instruction does that matters to memory, from the runtime function it calls. */
export function asmMark(op: string, args: string): AsmMark | null {
	// The write barrier's test of the runtime's flag (`CMPL runtime.writeBarrier(SB), $0`).
	if (/\bruntime\.writeBarrier\(SB\)/.test(args)) return 'write-barrier';
	if (!calls.has(op)) return null;
	const target = /^([\w.·/]+)(?:<\d+>)?\(SB\)/.exec(args)?.[1];
	if (!target) return null;
	return markRules.find(([, re]) => re.test(target))?.[0] ?? null;
}

export interface AsmListing {
	/** The functions with at least one instruction from a snippet file, in the compiler's order. */
	functions: AsmFunction[];
	/** Every line that is not part of the listing (compile errors, the go command's own lines). */
	rest: string;
}

export function parseAssembly(text: string, goFiles: ReadonlySet<string>): AsmListing {
	const functions: AsmFunction[] = [];
	const rest: string[] = [];
	let current: AsmFunction | null = null;
	let inSymbol = false;
	for (const line of text.split('\n')) {
		const h = header.exec(line);
		if (h) {
			inSymbol = true;
			current = h[2] === 'STEXT' ? { name: h[1]!, instructions: [] } : null;
			if (current) functions.push(current);
			continue;
		}
		if (inSymbol && line.startsWith('\t')) {
			const i = instruction.exec(line);
			if (!i || !current) continue; // the symbol's bytes and relocations
			const [, pc, where = '', op = '', args = ''] = i;
			if (pseudo.has(op)) continue;
			const p = position.exec(where);
			const file = p ? (snippetFile.exec(p[1]!)?.[1] ?? p[1]!) : '';
			const ins: AsmInstruction = { file, line: p ? Number(p[2]) : 0, pc: Number(pc), op, args: args.replace(/<\d+>(?=\(SB\)|\+)/g, ''), mark: null };
			ins.mark = asmMark(op, ins.args);
			current.instructions.push(ins);
			continue;
		}
		inSymbol = false;
		current = null;
		rest.push(line);
	}
	return { functions: functions.filter((f) => f.instructions.some((i) => goFiles.has(i.file))), rest: rest.join('\n') };
}
