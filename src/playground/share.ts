/**
 * Share links: the code and the action in the URL fragment, `#play=<data>`, where data is the JSON
 * below, deflated (the browser's CompressionStream) and base64url-encoded. A fragment never
 * reaches a server, so nothing is stored anywhere and the link works on any copy of the site.
 *
 * A link to an unedited snippet carries no code, only which snippet and which action. Links are
 * kept under `maxLinkLength` characters, which chat tools, mail clients and browsers all pass
 * through; code that does not fit (roughly 25–30 KB of Go) is not shared as a link: the reader is
 * told to copy it instead.
 */
import type { Mode, RunOptions } from '@playbook/engine/contract';
import { modes } from '@playbook/engine/contract';

export interface Shared {
	/** The snippet ("basics/new-counter"), or "play" for /play. */
	id: string;
	/** The snippet's src, to tell two playgrounds of one snippet apart. */
	src?: string;
	action: Mode;
	/** Absent: the snippet's own code. */
	files?: Record<string, string>;
	options?: RunOptions;
}

export const maxLinkLength = 8000;
const prefix = '#play=';

async function pipe(bytes: Uint8Array, stream: CompressionStream | DecompressionStream): Promise<Uint8Array> {
	const out = new Blob([bytes as BlobPart]).stream().pipeThrough(stream);
	return new Uint8Array(await new Response(out).arrayBuffer());
}

function toBase64url(bytes: Uint8Array): string {
	let bin = '';
	for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
	return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64url(s: string): Uint8Array {
	const bin = atob(s.replace(/-/g, '+').replace(/_/g, '/'));
	return Uint8Array.from(bin, (c) => c.charCodeAt(0));
}

/** The link for `shared` on this page, or null when it would be longer than maxLinkLength. */
export async function shareLink(shared: Shared): Promise<{ url: string; length: number; fits: boolean }> {
	const json = new TextEncoder().encode(JSON.stringify({ v: 1, ...shared }));
	const data = toBase64url(await pipe(json, new CompressionStream('deflate-raw')));
	const url = `${location.origin}${location.pathname}${prefix}${data}`;
	return { url, length: url.length, fits: url.length <= maxLinkLength };
}

let decoded: Promise<Shared | null> | null = null;

/** What the page's URL shares, decoded once per page; null when it shares nothing or is damaged. */
export function sharedInUrl(): Promise<Shared | null> {
	if (!location.hash.startsWith(prefix)) return Promise.resolve(null);
	decoded ??= (async () => {
		try {
			const bytes = await pipe(fromBase64url(location.hash.slice(prefix.length)), new DecompressionStream('deflate-raw'));
			const x = JSON.parse(new TextDecoder().decode(bytes)) as Partial<Shared> & { v?: number };
			const filesOk =
				x.files === undefined ||
				(typeof x.files === 'object' && x.files !== null && Object.values(x.files).every((v) => typeof v === 'string'));
			if (x.v !== 1 || typeof x.id !== 'string' || !modes.includes(x.action as Mode) || !filesOk) return null;
			return x as Shared;
		} catch {
			return null;
		}
	})();
	return decoded;
}

export const urlSharesSomething = () => location.hash.startsWith(prefix);
